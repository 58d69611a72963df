package dev.flightdelay.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flightdelay.testing.FlightData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The packaged job run exactly as the README says: plain {@code java -cp jar:lib/*}, no JVM flags
 * from the user, in a fresh JVM.
 */
class FlightDelayJobIT {

  @Test
  void ranksTheRealDataAndWritesTheThreeOutputsAndTheSummary(@TempDir Path dir) throws Exception {
    Path flights = FlightData.require(FlightData.FLIGHTS_DF);
    Path airlines = FlightData.require(FlightData.AIRLINES);
    Path out = dir.resolve("out");
    Path summary = dir.resolve("termination-log");

    JobProcess.Outcome run = new JobProcess(dir).run("--input", flights.toString(), "--output", out.toString(),
        "--airlines", airlines.toString(), "--top", "3", "--summary-file", summary.toString());

    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(run.stdout()).contains("336776 rows read, 0 rejected")
        .containsPattern("1\\s+F9\\s+Frontier Airlines Inc\\.\\s+685\\s+681");
    assertThat(out.resolve("results.json")).content(StandardCharsets.UTF_8).contains("\"mostDelayedCarrier\" : \"F9\"");
    assertThat(out.resolve("results.csv")).content(StandardCharsets.UTF_8).hasLineCount(17);
    assertThat(Files.readAllBytes(out.resolve("delays.png"))).startsWith(0x89, 'P', 'N', 'G');
    assertThat(Files.size(summary)).isLessThanOrEqualTo(ResultsJson.SUMMARY_LIMIT_BYTES);
    assertThat(Files.readString(summary)).contains("\"carriersTotal\":16").contains("\"rank\":3").doesNotContain("\"rank\":4");
  }

  @Test
  void exitsWithUsageOnBadArguments(@TempDir Path dir) throws Exception {
    JobProcess.Outcome run = new JobProcess(dir).run("--top", "5");

    assertThat(run.exitCode()).isEqualTo(FlightDelayJob.USAGE);
    assertThat(run.stderr()).contains("--input is required").contains("usage:");
  }

  @Test
  void reportsAnUnusableInputInTheSummary(@TempDir Path dir) throws Exception {
    Path input = dir.resolve("wrong.csv");
    Files.writeString(input, "airline,delay\nUA,5\n");
    Path summary = dir.resolve("termination-log");

    JobProcess.Outcome run = new JobProcess(dir).run("--input", input.toString(), "--summary-file", summary.toString());

    assertThat(run.exitCode()).isEqualTo(FlightDelayJob.BAD_INPUT);
    assertThat(Files.readString(summary)).contains("\"error\":").contains("2 columns").contains("arr_delay");
  }

  /** The job pointed at a file that is not flight data must not hand its content to whoever reads the status. */
  @ParameterizedTest
  @ValueSource(strings = {"csv", "parquet"})
  void keepsTheContentOfANonFlightFileOutOfSummaryAndOutput(String format, @TempDir Path dir) throws Exception {
    Path token = dir.resolve("token");
    Files.writeString(token, MalformedInputTest.NOT_FLIGHT_DATA);
    Path summary = dir.resolve("termination-log");

    JobProcess.Outcome run = new JobProcess(dir)
        .run("--input", token.toString(), "--format", format, "--summary-file", summary.toString());

    assertThat(run.exitCode()).as(run.stderr()).isEqualTo(FlightDelayJob.BAD_INPUT);
    String summaryText = Files.readString(summary);
    assertThat(summaryText).contains("\"error\":");
    for (String output : new String[] {summaryText, run.stdout(), run.stderr()}) {
      assertThat(output)
          .doesNotContain(MalformedInputTest.SECRET)
          .doesNotContain("root:x")
          .doesNotContain("[97, 98, 99, 10]"); // Parquet's quote of the last four bytes, "abc\n"
    }
    if (format.equals("csv")) {
      assertThat(summaryText).contains("1 column").contains("arr_delay").contains("Reporting_Airline");
    } else {
      assertThat(summaryText).contains("is not Parquet");
    }
  }

  @Test
  void givesOneLineAndExitCodeFourForAMissingPathAndTheStackTraceOnlyWithVerbose(@TempDir Path dir) throws Exception {
    String missing = dir.resolve("flights-2013.csv").toString();

    JobProcess.Outcome run = new JobProcess(dir).run("--input", missing);

    assertThat(run.exitCode()).isEqualTo(FlightDelayJob.NO_INPUT);
    assertThat(lastLine(run.stderr())).isEqualTo("error: the input " + missing + " does not exist");
    assertThat(run.stderr()).doesNotContain("\tat ").doesNotContain("Exception");

    JobProcess.Outcome verbose = new JobProcess(dir).run("--input", missing, "--verbose");
    assertThat(verbose.exitCode()).isEqualTo(FlightDelayJob.NO_INPUT);
    assertThat(verbose.stderr()).contains("InputNotFoundException").contains("\tat dev.flightdelay.job.InputFiles");
  }

  @Test
  void givesOneLineAndExitCodeFiveForAGzipCutShort(@TempDir Path dir) throws Exception {
    Path cut = MonthlyFiles.truncated(FlightData.require(FlightData.FLIGHTS_DF), dir.resolve("flights.csv.gz"), 0.3);
    Path summary = dir.resolve("termination-log");

    JobProcess.Outcome run = new JobProcess(dir).run("--input", cut.toString(), "--summary-file", summary.toString());

    assertThat(run.exitCode()).as(run.stderr()).isEqualTo(FlightDelayJob.DAMAGED_INPUT);
    assertThat(run.stderr()).doesNotContain("\tat ").doesNotContain("Exception");
    assertThat(lastLine(run.stderr())).matches("error: the input file \\S+flights.csv.gz is truncated or corrupt"
        + " \\(.+\\): truncated after [1-9][0-9]+ rows");
    assertThat(Files.readString(summary)).contains("truncated after");
  }

  /** The job's own line: the JVM and Spark may warn about the machine before it. */
  private static String lastLine(String text) {
    String[] lines = text.strip().split("\n");
    return lines[lines.length - 1];
  }
}
