package dev.flightdelay.operator.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flightdelay.api.v1alpha1.DelayAnalysis;
import dev.flightdelay.api.v1alpha1.DelayAnalysisSpec;
import dev.flightdelay.operator.aws.CredentialsSecretReader;
import dev.flightdelay.testing.FlightData;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A local driver outlives an operator that crashed: the next operator process (here a second
 * runner on the same work directory) adopts it instead of starting a second one, learns how it
 * ended, and can kill it.
 */
class LocalRunnerAdoptionTest {

  @TempDir
  Path work;

  private LocalJobRunner crashed;
  private LocalJobRunner successor;
  private DelayAnalysis analysis;
  private AttemptNames names;
  private DataAccess access;

  @BeforeEach
  void startADriverWithTheFirstRunner() throws AttemptRunner.RunnerException {
    Path flights = FlightData.require(FlightData.FLIGHTS_DF);
    analysis = new DelayAnalysis();
    analysis.setMetadata(new ObjectMetaBuilder().withName("adopted").withNamespace("flights")
        .withUid(UUID.randomUUID().toString()).withGeneration(1L).build());
    DelayAnalysisSpec spec = new DelayAnalysisSpec();
    spec.setRunner(DelayAnalysisSpec.Runner.local);
    spec.setInputUri(flights.toUri().toString());
    spec.setTopN(3);
    analysis.setSpec(spec);
    names = AttemptNames.of(analysis, 1, 1);
    access = new DataAccess(spec.getInputUri(), null, null);
    crashed = runner();
    successor = runner();

    assertThat(crashed.start(analysis, names, access)).isTrue();
  }

  @AfterEach
  void stop() {
    successor.close();
    crashed.close();
  }

  @Test
  void adoptsTheRunningDriverInsteadOfStartingASecondAndLearnsItsResult() throws Exception {
    CountDownLatch exited = new CountDownLatch(1);
    successor.notifyOnExit(id -> exited.countDown());

    assertThat(successor.start(analysis, names, access)).isFalse();
    assertThat(driverProcesses()).isEqualTo(1);
    assertThat(successor.observe(analysis, names, null).state()).isEqualTo(AttemptObservation.State.RUNNING);

    assertThat(exited.await(120, TimeUnit.SECONDS)).isTrue();
    AttemptObservation ended = successor.observe(analysis, names, null);
    assertThat(ended.state()).as(ended.message()).isEqualTo(AttemptObservation.State.SUCCEEDED);
    assertThat(JobSummary.parse(ended.summary())).hasValueSatisfying(s -> assertThat(s.ranked()).isTrue());
    assertThat(ended.summary()).contains("\"mostDelayedCarrier\":\"F9\"");
  }

  @Test
  void killsADriverItDidNotStartWhenTheAnalysisIsDeleted() {
    assertThat(driverProcesses()).isEqualTo(1);

    successor.stopAll(analysis);

    await().atMost(Duration.ofSeconds(15)).until(() -> driverProcesses() == 0);
    assertThat(successor.observe(analysis, names, null).state()).isNotEqualTo(AttemptObservation.State.RUNNING);
  }

  private LocalJobRunner runner() {
    return new LocalJobRunner(System.getProperty("java.class.path"), work, new CredentialsSecretReader(null));
  }

  private long driverProcesses() {
    String marker = "-Dspark.app.id=" + names.applicationId();
    return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive).filter(p -> {
      try {
        return Arrays.asList(Files.readString(Path.of("/proc", String.valueOf(p.pid()), "cmdline")).split("\0"))
            .contains(marker);
      } catch (IOException | RuntimeException e) {
        return false;
      }
    }).count();
  }
}
