package dev.flightdelay.operator.sparkhost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flightdelay.api.v1alpha1.SparkHost;
import dev.flightdelay.operator.FlightDelayOperator;
import dev.flightdelay.operator.OperatorHarness;
import dev.flightdelay.operator.analysis.DelayAnalysisController;
import dev.flightdelay.operator.databucket.DataBucketController;
import dev.flightdelay.operator.status.ReconcileErrors;
import dev.flightdelay.testing.MotoExtension;
import dev.flightdelay.testing.MotoServer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** An exception no code path of the reconcile expects reaches status and is retried. */
@ExtendWith(MotoExtension.class)
class SparkHostErrorStatusTest {

  @AutoClose
  private OperatorHarness harness;

  @Test
  void anUnexpectedExceptionSetsReadyFalseWithoutItsMessageAndIsRetried(MotoServer moto) {
    SparkHosts.registerImage(moto, SparkHosts.IMAGE_NAME);
    AtomicBoolean thrown = new AtomicBoolean();
    harness = OperatorHarness.start(moto, new FlightDelayOperator.Hooks(DataBucketController.NONE, DelayAnalysisController.NONE,
        new SparkHostController.Hooks(id -> {
          if (thrown.compareAndSet(false, true)) {
            throw new IllegalStateException("bug quoting a credential " + MotoServer.SECRET_ACCESS_KEY);
          }
        })));
    var client = harness.client();
    SparkHosts.create(client, "unlucky", s -> { });

    SparkHost failed = SparkHosts.awaitReason(client, "unlucky", ReconcileErrors.REASON);
    assertThat(SparkHosts.ready(failed)).hasValueSatisfying(ready -> {
      assertThat(ready.getStatus()).isEqualTo("False");
      assertThat(ready.getMessage()).startsWith("unexpected IllegalStateException while reconciling").doesNotContain(MotoServer.SECRET_ACCESS_KEY);
    });

    SparkHost ready = SparkHosts.awaitReady(client, "unlucky");
    assertThat(SparkHosts.liveInstances(moto)).singleElement()
        .satisfies(instance -> assertThat(instance.instanceId()).isEqualTo(ready.getStatus().getInstanceId()));
    assertThat(SparkHosts.eventReasons(client, "unlucky")).containsOnlyOnce(ReconcileErrors.REASON);
  }
}
