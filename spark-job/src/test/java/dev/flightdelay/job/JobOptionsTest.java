package dev.flightdelay.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class JobOptionsTest {

  @Test
  void appliesTheSpecDefaults() {
    JobOptions options = JobOptions.parse(new String[] {"--input", "file:/data/f.csv"});

    assertThat(options.rankBy()).isEqualTo(RankBy.meanArrivalDelay);
    assertThat(options.delayThresholdMinutes()).isEqualTo(15);
    assertThat(options.minFlights()).isEqualTo(1);
    assertThat(options.topN()).isEqualTo(10);
    assertThat(options.format()).isEqualTo("auto");
    assertThat(options.output()).isNull();
  }

  @Test
  void readsEveryOption() {
    JobOptions options =
        JobOptions.parse(
            new String[] {
              "--input", "s3a://b/k.csv", "--output", "s3a://b/out", "--airlines", "a.csv",
              "--format", "csv", "--schema", "custom", "--columns", "carrier=c, arrivalDelay=a",
              "--rank-by", "p90ArrivalDelay", "--threshold", "30", "--min-flights", "100",
              "--top", "3", "--summary-file", "/dev/termination-log"
            });

    assertThat(options.columns()).isEqualTo(Map.of("carrier", "c", "arrivalDelay", "a"));
    assertThat(options.rankBy()).isEqualTo(RankBy.p90ArrivalDelay);
    assertThat(options.delayThresholdMinutes()).isEqualTo(30);
    assertThat(options.minFlights()).isEqualTo(100);
    assertThat(options.topN()).isEqualTo(3);
    assertThat(options.summaryFile()).isEqualTo("/dev/termination-log");
  }

  @Test
  void refusesBadArgumentsWithAClearMessage() {
    assertThatThrownBy(() -> JobOptions.parse(new String[] {})).hasMessageContaining("--input is required");
    assertThatThrownBy(() -> JobOptions.parse(new String[] {"--input", "x", "--top", "0"}))
        .hasMessageContaining("--top must be 1-100");
    assertThatThrownBy(() -> JobOptions.parse(new String[] {"--input", "x", "--threshold", "soon"}))
        .hasMessageContaining("--threshold must be a whole number");
    assertThatThrownBy(() -> JobOptions.parse(new String[] {"--input", "x", "--rank-by", "worst"}))
        .hasMessageContaining("unknown rank-by 'worst'");
    assertThatThrownBy(() -> JobOptions.parse(new String[] {"--input", "x", "--colour", "red"}))
        .hasMessageContaining("unknown option(s) [colour]");
    assertThatThrownBy(() -> JobOptions.parse(new String[] {"--input"})).hasMessageContaining("needs a value");
  }
}
