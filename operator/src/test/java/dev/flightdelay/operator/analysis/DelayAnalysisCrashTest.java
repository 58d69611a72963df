package dev.flightdelay.operator.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flightdelay.api.v1alpha1.DelayAnalysis;
import dev.flightdelay.api.v1alpha1.DelayAnalysisStatus.Phase;
import dev.flightdelay.operator.FlightDelayOperator;
import dev.flightdelay.operator.OperatorHarness;
import dev.flightdelay.operator.databucket.DataBucketController;
import dev.flightdelay.testing.MotoExtension;
import dev.flightdelay.testing.MotoServer;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The operator dies between creating a driver pod and writing status; its successor adopts the pod. */
@ExtendWith(MotoExtension.class)
class DelayAnalysisCrashTest {

  @AutoClose
  private OperatorHarness harness;

  @Test
  void createsNoSecondDriverPodWhenRestartedBetweenPodCreatedAndStatusWritten(MotoServer moto) throws InterruptedException {
    AtomicReference<String> createdPod = new AtomicReference<>();
    CountDownLatch stopping = new CountDownLatch(1);
    // The reconcile holds here (no other reconcile of the resource can run meanwhile) until the
    // operator is being stopped, then dies without writing status.
    harness = OperatorHarness.start(moto, new FlightDelayOperator.Hooks(DataBucketController.NONE,
        new DelayAnalysisController.Hooks(pod -> {
          createdPod.set(pod);
          awaitQuietly(stopping);
          throw new IllegalStateException("operator killed after creating " + pod);
        })));
    var client = harness.client();
    DelayAnalyses.createSparkServiceAccount(client);
    DelayAnalyses.create(client, "crashy", s -> s.setInputUri("file:/data/flights.csv"));
    await().atMost(Duration.ofSeconds(30)).until(() -> createdPod.get() != null);
    Thread stop = new Thread(harness::stopOperator);
    stop.start();
    stopping.countDown();
    stop.join();

    DelayAnalysis afterCrash = DelayAnalyses.get(client, "crashy");
    assertThat(afterCrash.getStatus().getPhase()).isEqualTo(Phase.Pending);
    assertThat(afterCrash.getStatus().getDriverPod()).isEqualTo(createdPod.get());
    Kubelet kubelet = new Kubelet(client);
    assertThat(kubelet.driverPods()).hasSize(1);

    harness.startOperator(FlightDelayOperator.NO_HOOKS);
    DelayAnalysis adopted = DelayAnalyses.awaitPhase(client, "crashy", Phase.Submitted);

    assertThat(adopted.getStatus().getDriverPod()).isEqualTo(createdPod.get());
    assertThat(adopted.getStatus().getAttempts()).isEqualTo(1);
    assertThat(kubelet.driverPods()).extracting(p -> p.getMetadata().getName()).containsExactly(createdPod.get());
    assertThat(client.services().inNamespace(OperatorHarness.NAMESPACE).list().getItems()).hasSize(1);
    assertThat(client.configMaps().inNamespace(OperatorHarness.NAMESPACE).list().getItems())
        .filteredOn(c -> c.getMetadata().getName().endsWith("-conf")).hasSize(1);
    kubelet.run(createdPod.get());
    DelayAnalyses.awaitPhase(client, "crashy", Phase.Running);
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
