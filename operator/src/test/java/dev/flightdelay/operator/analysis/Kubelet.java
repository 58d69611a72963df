package dev.flightdelay.operator.analysis;

import static org.awaitility.Awaitility.await;

import dev.flightdelay.operator.OperatorHarness;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The test plays the kubelet: it moves driver pods through their phases as a node would. */
public final class Kubelet {

  private final KubernetesClient client;

  public Kubelet(KubernetesClient client) {
    this.client = client;
  }

  Pod awaitPod(String name) {
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
        .until(() -> pod(name) != null);
    return pod(name);
  }

  Pod pod(String name) {
    return client.pods().inNamespace(OperatorHarness.NAMESPACE).withName(name).get();
  }

  public List<Pod> driverPods() {
    return client.pods().inNamespace(OperatorHarness.NAMESPACE).withLabel(DriverLabels.MANAGED_BY, DriverLabels.OPERATOR)
        .list().getItems();
  }

  List<Pod> driverPodsOf(String analysis) {
    return client.pods().inNamespace(OperatorHarness.NAMESPACE).withLabel(DriverLabels.ANALYSIS, analysis)
        .list().getItems();
  }

  void run(String name) {
    setStatus(name, new PodStatusBuilder().withPhase("Running").withStartTime(now())
        .addNewCondition().withType("Ready").withStatus("True").withLastTransitionTime(now()).endCondition()
        .addToContainerStatuses(new ContainerStatusBuilder().withName(DriverPodObserver.DRIVER_CONTAINER).withReady(true)
            .withNewState().withNewRunning().withStartedAt(now()).endRunning().endState().build())
        .build());
  }

  /** The driver container ended with exitCode and wrote message to its termination log. */
  public void terminate(String name, int exitCode, String message) {
    setStatus(name, new PodStatusBuilder().withPhase(exitCode == 0 ? "Succeeded" : "Failed").withStartTime(now())
        .addToContainerStatuses(new ContainerStatusBuilder().withName(DriverPodObserver.DRIVER_CONTAINER).withReady(false)
            .withNewState().withNewTerminated().withExitCode(exitCode).withReason(exitCode == 0 ? "Completed" : "Error")
            .withMessage(message).withFinishedAt(now()).endTerminated().endState().build())
        .build());
  }

  void waiting(String name, String reason) {
    setStatus(name, new PodStatusBuilder().withPhase("Pending")
        .addToContainerStatuses(new ContainerStatusBuilder().withName(DriverPodObserver.DRIVER_CONTAINER).withReady(false)
            .withNewState().withNewWaiting().withReason(reason).withMessage(reason + " for the test").endWaiting().endState()
            .build())
        .build());
  }

  private void setStatus(String name, io.fabric8.kubernetes.api.model.PodStatus status) {
    Pod pod = awaitPod(name);
    pod.setStatus(status);
    client.pods().inNamespace(OperatorHarness.NAMESPACE).resource(pod).updateStatus();
  }

  private static String now() {
    return Instant.now().toString();
  }
}
