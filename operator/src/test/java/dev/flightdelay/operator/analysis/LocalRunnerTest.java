package dev.flightdelay.operator.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flightdelay.api.v1alpha1.DelayAnalysis;
import dev.flightdelay.api.v1alpha1.DelayAnalysisSpec;
import dev.flightdelay.api.v1alpha1.DelayAnalysisStatus.Phase;
import dev.flightdelay.operator.OperatorHarness;
import dev.flightdelay.operator.databucket.DataBucketTestAccess;
import dev.flightdelay.testing.FlightData;
import dev.flightdelay.testing.MotoExtension;
import dev.flightdelay.testing.MotoServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** runner: local — the same job as a child JVM of the operator, on the real data, from a file and from moto. */
@ExtendWith(MotoExtension.class)
class LocalRunnerTest {

  private static final Duration RUN = Duration.ofSeconds(120);

  @AutoClose
  private OperatorHarness harness;

  @Test
  void ranksTheRealFlightsFromAFileInAChildJvm(MotoServer moto, @TempDir Path out) throws IOException {
    Path flights = FlightData.require(FlightData.FLIGHTS_DF);
    harness = OperatorHarness.start(moto);
    DelayAnalyses.create(harness.client(), "local-file", s -> {
      s.setRunner(DelayAnalysisSpec.Runner.local);
      s.setInputUri(flights.toUri().toString());
      s.setOutputUri(out.toUri().toString());
      s.setTopN(3);
    });

    DelayAnalysis done = DelayAnalyses.awaitStatus(harness.client(), "local-file",
        a -> a.getStatus().getPhase() == Phase.Succeeded || a.getStatus().getPhase() == Phase.Failed, RUN);
    assertThat(done.getStatus().getPhase()).as(done.getStatus().getMessage()).isEqualTo(Phase.Succeeded);
    assertThat(done.getStatus().getMostDelayedCarrier()).isEqualTo("F9");
    assertThat(done.getStatus().getCarriers()).hasSize(3);
    assertThat(done.getStatus().getRowsRead()).isEqualTo(336_776L);
    assertThat(done.getStatus().getSparkVersion()).isEqualTo(org.apache.spark.package$.MODULE$.SPARK_VERSION());
    assertThat(Files.readString(out.resolve("results.json"), StandardCharsets.UTF_8)).contains("\"mostDelayedCarrier\" : \"F9\"");
    assertThat(new Kubelet(harness.client()).driverPods()).isEmpty();
  }

  @Test
  void readsAndWritesTheDataBucketInMotoWithTheSecretsKeysInItsEnvironmentOnly(MotoServer moto) throws IOException {
    Path flights = FlightData.require(FlightData.FLIGHTS_DF);
    harness = OperatorHarness.start(moto);
    DataBucketTestAccess.createAndAwaitReady(harness, "flights", "local-runner-bucket");
    try (S3Client s3 = moto.s3()) {
      s3.putObject(p -> p.bucket("local-runner-bucket").key("in/flights.csv.gz"), RequestBody.fromFile(flights));
    }
    DelayAnalyses.create(harness.client(), "local-s3", DelayAnalyses.ofBucket("flights", "in/flights.csv.gz").andThen(s -> {
      s.setRunner(DelayAnalysisSpec.Runner.local);
      s.setOutputKey("out/");
    }));

    DelayAnalysis done = DelayAnalyses.awaitStatus(harness.client(), "local-s3",
        a -> a.getStatus().getPhase() == Phase.Succeeded || a.getStatus().getPhase() == Phase.Failed, RUN);
    assertThat(done.getStatus().getPhase()).as(done.getStatus().getMessage()).isEqualTo(Phase.Succeeded);
    assertThat(done.getStatus().getMostDelayedCarrier()).isEqualTo("F9");
    assertThat(done.getStatus().getCarriers()).hasSize(10);
    assertThat(done.getStatus().getChartUri()).isEqualTo("s3a://local-runner-bucket/out/delays.png");
    try (S3Client s3 = moto.s3()) {
      assertThat(s3.listObjectsV2(l -> l.bucket("local-runner-bucket")).contents()).extracting(o -> o.key())
          .contains("out/results.json", "out/results.csv", "out/delays.png");
      assertThat(s3.getObjectAsBytes(g -> g.bucket("local-runner-bucket").key("out/results.json")).asUtf8String())
          .contains("\"rowsRead\" : 336776");
    }
    AttemptNames names = AttemptNames.of(done, done.getMetadata().getGeneration(), 1);
    Path runDir = harness.localRuns().resolve(OperatorHarness.NAMESPACE).resolve(done.getMetadata().getUid())
        .resolve(names.driverPod());
    assertThat(Files.readString(runDir.resolve("driver.log"), StandardCharsets.UTF_8)).doesNotContain(MotoServer.SECRET_ACCESS_KEY);
  }

