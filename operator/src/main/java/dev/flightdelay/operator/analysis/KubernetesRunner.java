package dev.flightdelay.operator.analysis;

import dev.flightdelay.api.v1alpha1.DelayAnalysis;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.function.Consumer;

/** Attempts as driver pods, submitted in-process by {@link DriverSubmitter}. */
public final class KubernetesRunner implements AttemptRunner {

  /** The reason of an attempt whose Spark settings could not be submitted. */
  static final String INVALID_SPARK_CONF = "InvalidSparkConf";

  private final KubernetesClient client;
  private final SparkConfFactory confFactory;
  private final DriverSubmitter submitter;
  private final DriverPodObserver observer = new DriverPodObserver();
  private final Consumer<String> afterDriverPodCreated;

  public KubernetesRunner(KubernetesClient client, SparkConfFactory confFactory, Consumer<String> afterDriverPodCreated) {
    this.client = client;
    this.confFactory = confFactory;
    this.submitter = new DriverSubmitter(client);
    this.afterDriverPodCreated = afterDriverPodCreated;
  }

  @Override
  public boolean start(DelayAnalysis analysis, AttemptNames names, DataAccess access) throws RunnerException {
    DriverSubmitter.Submitted submitted;
    try {
      submitted = submitter.submit(analysis, names, confFactory.driverConf(analysis, names, access),
          JobArguments.of(analysis.getSpec(), access, JobArguments.TERMINATION_LOG));
    } catch (KubernetesClientException e) {
      if (e.getCode() == 403 || e.getCode() == 422) {
        throw new RunnerException(e.getCode() == 403 ? "Forbidden" : "DriverRejected",
            "the API server refused the driver of " + names.applicationId() + ": " + e.getStatus().getMessage(), e);
      }
      throw e;
    } catch (IllegalArgumentException e) {
      // Spark's feature steps check the conf. Its message quotes the value it read, which may be
      // what a ${...} expanded to: neither it nor the exception goes into the status, an event or the log.
      throw new RunnerException(INVALID_SPARK_CONF, "Spark refused the settings built from spec.spark ("
          + e.getClass().getSimpleName() + "); check spec.spark.conf against the allowlist in the CRD description", null);
    }
    afterDriverPodCreated.accept(names.driverPod());
    return submitted.created();
  }

  @Override
  public AttemptObservation observe(DelayAnalysis analysis, AttemptNames names, Context<DelayAnalysis> context) {
    Pod pod = context.getSecondaryResources(Pod.class).stream()
        .filter(p -> names.driverPod().equals(p.getMetadata().getName()))
        .findFirst()
        // Right after creation the informer may not have the pod yet.
        .orElseGet(() -> client.pods().inNamespace(analysis.getMetadata().getNamespace()).withName(names.driverPod()).get());
    return observer.observe(pod);
  }

  @Override
  public void stop(DelayAnalysis analysis, AttemptNames names) {
    client.pods().inNamespace(analysis.getMetadata().getNamespace()).withName(names.driverPod()).delete();
  }

  @Override
  public boolean removeFinished(DelayAnalysis analysis) {
    var pods = client.pods().inNamespace(analysis.getMetadata().getNamespace())
        .withLabel(DriverLabels.ANALYSIS_UID, analysis.getMetadata().getUid());
    if (pods.list().getItems().isEmpty()) {
      return false;
    }
    pods.delete();
    return true;
  }
}
