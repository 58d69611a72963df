package dev.flightdelay.operator.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flightdelay.api.v1alpha1.AttemptRecord;
import dev.flightdelay.api.v1alpha1.DelayAnalysis;
import dev.flightdelay.api.v1alpha1.DelayAnalysisStatus.Phase;
import dev.flightdelay.api.v1alpha1.RestartPolicy;
import dev.flightdelay.operator.OperatorHarness;
import dev.flightdelay.testing.MotoExtension;
import dev.flightdelay.testing.MotoServer;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Failed drivers, drivers that never start, drivers that vanish: retried by the policy, recorded in history. */
@ExtendWith(MotoExtension.class)
class DelayAnalysisRetryTest {

  private static final String ERROR_SUMMARY = "{\"input\":\"file:/data/flights.csv\",\"error\":\"no column carrier\"}";

  @AutoClose
  private OperatorHarness harness;
  private Kubelet kubelet;

  @BeforeEach
  void start(MotoServer moto) {
    harness = OperatorHarness.start(moto);
    kubelet = new Kubelet(harness.client());
    DelayAnalyses.createSparkServiceAccount(harness.client());
  }

  private static RestartPolicy onFailure(int maxAttempts, int backoffSeconds) {
    RestartPolicy policy = new RestartPolicy();
    policy.setType(RestartPolicy.Type.OnFailure);
    policy.setMaxAttempts(maxAttempts);
    policy.setBackoffSeconds(backoffSeconds);
    return policy;
  }

  private String awaitAttempt(String name, int attempt) {
    DelayAnalysis analysis = DelayAnalyses.awaitStatus(harness.client(), name,
        a -> a.getStatus().getAttempts() != null && a.getStatus().getAttempts() == attempt
            && a.getStatus().getPhase() == Phase.Submitted, Duration.ofSeconds(60));
    return analysis.getStatus().getDriverPod();
  }

  @Test
  void retriesAFailedDriverWithDoublingBackoffUpToMaxAttempts() {
    DelayAnalyses.create(harness.client(), "flaky", s -> {
      s.setInputUri("file:/data/flights.csv");
      s.setRestartPolicy(onFailure(3, 1));
    });
    for (int attempt = 1; attempt <= 3; attempt++) {
      String pod = awaitAttempt("flaky", attempt);
      kubelet.terminate(pod, 1, ERROR_SUMMARY);
    }

    DelayAnalysis failed = DelayAnalyses.awaitPhase(harness.client(), "flaky", Phase.Failed);
    assertThat(failed.getStatus().getAttempts()).isEqualTo(3);
    assertThat(failed.getStatus().condition("Ready")).hasValueSatisfying(c -> {
      assertThat(c.getStatus()).isEqualTo("False");
      assertThat(c.getReason()).isEqualTo("DriverFailed");
      assertThat(c.getMessage()).contains("exited with code 1").contains("no column carrier");
    });
    List<AttemptRecord> history = failed.getStatus().getHistory();
    assertThat(history).extracting(AttemptRecord::getAttempt).containsExactly(1, 2, 3);
    assertThat(history).extracting(AttemptRecord::getPhase).containsOnly("Failed");
    assertThat(history).extracting(AttemptRecord::getReason).containsOnly("DriverFailed");
    assertThat(history).extracting(AttemptRecord::getDriverPod).doesNotHaveDuplicates();
    // Back-off 1 s after the first failure, 2 s after the second (timestamps are whole seconds).
    assertThat(gap(history.get(0), history.get(1))).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    assertThat(gap(history.get(1), history.get(2))).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    assertThat(kubelet.driverPods()).hasSize(3);
    assertThat(DelayAnalyses.eventReasons(harness.client(), "flaky")).contains("Retrying", "Failed");
    assertThat(harness.registry().scrape()).contains("flightdelay_analysis_runs_total{outcome=\"failed\"} 1.0");
  }

  @Test
  void neverRetriesWithRestartPolicyNever() {
    DelayAnalyses.create(harness.client(), "once", s -> s.setInputUri("file:/data/flights.csv"));
    kubelet.terminate(awaitAttempt("once", 1), 1, ERROR_SUMMARY);

    DelayAnalysis failed = DelayAnalyses.awaitPhase(harness.client(), "once", Phase.Failed);
    assertThat(failed.getStatus().getHistory()).singleElement();
    assertThat(kubelet.driverPods()).hasSize(1);
  }

  @Test
  void failsAnAttemptWhoseDriverNeverStartsAndDeletesItsPod() {
    DelayAnalyses.create(harness.client(), "stuck", s -> {
      s.setInputUri("file:/data/flights.csv");
      s.setDriverStartTimeoutSeconds(10);
    });
    String pod = awaitAttempt("stuck", 1);
    kubelet.waiting(pod, "ContainerCreating");

    DelayAnalysis failed = DelayAnalyses.awaitStatus(harness.client(), "stuck",
        a -> a.getStatus().getPhase() == Phase.Failed, Duration.ofSeconds(40));
    assertThat(failed.getStatus().getHistory()).singleElement().satisfies(a -> assertThat(a.getReason()).isEqualTo("DriverStartTimeout"));
    assertThat(failed.getStatus().getMessage()).contains("did not start within 10s");
    assertThat(kubelet.pod(pod)).isNull();
  }

  @Test
  void failsAtOnceWhenTheDriverImageCannotBePulled() {
    DelayAnalyses.create(harness.client(), "badimage", s -> s.setInputUri("file:/data/flights.csv"));
    kubelet.waiting(awaitAttempt("badimage", 1), "ImagePullBackOff");

    DelayAnalysis failed = DelayAnalyses.awaitPhase(harness.client(), "badimage", Phase.Failed);
    assertThat(failed.getStatus().condition("Ready")).hasValueSatisfying(c -> assertThat(c.getReason()).isEqualTo("ImagePullBackOff"));
  }

  @Test
  void retriesWhenTheRunningDriverPodDisappears() {
    DelayAnalyses.create(harness.client(), "vanishing", s -> {
      s.setInputUri("file:/data/flights.csv");
      s.setRestartPolicy(onFailure(2, 1));
    });
    String first = awaitAttempt("vanishing", 1);
    kubelet.run(first);
    DelayAnalyses.awaitPhase(harness.client(), "vanishing", Phase.Running);
    harness.client().pods().inNamespace(OperatorHarness.NAMESPACE).withName(first).delete();

    String second = awaitAttempt("vanishing", 2);
    assertThat(second).isNotEqualTo(first);
    DelayAnalysis retried = DelayAnalyses.get(harness.client(), "vanishing");
    assertThat(retried.getStatus().getHistory().get(0).getReason()).isIn("DriverPodMissing", "DriverPodDeleted");
    Pod pod = kubelet.awaitPod(second);
    assertThat(pod.getMetadata().getName()).endsWith("-1-2-driver");
  }

  private static Duration gap(AttemptRecord earlier, AttemptRecord later) {
    return Duration.between(Instant.parse(earlier.getEndTime()), Instant.parse(later.getStartTime()));
  }
}
