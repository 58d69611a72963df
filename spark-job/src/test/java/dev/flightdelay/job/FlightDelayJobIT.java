package dev.flightdelay.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flightdelay.testing.FlightData;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged job run exactly as the README says: plain {@code java -cp jar:lib/*}, no JVM flags
 * from the user, in a fresh JVM.
 */
class FlightDelayJobIT {

  private static final Path TARGET = Path.of("target").toAbsolutePath();

  private static Process start(Path workDir, String... args) throws IOException {
    List<String> command = new java.util.ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp",
        TARGET.resolve("flight-delay-job.jar") + File.pathSeparator + TARGET.resolve("lib") + File.separator + "*",
        "dev.flightdelay.job.FlightDelayJob"));
    command.addAll(List.of(args));
    return new ProcessBuilder(command)
        .directory(workDir.toFile())
        .redirectOutput(workDir.resolve("stdout.txt").toFile())
        .redirectError(workDir.resolve("stderr.txt").toFile())
        .start();
  }

  private static int await(Process process) throws InterruptedException {
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("the job finished").isTrue();
    return process.exitValue();
  }

  @Test
  void ranksTheRealDataAndWritesTheThreeOutputsAndTheSummary(@TempDir Path dir) throws Exception {
    Path flights = FlightData.require(FlightData.FLIGHTS_DF);
    Path airlines = FlightData.require(FlightData.AIRLINES);
    Path out = dir.resolve("out");
    Path summary = dir.resolve("termination-log");

    int exit = await(start(dir, "--input", flights.toString(), "--output", out.toString(),
        "--airlines", airlines.toString(), "--top", "3", "--summary-file", summary.toString()));

    String stdout = Files.readString(dir.resolve("stdout.txt"));
    assertThat(exit).as(Files.readString(dir.resolve("stderr.txt"))).isZero();
    assertThat(stdout).contains("336776 rows read, 0 rejected")
        .containsPattern("1\\s+F9\\s+Frontier Airlines Inc\\.\\s+685\\s+681");
    assertThat(out.resolve("results.json")).content(StandardCharsets.UTF_8).contains("\"mostDelayedCarrier\" : \"F9\"");
    assertThat(out.resolve("results.csv")).content(StandardCharsets.UTF_8).hasLineCount(17);
    assertThat(Files.readAllBytes(out.resolve("delays.png"))).startsWith(0x89, 'P', 'N', 'G');
    assertThat(Files.size(summary)).isLessThanOrEqualTo(ResultsJson.SUMMARY_LIMIT_BYTES);
    assertThat(Files.readString(summary)).contains("\"carriersTotal\":16").contains("\"rank\":3").doesNotContain("\"rank\":4");
  }

  @Test
  void exitsWithUsageOnBadArguments(@TempDir Path dir) throws Exception {
    assertThat(await(start(dir, "--top", "5"))).isEqualTo(FlightDelayJob.USAGE);
    assertThat(Files.readString(dir.resolve("stderr.txt"))).contains("--input is required").contains("usage:");
  }

  @Test
  void reportsAnUnusableInputInTheSummary(@TempDir Path dir) throws Exception {
    Path input = dir.resolve("wrong.csv");
    Files.writeString(input, "airline,delay\nUA,5\n");
    Path summary = dir.resolve("termination-log");

    int exit = await(start(dir, "--input", input.toString(), "--summary-file", summary.toString()));

    assertThat(exit).isEqualTo(FlightDelayJob.BAD_INPUT);
    assertThat(Files.readString(summary)).contains("\"error\":").contains("[airline, delay]");
  }
}
