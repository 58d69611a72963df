package dev.flightdelay.operator;

import dev.flightdelay.operator.analysis.DelayAnalysisController;
import dev.flightdelay.operator.databucket.DataBucketController;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.flightdelay.testing.KubernetesMockApi;
import dev.flightdelay.testing.MotoServer;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import dev.flightdelay.operator.policy.Cidr;
import dev.flightdelay.operator.policy.ImagePolicy;
import dev.flightdelay.operator.policy.NamespaceSet;
import dev.flightdelay.operator.policy.SeedAddressPolicy;
import dev.flightdelay.operator.policy.TenancyPolicy;
import dev.flightdelay.testing.FlightData;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The real operator against the Fabric8 mock API server (CRUD mode, our CRDs) and moto (S3, EC2,
 * IAM and STS at one endpoint), with short resync and back-off so tests see the next reconcile
 * within seconds.
 */
public final class OperatorHarness implements AutoCloseable {

  public static final String NAMESPACE = "flights";
  /** A Secret in NAMESPACE with moto's keys, as a user would make for their AWS account. */
  public static final String CREDENTIALS_SECRET = "aws-credentials";
  /** The Lease replicas elect a leader with, when leader election is on. */
  public static final String LEASE = "flight-delay-operator";
  /** The operator's job image (FLIGHTDELAY_JOB_IMAGE). */
  public static final String JOB_IMAGE = "flight-delay-job:test";
  /** The one registry whose images the admin allows besides the job image (FLIGHTDELAY_ALLOWED_IMAGES). */
  public static final String TRUSTED_REGISTRY = "registry.example/";
  /** Shorter than the defaults, so that a takeover fits in a test. */
  public static final OperatorConfig.LeaseTiming LEASE_TIMING =
      new OperatorConfig.LeaseTiming(Duration.ofSeconds(8), Duration.ofSeconds(6), Duration.ofSeconds(1));

  private final KubernetesMockApi api;
  /** The operator's own client, with its production user agent: the test's requests are not the operator's. */
  private final KubernetesClient operatorClient;
  private final URI s3Endpoint;
  private final TenancyPolicy policy;
  private final AwsCredentialsProvider operatorIdentity;
  /** Where runner: local jobs keep their logs and summaries: one per harness, as uids repeat across mock servers. */
  private final Path localRuns;
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private FlightDelayOperator operator;
  private boolean leaderElection;
  private Duration resyncInterval = Duration.ofSeconds(2);
  private Set<String> watchNamespaces = Set.of();
  private final List<FlightDelayOperator> replicas = new ArrayList<>();

  private OperatorHarness(KubernetesMockApi api, URI s3Endpoint, TenancyPolicy policy,
      AwsCredentialsProvider operatorIdentity) {
    this.api = api;
    this.operatorClient = api.newClient(FlightDelayOperator.USER_AGENT);
    this.s3Endpoint = s3Endpoint;
    this.policy = policy;
    this.operatorIdentity = operatorIdentity;
    try {
      Path base = Files.createDirectories(Path.of("target", "local-runs"));
      this.localRuns = Files.createTempDirectory(base.toAbsolutePath(), "harness-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static OperatorHarness start(MotoServer moto) {
    return start(moto, FlightDelayOperator.NO_HOOKS);
  }

  public static OperatorHarness start(MotoServer moto, DataBucketController.Hooks hooks) {
    return startWithS3At(moto.endpoint(), new FlightDelayOperator.Hooks(hooks, DelayAnalysisController.NONE));
  }

  public static OperatorHarness start(MotoServer moto, FlightDelayOperator.Hooks hooks) {
    return startWithS3At(moto.endpoint(), hooks);
  }

  /**
   * With leader election on (the Lease {@value #LEASE} in NAMESPACE), as a Deployment of more
   * than one replica runs: this operator is the first replica, {@link #startReplica()} adds one.
   */
  public static OperatorHarness startWithLeaderElection(MotoServer moto) {
    return startConfigured(moto, harness -> harness.leaderElection = true);
  }

  /**
   * With a resync interval no test outlasts (FLIGHTDELAY_RESYNC_SECONDS): what happens then was
   * made to happen by a watch event, not by the periodic re-check that the usual 2 s would be.
   */
  public static OperatorHarness startWithoutResync(MotoServer moto) {
    return startConfigured(moto, harness -> harness.resyncInterval = Duration.ofHours(1));
  }

  /**
   * Watching only namespaces (FLIGHTDELAY_WATCH_NAMESPACES, the chart's watchNamespaces), as an
   * operator whose RBAC is a Role in each of them; NAMESPACE and its Secret are made as usual.
   */
  public static OperatorHarness startWatching(MotoServer moto, Set<String> namespaces) {
    return startConfigured(moto, harness -> harness.watchNamespaces = Set.copyOf(namespaces));
  }

  private static OperatorHarness startConfigured(MotoServer moto, Consumer<OperatorHarness> settings) {
    OperatorHarness harness = new OperatorHarness(KubernetesMockApi.startWithCrds(), moto.endpoint(), trustingPolicy(), motoKeys());
    harness.createNamespaceAndSecret();
    settings.accept(harness);
    harness.startOperator(FlightDelayOperator.NO_HOOKS);
    return harness;
  }

  /** One more replica with the same settings and a client of its own, as another pod of the Deployment. */
  public FlightDelayOperator startReplica() {
    FlightDelayOperator replica = new FlightDelayOperator(config(policy), api.newClient(FlightDelayOperator.USER_AGENT),
        new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), Clock.systemUTC(), FlightDelayOperator.NO_HOOKS,
        operatorIdentity);
    replicas.add(replica);
    replica.start();
    return replica;
  }

  /** With S3 reached at s3Endpoint (e.g. a proxy in front of moto). */
  public static OperatorHarness startWithS3At(URI s3Endpoint, DataBucketController.Hooks hooks) {
    return startWithS3At(s3Endpoint, new FlightDelayOperator.Hooks(hooks, DelayAnalysisController.NONE));
  }

  private static OperatorHarness startWithS3At(URI s3Endpoint, FlightDelayOperator.Hooks hooks) {
    return start(s3Endpoint, hooks, trustingPolicy(), motoKeys());
  }

  private static AwsCredentialsProvider motoKeys() {
    return StaticCredentialsProvider.create(AwsBasicCredentials.create(MotoServer.ACCESS_KEY_ID, MotoServer.SECRET_ACCESS_KEY));
  }

  /**
   * An operator run by an admin with the given policy and own AWS identity; S3 and STS at
   * awsEndpoint. Creates only NAMESPACE and its Secret: tenancy tests make their own.
   */
  public static OperatorHarness start(URI awsEndpoint, FlightDelayOperator.Hooks hooks, TenancyPolicy policy,
      AwsCredentialsProvider operatorIdentity) {
    OperatorHarness harness = new OperatorHarness(KubernetesMockApi.startWithCrds(), awsEndpoint, policy, operatorIdentity);
    harness.createNamespaceAndSecret();
    harness.startOperator(hooks);
    return harness;
  }

  private void createNamespaceAndSecret() {
    createNamespaceAndSecret(api.client());
  }

  /** NAMESPACE and its Secret CREDENTIALS_SECRET with moto's keys, for operators a test runs itself. */
  public static void createNamespaceAndSecret(KubernetesClient client) {
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build()).create();
    client.secrets().inNamespace(NAMESPACE).resource(
        new SecretBuilder().withNewMetadata().withName(CREDENTIALS_SECRET).endMetadata()
            .addToStringData("accessKeyId", MotoServer.ACCESS_KEY_ID)
            .addToStringData("secretAccessKey", MotoServer.SECRET_ACCESS_KEY)
            .build()).create();
  }

