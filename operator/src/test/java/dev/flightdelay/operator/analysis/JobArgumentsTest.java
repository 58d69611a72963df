package dev.flightdelay.operator.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flightdelay.api.v1alpha1.ColumnMapping;
import dev.flightdelay.api.v1alpha1.DelayAnalysisSpec;
import dev.flightdelay.job.JobOptions;
import dev.flightdelay.job.RankBy;
import org.junit.jupiter.api.Test;

/** The arguments the operator gives are the ones the job parses, field for field. */
class JobArgumentsTest {

  @Test
  void everySpecFieldReachesTheJobsOptions() {
    DelayAnalysisSpec spec = new DelayAnalysisSpec();
    spec.setFormat(DelayAnalysisSpec.Format.csv);
    spec.setSchema(DelayAnalysisSpec.Schema.custom);
    ColumnMapping columns = new ColumnMapping();
    columns.setCarrier("Airline");
    columns.setArrivalDelay("ArrDelayMinutes");
    columns.setCancelled("Cancelled");
    spec.setColumns(columns);
    spec.setRankBy(DelayAnalysisSpec.RankBy.p90ArrivalDelay);
    spec.setDelayThresholdMinutes(30);
    spec.setMinFlights(50);
    spec.setTopN(7);

    JobOptions options = JobOptions.parse(JobArguments.of(spec,
        new DataAccess("s3a://bucket/in.csv", "s3a://bucket/out/", null), "/dev/termination-log").toArray(String[]::new));

    assertThat(options.input()).isEqualTo("s3a://bucket/in.csv");
    assertThat(options.output()).isEqualTo("s3a://bucket/out/");
    assertThat(options.format()).isEqualTo("csv");
    assertThat(options.schema()).isEqualTo("custom");
    assertThat(options.columns()).containsExactlyInAnyOrderEntriesOf(java.util.Map.of(
        "carrier", "Airline", "arrivalDelay", "ArrDelayMinutes", "cancelled", "Cancelled"));
    assertThat(options.rankBy()).isEqualTo(RankBy.p90ArrivalDelay);
    assertThat(options.delayThresholdMinutes()).isEqualTo(30);
    assertThat(options.minFlights()).isEqualTo(50);
    assertThat(options.topN()).isEqualTo(7);
    assertThat(options.summaryFile()).isEqualTo("/dev/termination-log");
  }

  @Test
  void anEmptySpecGivesTheJobsDefaults() {
    JobOptions options = JobOptions.parse(JobArguments.of(new DelayAnalysisSpec(),
        new DataAccess("file:/in.csv", null, null), "/tmp/summary.json").toArray(String[]::new));

    assertThat(options).usingRecursiveComparison().ignoringFields("summaryFile")
        .isEqualTo(JobOptions.of("file:/in.csv", null));
  }
}
