package dev.flightdelay.operator.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flightdelay.api.v1alpha1.DelayAnalysis;
import dev.flightdelay.api.v1alpha1.DelayAnalysisStatus.Phase;
import dev.flightdelay.operator.OperatorHarness;
import dev.flightdelay.operator.databucket.DataBucketTestAccess;
import dev.flightdelay.testing.MotoExtension;
import dev.flightdelay.testing.MotoServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An analysis waits for its DataBucket (missing, then not Ready) and goes on once it is Ready,
 * woken by the DataBucket's watch: the operator's resync is longer than the test.
 */
@ExtendWith(MotoExtension.class)
class DelayAnalysisDataWaitTest {

  @AutoClose
  private OperatorHarness harness;

  @Test
  void waitsForTheDataBucketToExistAndBeReadyThenSubmits(MotoServer moto) {
    harness = OperatorHarness.startWithoutResync(moto);
    var client = harness.client();
    DelayAnalyses.createSparkServiceAccount(client);
    DelayAnalyses.create(client, "patient", DelayAnalyses.ofBucket("later", "flights.csv"));

    DelayAnalysis missing = DelayAnalyses.awaitPhase(client, "patient", Phase.WaitingForData);
    assertThat(missing.getStatus().condition("Ready")).hasValueSatisfying(c -> {
      assertThat(c.getReason()).isEqualTo("DataBucketNotFound");
      assertThat(c.getMessage()).contains("DataBucket later does not exist");
    });

    DataBucketTestAccess.create(harness, "later", "later-bucket",
        s -> s.setSeed(new ArrayList<>(List.of(DataBucketTestAccess.unreachableSeed("flights.csv")))));
    DelayAnalyses.awaitStatus(client, "patient", a -> a.getStatus().condition("Ready")
        .map(c -> "DataBucketNotReady".equals(c.getReason())).orElse(false), java.time.Duration.ofSeconds(30));
    assertThat(new Kubelet(client).driverPods()).isEmpty();

    DataBucketTestAccess.edit(harness, "later", s -> s.setSeed(new ArrayList<>()));
    DelayAnalysis submitted = DelayAnalyses.awaitPhase(client, "patient", Phase.Submitted);

    assertThat(new Kubelet(client).awaitPod(submitted.getStatus().getDriverPod()).getSpec().getContainers().get(0).getArgs())
        .containsSubsequence("--input", "s3a://later-bucket/flights.csv");
    assertThat(DelayAnalyses.eventReasons(client, "patient")).containsOnlyOnce("WaitingForData");
  }
}
