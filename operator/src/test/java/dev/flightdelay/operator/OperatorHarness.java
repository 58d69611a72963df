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
import java.util.Set;

/**
 * The real operator against the Fabric8 mock API server (CRUD mode, our CRDs) and moto, with
 * short resync and back-off so tests see the next reconcile within seconds.
 */
public final class OperatorHarness implements AutoCloseable {

  public static final String NAMESPACE = "flights";
  /** A Secret in NAMESPACE with moto's keys, as a user would make for their AWS account. */
  public static final String CREDENTIALS_SECRET = "aws-credentials";

  private final KubernetesMockApi api;
  private final URI s3Endpoint;
  /** Where runner: local jobs keep their logs and summaries: one per harness, as uids repeat across mock servers. */
  private final Path localRuns;
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private FlightDelayOperator operator;

  private OperatorHarness(KubernetesMockApi api, URI s3Endpoint) {
    this.api = api;
    this.s3Endpoint = s3Endpoint;
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

  /** With S3 reached at s3Endpoint (e.g. a proxy in front of moto). */
  public static OperatorHarness startWithS3At(URI s3Endpoint, DataBucketController.Hooks hooks) {
    return startWithS3At(s3Endpoint, new FlightDelayOperator.Hooks(hooks, DelayAnalysisController.NONE));
  }

  private static OperatorHarness startWithS3At(URI s3Endpoint, FlightDelayOperator.Hooks hooks) {
    KubernetesMockApi api = KubernetesMockApi.startWithCrds();
    api.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build()).create();
    api.client().secrets().inNamespace(NAMESPACE).resource(
        new SecretBuilder().withNewMetadata().withName(CREDENTIALS_SECRET).endMetadata()
            .addToStringData("accessKeyId", MotoServer.ACCESS_KEY_ID)
            .addToStringData("secretAccessKey", MotoServer.SECRET_ACCESS_KEY)
            .build()).create();
    OperatorHarness harness = new OperatorHarness(api, s3Endpoint);
    harness.startOperator(hooks);
    return harness;
  }

  private static OperatorConfig config(URI s3Endpoint, Path localRuns) {
    return new OperatorConfig(Set.of(), false, "flight-delay-operator", "", 4, MotoServer.REGION, s3Endpoint,
        null, 8080, Duration.ofSeconds(2), Duration.ofSeconds(1), false, "flight-delay-job:test",
        "https://kubernetes.default.svc", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
        localRuns);
  }

  /** Starts an operator (again, after {@link #stopOperator()}), as a restarted pod would. */
  public void startOperator(DataBucketController.Hooks hooks) {
    startOperator(new FlightDelayOperator.Hooks(hooks, DelayAnalysisController.NONE));
  }

  public void startOperator(FlightDelayOperator.Hooks hooks) {
    operator = new FlightDelayOperator(config(s3Endpoint, localRuns), api.client(), registry, Clock.systemUTC(), hooks);
    operator.start();
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

  public FlightDelayOperator operator() {
    return operator;
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  @Override
  public void close() {
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