  /** A key ending in / names a prefix: the job reads every object under it (a year of monthly files). */
  @Test
  void readsEveryObjectUnderAPrefixKey(MotoServer moto, @TempDir Path tmp) throws IOException {
    List<String> lines = new ArrayList<>();
    try (InputStream in = new GZIPInputStream(Files.newInputStream(FlightData.require(FlightData.FLIGHTS_DF)));
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      reader.lines().limit(30_001).forEach(lines::add);
    }
    harness = OperatorHarness.start(moto);
    DataBucketTestAccess.createAndAwaitReady(harness, "flights", "prefix-bucket");
    try (S3Client s3 = moto.s3()) {
      for (int part = 0; part < 3; part++) {
        List<String> rows = new ArrayList<>(List.of(lines.get(0)));
        rows.addAll(lines.subList(1 + part * 10_000, 1 + (part + 1) * 10_000));
        String key = "bts/2013/part-" + part + ".csv";
        s3.putObject(p -> p.bucket("prefix-bucket").key(key), RequestBody.fromString(String.join("\n", rows) + "\n"));
      }
      s3.putObject(p -> p.bucket("prefix-bucket").key("bts/2014/part-0.csv"), RequestBody.fromString("not,read\n"));
    }
    DelayAnalyses.create(harness.client(), "local-prefix", DelayAnalyses.ofBucket("flights", "bts/2013/").andThen(s -> {
      s.setRunner(DelayAnalysisSpec.Runner.local);
      s.setOutputKey("out/");
    }));

    DelayAnalysis done = DelayAnalyses.awaitStatus(harness.client(), "local-prefix",
        a -> a.getStatus().getPhase() == Phase.Succeeded || a.getStatus().getPhase() == Phase.Failed, RUN);
    assertThat(done.getStatus().getPhase()).as(done.getStatus().getMessage()).isEqualTo(Phase.Succeeded);
    assertThat(done.getStatus().getInput()).isEqualTo("s3a://prefix-bucket/bts/2013/");
    assertThat(done.getStatus().getRowsRead()).isEqualTo(30_000L);
    try (S3Client s3 = moto.s3()) {
      assertThat(s3.getObjectAsBytes(g -> g.bucket("prefix-bucket").key("out/results.json")).asUtf8String())
          .contains("\"path\" : \"s3a://prefix-bucket/bts/2013/part-2.csv\"")
          .contains("\"rowsRead\" : 10000");
    }
  }

  @Test
  void failsWithTheJobsOwnErrorForAnInputWithoutTheNeededColumns(MotoServer moto, @TempDir Path tmp) throws IOException {
    Path bad = Files.writeString(tmp.resolve("flights.csv"), "year,month,day\n2013,1,1\n");
    harness = OperatorHarness.start(moto);
    DelayAnalyses.create(harness.client(), "local-bad", s -> {
      s.setRunner(DelayAnalysisSpec.Runner.local);
      s.setInputUri(bad.toUri().toString());
    });

    DelayAnalysis failed = DelayAnalyses.awaitStatus(harness.client(), "local-bad",
        a -> a.getStatus().getPhase() == Phase.Failed, RUN);
    assertThat(failed.getStatus().condition("Ready")).hasValueSatisfying(c -> {
      assertThat(c.getReason()).isEqualTo("DriverFailed");
      assertThat(c.getMessage()).contains("exited with code 3").contains("carrier");
    });
  }
}