  /**
   * The policy of a single-tenant operator, as the tests of one namespace need: the operator's
   * identity, adoption, local runs, the test's own files and loopback seeds allowed in NAMESPACE
   * (emptying adopted buckets is not). Tenancy tests use a strict policy of their own.
   */
  public static TenancyPolicy trustingPolicy() {
    List<Path> roots = List.of(Path.of("/data"), FlightData.dataDir(), Path.of(System.getProperty("java.io.tmpdir")),
        Path.of("target").toAbsolutePath());
    return new TenancyPolicy(NamespaceSet.of(NAMESPACE), Map.of(), NamespaceSet.of(NAMESPACE), NamespaceSet.NONE,
        true, roots, loopbackSeeds(), Duration.ofSeconds(5));
  }

  /** Seeds over http from test servers on loopback, with short timeouts. */
  public static SeedAddressPolicy loopbackSeeds() {
    return new SeedAddressPolicy(true, List.of(Cidr.parse("127.0.0.0/8")), List.of(), Duration.ofSeconds(5),
        Duration.ofSeconds(30), 1L << 30);
  }

  private OperatorConfig config(TenancyPolicy policy) {
    return new OperatorConfig(watchNamespaces, leaderElection, LEASE, leaderElection ? NAMESPACE : "", LEASE_TIMING, 4, MotoServer.REGION, s3Endpoint,
        s3Endpoint, 8080, resyncInterval, Duration.ofSeconds(1), false, JOB_IMAGE,
        ImagePolicy.parse(JOB_IMAGE, TRUSTED_REGISTRY),
        "https://kubernetes.default.svc", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
        localRuns, s3Endpoint, policy);
  }

  /** Starts an operator again with another admin policy, as after a changed Helm value. */
  public void startOperator(FlightDelayOperator.Hooks hooks, TenancyPolicy policy) {
    operator = new FlightDelayOperator(config(policy), operatorClient, registry, Clock.systemUTC(), hooks, operatorIdentity);
    operator.start();
  }

  /** Starts an operator (again, after {@link #stopOperator()}), as a restarted pod would. */
  public void startOperator(DataBucketController.Hooks hooks) {
    startOperator(new FlightDelayOperator.Hooks(hooks, DelayAnalysisController.NONE));
  }

  public void startOperator(FlightDelayOperator.Hooks hooks) {
    startOperator(hooks, policy);
  }

  public void stopOperator() {
    operator.close();
  }

  public Path localRuns() {
    return localRuns;
  }

  public KubernetesClient client() {
    return api.client();
  }

  public KubernetesMockApi api() {
    return api;
  }

  public FlightDelayOperator operator() {
    return operator;
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  @Override
  public void close() {
    replicas.forEach(FlightDelayOperator::close);
    operator.close();
    api.close();
  }

  /**
   * Runs a user's read-modify-write again when the operator wrote the object in between (409),
   * as a user re-applies after "the object has been modified".
   */
  public static void retryOnConflict(Runnable edit) {
    for (int attempt = 1; ; attempt++) {
      try {
        edit.run();
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409 || attempt == 5) {
          throw e;
        }
      }
    }
  }
}
