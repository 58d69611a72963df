package dev.flightdelay.operator.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flightdelay.api.v1alpha1.DelayAnalysis;
import dev.flightdelay.api.v1alpha1.DelayAnalysisStatus.Phase;
import dev.flightdelay.operator.FlightDelayOperator;
import dev.flightdelay.operator.OperatorHarness;
import dev.flightdelay.operator.databucket.DataBucketController;
import dev.flightdelay.operator.status.ReconcileErrors;
import dev.flightdelay.testing.MotoExtension;
import dev.flightdelay.testing.MotoServer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** An exception no code path of the reconcile expects reaches status and is retried. */
@ExtendWith(MotoExtension.class)
class DelayAnalysisErrorStatusTest {

  @AutoClose
  private OperatorHarness harness;

  @Test
  void anUnexpectedExceptionSetsReadyFalseWithoutItsMessageAndIsRetried(MotoServer moto) {
    AtomicBoolean thrown = new AtomicBoolean();
    harness = OperatorHarness.start(moto, new FlightDelayOperator.Hooks(DataBucketController.NONE,
        new DelayAnalysisController.Hooks(pod -> {
          if (thrown.compareAndSet(false, true)) {
            throw new IllegalStateException("bug quoting a credential " + MotoServer.SECRET_ACCESS_KEY);
          }
        })));
    var client = harness.client();
    DelayAnalyses.createSparkServiceAccount(client);
    DelayAnalyses.create(client, "unlucky", s -> s.setInputUri("file:/data/flights.csv"));

    DelayAnalysis failed = DelayAnalyses.awaitStatus(client, "unlucky", a -> a.getStatus().condition("Ready")
        .map(c -> ReconcileErrors.REASON.equals(c.getReason())).orElse(false), Duration.ofSeconds(60));
    assertThat(failed.getStatus().condition("Ready")).hasValueSatisfying(ready -> {
      assertThat(ready.getStatus()).isEqualTo("False");
      assertThat(ready.getMessage()).startsWith("unexpected IllegalStateException while reconciling").doesNotContain(MotoServer.SECRET_ACCESS_KEY);
    });
    assertThat(failed.getStatus().getDriverPod()).as("the intent written before the pod is kept").isNotNull();

    DelayAnalysis submitted = DelayAnalyses.awaitPhase(client, "unlucky", Phase.Submitted);
    assertThat(submitted.getStatus().getDriverPod()).isEqualTo(failed.getStatus().getDriverPod());
    assertThat(submitted.getStatus().getAttempts()).isEqualTo(1);
    assertThat(new Kubelet(client).driverPods()).hasSize(1);
    assertThat(DelayAnalyses.eventReasons(client, "unlucky")).containsOnlyOnce(ReconcileErrors.REASON);
  }
}
