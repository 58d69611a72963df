package dev.flightdelay.operator.analysis;

import dev.flightdelay.operator.OperatorConfig;
import dev.flightdelay.operator.aws.CredentialsSecretReader;
import dev.flightdelay.operator.status.EventRecorder;
import dev.flightdelay.operator.status.StatusWriter;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.function.Consumer;

/** Builds the DelayAnalysis reconciler and its parts from the operator's shared pieces. */
public final class DelayAnalysisController {

  /**
   * Points where tests step in; production passes {@link #NONE}.
   *
   * @param afterDriverPodCreated called with the pod name right after a driver pod was created,
   *     before its status is written
   */
  public record Hooks(Consumer<String> afterDriverPodCreated) {}

  public static final Hooks NONE = new Hooks(pod -> { });

  private DelayAnalysisController() {}

  /** The reconciler, and the local runner whose child processes the operator stops on close. */
  public record Parts(DelayAnalysisReconciler reconciler, LocalJobRunner localRunner) {}

  public static Parts create(OperatorConfig config, KubernetesClient client, MeterRegistry registry, Clock clock,
      Hooks hooks) {
    LocalJobRunner local = new LocalJobRunner(config.localClasspath(), config.localWorkDir(), new CredentialsSecretReader(client));
    KubernetesRunner kubernetes = new KubernetesRunner(client,
        new SparkConfFactory(config.jobImage(), config.driverApiServer()), hooks.afterDriverPodCreated());
    DelayAnalysisReconciler reconciler = new DelayAnalysisReconciler(config, client, new InputResolver(config, client),
        kubernetes, local, new StatusWriter(client), new EventRecorder(client, clock), new AnalysisMetrics(registry), clock);
    return new Parts(reconciler, local);
  }
}
