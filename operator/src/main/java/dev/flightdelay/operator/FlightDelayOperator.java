package dev.flightdelay.operator;

import dev.flightdelay.operator.analysis.DelayAnalysisController;
import dev.flightdelay.operator.analysis.LocalJobRunner;
import dev.flightdelay.operator.aws.AwsCallMetrics;
import dev.flightdelay.operator.aws.AwsClientFactory;
import dev.flightdelay.operator.databucket.DataBucketController;
import dev.flightdelay.operator.sparkhost.SparkHostController;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.ControllerConfigurationOverrider;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * The operator process minus its main: the JOSDK Operator with every reconciler registered,
 * sharing one Kubernetes client, one AWS client factory and one metrics registry.
 */
public final class FlightDelayOperator implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(FlightDelayOperator.class);

  /**
   * The user agent of the operator's Kubernetes client: what the API server's audit log names it
   * by, and how tests tell the operator's requests from their own.
   */
  public static final String USER_AGENT = "flight-delay-operator/" + Version.OPERATOR;

  private final Operator operator;
  private final AwsClientFactory awsClients;
  private final AwsCallMetrics awsCalls;
  private final LocalJobRunner localRunner;
  private volatile boolean closing;

  /** Points where tests step in (a crash after a cloud call); production passes {@link #NO_HOOKS}. */
  public record Hooks(DataBucketController.Hooks dataBucket, DelayAnalysisController.Hooks delayAnalysis,
      SparkHostController.Hooks sparkHost) {
    public Hooks(DataBucketController.Hooks dataBucket, DelayAnalysisController.Hooks delayAnalysis) {
      this(dataBucket, delayAnalysis, SparkHostController.NONE);
    }
  }

  public static final Hooks NO_HOOKS = new Hooks(DataBucketController.NONE, DelayAnalysisController.NONE);

  public FlightDelayOperator(OperatorConfig config, KubernetesClient client, MeterRegistry registry, Clock clock,
      Hooks hooks) {
    this(config, client, registry, clock, hooks, DefaultCredentialsProvider.builder().build());
  }

  /**
   * @param operatorIdentity the operator's own AWS credentials: used where the admin allows it,
   *     and to assume the roles mapped to namespaces
   */
  public FlightDelayOperator(OperatorConfig config, KubernetesClient client, MeterRegistry registry, Clock clock,
      Hooks hooks, AwsCredentialsProvider operatorIdentity) {
    this.awsCalls = new AwsCallMetrics(registry);
    this.awsClients =
        new AwsClientFactory(awsCalls, Duration.ofMinutes(10), clock, operatorIdentity, config.stsEndpoint(),
            Stream.of(config.s3Endpoint(), config.ec2Endpoint(), config.stsEndpoint()).filter(Objects::nonNull)
                .collect(Collectors.toSet()),
            config.policy().seeds());
    this.operator =
        new Operator(
            o -> {
              o.withKubernetesClient(client)
                  .withCloseClientOnStop(false)
                  .withUseSSAToPatchPrimaryResource(config.serverSideApply())
                  .withConcurrentReconciliationThreads(config.reconcileThreads())
                  .withMetrics(MicrometerMetrics.newPerResourceCollectingMicrometerMetricsBuilder(registry).build());
              if (config.leaderElection()) {
                o.withLeaderElectionConfiguration(leaderElection(config));
              }
            });
    operator.register(DataBucketController.reconciler(config, client, awsClients, clock, hooks.dataBucket()),
        o -> watch(o, config));
    operator.register(SparkHostController.reconciler(config, client, awsClients, clock, hooks.sparkHost()),
        o -> watch(o, config));
    DelayAnalysisController.Parts analysis =
        DelayAnalysisController.create(config, client, registry, clock, hooks.delayAnalysis());
    this.localRunner = analysis.localRunner();
    operator.register(analysis.reconciler(), o -> watch(o, config));
  }

  /**
   * The Lease as client-go's leader election holds it: the identity is the host (pod) name and a
   * per-process id, so two processes never share one. A replica that loses the Lease while it
   * runs exits, so that two never reconcile at once; one being stopped does not (JOSDK's own exit
   * would run inside the shutdown hook and hang the JVM until it is killed).
   */
  private LeaderElectionConfiguration leaderElection(OperatorConfig config) {
    String host = Objects.requireNonNullElse(System.getenv("HOSTNAME"), "flight-delay-operator");
    LeaderCallbacks callbacks = new LeaderCallbacks(() -> LOG.info("leading: holding Lease {}/{}",
        config.leaseNamespace(), config.leaseName()), this::leaseLost, leader -> {});
    return new LeaderElectionConfiguration(config.leaseName(), config.leaseNamespace(),
        config.leaseTiming().duration(), config.leaseTiming().renewDeadline(), config.leaseTiming().retryPeriod(), host + "_" + UUID.randomUUID(), callbacks, false);
  }

  private void leaseLost() {
    if (!closing) {
      LOG.error("lost the Lease while running: exiting so that no two replicas reconcile at once");
      System.exit(1);
    }
  }

  private static void watch(ControllerConfigurationOverrider<?> o, OperatorConfig config) {
    if (config.watchNamespaces().isEmpty()) {
      o.watchingAllNamespaces();
    } else {
      o.settingNamespaces(config.watchNamespaces());
    }
  }

  public void start() {
    operator.start();
  }

  /** True once every informer has synced and is healthy. */
  public boolean isReady() {
    var info = operator.getRuntimeInfo();
    return info.isStarted() && info.allEventSourcesAreHealthy();
  }

  /** AWS calls made so far (every kind, every operation). */
  public long awsCalls() {
    return awsCalls.calls();
  }

  @Override
  public void close() {
    closing = true;
    operator.stop();
    localRunner.close();
    awsClients.close();
  }
}
