package dev.flightdelay.operator.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flightdelay.api.v1alpha1.DelayAnalysis;
import dev.flightdelay.api.v1alpha1.DelayAnalysisStatus.Phase;
import dev.flightdelay.operator.OperatorHarness;
import dev.flightdelay.testing.MotoExtension;
import dev.flightdelay.testing.MotoServer;
import java.time.Duration;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** One run per generation: a succeeded run stays, a new spec runs again, the TTL removes the driver. */
@ExtendWith(MotoExtension.class)
class DelayAnalysisRunLifecycleTest {

  /** A summary as the job writes it, trimmed to what the status needs. */
  private static final String SUMMARY = "{\"input\":\"file:/data/flights.csv\",\"schema\":\"nycflights13\",\"rowsRead\":3,"
      + "\"rowsRejected\":0,\"flights\":3,\"mostDelayedCarrier\":\"F9\",\"durationMillis\":1200,\"sparkVersion\":\"4.1.1\","
      + "\"carriers\":[{\"rank\":1,\"carrier\":\"F9\",\"name\":\"Frontier Airlines Inc.\",\"flights\":2,\"arrivals\":2,"
      + "\"meanArrivalDelayMinutes\":30.0},{\"rank\":2,\"carrier\":\"AS\",\"flights\":1,\"arrivals\":1,"
      + "\"meanArrivalDelayMinutes\":-5.0}],\"resultsUri\":null,\"chartUri\":null,\"carriersTotal\":2}";

  @AutoClose
  private OperatorHarness harness;
  private Kubelet kubelet;

  @BeforeEach
  void start(MotoServer moto) {
    harness = OperatorHarness.start(moto);
    kubelet = new Kubelet(harness.client());
    DelayAnalyses.createSparkServiceAccount(harness.client());
  }

  private DelayAnalysis succeed(String name) {
    DelayAnalysis submitted = DelayAnalyses.awaitPhase(harness.client(), name, Phase.Submitted);
    kubelet.terminate(submitted.getStatus().getDriverPod(), 0, SUMMARY);
    return DelayAnalyses.awaitPhase(harness.client(), name, Phase.Succeeded);
  }

  @Test
  void neverRerunsASucceededAnalysisAndRunsAgainForANewSpec() throws InterruptedException {
    DelayAnalyses.create(harness.client(), "rerun", s -> s.setInputUri("file:/data/flights.csv"));
    DelayAnalysis first = succeed("rerun");
    assertThat(first.getStatus().getCarriers()).hasSize(2);

    Thread.sleep(Duration.ofSeconds(3).toMillis());
    assertThat(kubelet.driverPodsOf("rerun")).hasSize(1);
    assertThat(DelayAnalyses.get(harness.client(), "rerun").getStatus().getPhase()).isEqualTo(Phase.Succeeded);

    DelayAnalyses.edit(harness.client(), "rerun", s -> s.setTopN(1));
    DelayAnalysis second = DelayAnalyses.awaitStatus(harness.client(), "rerun",
        a -> a.getStatus().getObservedGeneration() == 2 && a.getStatus().getPhase() == Phase.Submitted, Duration.ofSeconds(30));
    assertThat(second.getStatus().getDriverPod()).endsWith("-2-1-driver").isNotEqualTo(first.getStatus().getDriverPod());
    assertThat(second.getStatus().getCarriers()).isEmpty();
    DelayAnalysis done = succeed("rerun");
    assertThat(done.getStatus().getCarriers()).hasSize(1);
    assertThat(done.getStatus().getHistory()).hasSize(2);
  }

  @Test
  void stopsTheRunningDriverWhenTheSpecChanges() {
    DelayAnalyses.create(harness.client(), "changed", s -> s.setInputUri("file:/data/flights.csv"));
    String first = DelayAnalyses.awaitPhase(harness.client(), "changed", Phase.Submitted).getStatus().getDriverPod();
    kubelet.run(first);
    DelayAnalyses.awaitPhase(harness.client(), "changed", Phase.Running);

    DelayAnalyses.edit(harness.client(), "changed", s -> s.setMinFlights(100));
    DelayAnalysis second = DelayAnalyses.awaitStatus(harness.client(), "changed",
        a -> a.getStatus().getObservedGeneration() == 2 && a.getStatus().getPhase() == Phase.Submitted, Duration.ofSeconds(30));

    assertThat(kubelet.pod(first)).isNull();
    assertThat(second.getStatus().getHistory().get(0).getPhase()).isEqualTo("Superseded");
    assertThat(kubelet.awaitPod(second.getStatus().getDriverPod()).getSpec().getContainers().get(0).getArgs())
        .containsSubsequence("--min-flights", "100");
  }

  @Test
  void removesTheDriverPodAfterTtlSecondsAfterFinishedAndKeepsTheResults() {
    DelayAnalyses.create(harness.client(), "tidy", s -> {
      s.setInputUri("file:/data/flights.csv");
      s.setTtlSecondsAfterFinished(1);
    });
    DelayAnalysis done = succeed("tidy");

    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20))
        .until(() -> kubelet.driverPodsOf("tidy").isEmpty());
    DelayAnalysis after = DelayAnalyses.get(harness.client(), "tidy");
    assertThat(after.getStatus().getPhase()).isEqualTo(Phase.Succeeded);
    assertThat(after.getStatus().getMostDelayedCarrier()).isEqualTo("F9");
    assertThat(after.getStatus().getDriverPod()).isEqualTo(done.getStatus().getDriverPod());
    assertThat(DelayAnalyses.eventReasons(harness.client(), "tidy")).contains("DriverRemoved");
  }
}
