package dev.flightdelay.operator.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flightdelay.api.v1alpha1.DelayAnalysis;
import dev.flightdelay.api.v1alpha1.DelayAnalysisStatus.Phase;
import dev.flightdelay.operator.OperatorHarness;
import dev.flightdelay.testing.MotoExtension;
import dev.flightdelay.testing.MotoServer;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a DelayAnalysis driver asks of the API server: Spark's own scheduler backend, started with
 * the spark.properties the operator gave the driver pod, against the mock API server. The
 * requests it sends (logged by the mock server) are what the chart's Spark driver Role is derived
 * from in helm/.
 */
@ExtendWith(MotoExtension.class)
class SparkDriverRequestsTest {

  @AutoClose
  private OperatorHarness harness;

  @Test
  void theDriverStartsItsExecutorsAsPodsOwnedByItReplacesAFailedOneAndDeletesThemWhenItStops(MotoServer moto) throws IOException {
    harness = OperatorHarness.start(moto);
    var client = harness.client();
    DelayAnalyses.createSparkServiceAccount(client);
    DelayAnalyses.create(client, "executors", s -> s.setInputUri("file:/data/flights.csv"));
    DelayAnalysis submitted = DelayAnalyses.awaitPhase(client, "executors", Phase.Submitted);
    Kubelet kubelet = new Kubelet(client);
    Pod driverPod = kubelet.awaitPod(submitted.getStatus().getDriverPod());
    kubelet.run(driverPod.getMetadata().getName());

    SparkContext driver = new SparkContext(driverConf(driverPod));
    try {
      await().atMost(Duration.ofSeconds(60)).until(() -> executorPods().size() == 2);
      assertThat(executorPods()).allSatisfy(executor -> {
        assertThat(executor.getMetadata().getOwnerReferences()).singleElement()
            .satisfies(owner -> assertThat(owner.getUid()).isEqualTo(driverPod.getMetadata().getUid()));
        assertThat(executor.getMetadata().getLabels())
            .containsEntry("spark-app-selector", submitted.getStatus().getApplicationId());
      });

      String failed = executorPods().get(0).getMetadata().getName();
      fail(executorPods().get(0));
      await().atMost(Duration.ofSeconds(60)).until(() -> executorPods().size() == 2
          && executorPods().stream().noneMatch(p -> p.getMetadata().getName().equals(failed)));
      await().atMost(Duration.ofSeconds(30)).until(this::driverListedItsExecutors);
    } finally {
      driver.stop();
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> executorPods().isEmpty());
  }

  /**
   * The driver container's conf: its spark.properties (as the image's entrypoint passes them to
   * spark-submit --deploy-mode client), with the mock server as the API server (in a pod the
   * driver reaches https://kubernetes.default.svc with its service account token), the driver on
   * loopback, no wait for executors to register (nothing runs them here), and its periodic list of
 * executors every second instead of every 30.
   */
  private SparkConf driverConf(Pod driverPod) throws IOException {
    String configMapName = driverPod.getSpec().getVolumes().stream().filter(v -> v.getConfigMap() != null)
        .map(v -> v.getConfigMap().getName()).findFirst().orElseThrow();
    ConfigMap configMap = harness.client().configMaps().inNamespace(OperatorHarness.NAMESPACE).withName(configMapName).get();
    Properties properties = new Properties();
    properties.load(new StringReader(configMap.getData().get("spark.properties")));
    SparkConf conf = new SparkConf(false);
    properties.stringPropertyNames().forEach(key -> conf.set(key, properties.getProperty(key)));
    return conf.setMaster("k8s://" + harness.api().url())
        .set("spark.submit.deployMode", "client")
        .set("spark.kubernetes.submitInDriver", "false")
        .set("spark.driver.host", "127.0.0.1")
        .set("spark.driver.bindAddress", "127.0.0.1")
        .set("spark.ui.enabled", "false")
        .set("spark.scheduler.minRegisteredResourcesRatio", "0")
        .set("spark.kubernetes.executor.apiPollingInterval", "1s");
  }

  /** The kubelet's report of an executor container that exited with an error. */
  private void fail(Pod executor) {
    executor.setStatus(new PodStatusBuilder().withPhase("Failed")
        .addToContainerStatuses(new ContainerStatusBuilder().withName(executor.getSpec().getContainers().get(0).getName())
            .withNewState().withNewTerminated().withExitCode(1).withReason("Error").endTerminated().endState().build())
        .build());
    harness.client().pods().inNamespace(OperatorHarness.NAMESPACE).resource(executor).updateStatus();
  }

  /** The driver's periodic list of its executors (every apiPollingInterval), besides its watch. */
  private boolean driverListedItsExecutors() {
    return harness.api().takeRequests().stream()
        .anyMatch(r -> r.startsWith("GET /api/v1/namespaces/" + OperatorHarness.NAMESPACE + "/pods?labelSelector=spark-app-selector"));
  }

  private List<Pod> executorPods() {
    return harness.client().pods().inNamespace(OperatorHarness.NAMESPACE).withLabel("spark-role", "executor").list().getItems();
  }
}
