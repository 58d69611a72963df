package dev.flightdelay.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultsJsonTest {

  private static AnalysisResult result(int carriers, int examples) {
    List<CarrierStats> stats = new ArrayList<>();
    for (int i = 0; i < carriers; i++) {
      stats.add(new CarrierStats(i + 1, "C" + i, "Carrier number " + i + " Airlines Inc.", 1000 + i, 10, 2, 988,
          30.123456789 - i, 12.5, 77.7777, 25.987654321, 0.3456789));
    }
    List<RejectedRow> rejected = new ArrayList<>();
    for (int i = 0; i < examples; i++) {
      rejected.add(new RejectedRow("arrival delay is not a number", "UA,5," + "x".repeat(180)));
    }
    List<FileCount> files = new ArrayList<>();
    for (int month = 1; month <= 12; month++) {
      files.add(new FileCount("s3a://bucket/bts/2023/On_Time_Reporting_2023_" + month + ".zip", 8_000 + month, 0));
    }
    return new AnalysisResult("s3a://bucket/bts/2023/", files, "nycflights13", RankBy.meanArrivalDelay, 15,
        100_000, examples, rejected, 100_000 - examples, stats, "C0", 1234, "4.1.1");
  }

  @Test
  void fullResultsCarryTheWholeContract() throws Exception {
    JsonNode json = new ObjectMapper().readTree(ResultsJson.full(result(3, 1)));

    assertThat(json.fieldNames()).toIterable().containsExactly(
        "input", "files", "schema", "rankBy", "delayThresholdMinutes", "rowsRead", "rowsRejected",
        "rejectedExamples", "flights", "carriers", "mostDelayedCarrier", "durationMillis", "sparkVersion");
    assertThat(json.path("carriers").get(0).fieldNames()).toIterable().containsExactly(
        "rank", "carrier", "name", "flights", "cancelled", "diverted", "arrivals",
        "meanArrivalDelayMinutes", "medianArrivalDelayMinutes", "p90ArrivalDelayMinutes",
        "meanDepartureDelayMinutes", "delayedShare");
    assertThat(json.path("files")).hasSize(12);
    assertThat(json.path("files").get(0).fieldNames()).toIterable().containsExactly("path", "rowsRead", "rowsRejected");
    assertThat(json.path("files").get(0).path("rowsRead").asLong()).isEqualTo(8_001);
  }

  @Test
  void summaryKeepsTheTopNAndLocations() throws Exception {
    JsonNode json = new ObjectMapper().readTree(ResultsJson.summary(result(16, 0), 5, "s3a://b/r.json", "s3a://b/c.png"));

    assertThat(json.path("carriers")).hasSize(5);
    assertThat(json.path("carriersTotal").asInt()).isEqualTo(16);
    assertThat(json.path("resultsUri").asText()).isEqualTo("s3a://b/r.json");
    assertThat(json.path("chartUri").asText()).isEqualTo("s3a://b/c.png");
    assertThat(json.has("files")).as("files are in results.json, only their count in the summary").isFalse();
    assertThat(json.path("filesRead").asInt()).isEqualTo(12);
    assertThat(json.path("carriers").get(0).path("meanArrivalDelayMinutes").asDouble()).isEqualTo(30.1235);
  }

  @Test
  void summaryFitsATerminationMessageWhateverTheTopN() throws Exception {
    String summary = ResultsJson.summary(result(100, 10), 100, "s3a://b/r.json", "s3a://b/c.png");

    assertThat(summary.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(ResultsJson.SUMMARY_LIMIT_BYTES);
    JsonNode json = new ObjectMapper().readTree(summary);
    assertThat(json.path("carriers").size()).isBetween(10, 99);
    assertThat(json.path("carriers").get(0).path("carrier").asText()).isEqualTo("C0");
    assertThat(json.path("rowsRejected").asLong()).isEqualTo(10);
  }

  @Test
  void summaryNeverCarriesRejectedRows() throws Exception {
    JsonNode json = new ObjectMapper().readTree(ResultsJson.summary(result(3, 2), 10, null, null));

    assertThat(json.has("rejectedExamples")).isFalse();
    assertThat(json.toString()).doesNotContain("UA,5,x");
    assertThat(json.path("rowsRejected").asLong()).isEqualTo(2);
  }

  @Test
  void errorSummaryCarriesTheMessage() throws Exception {
    JsonNode json = new ObjectMapper().readTree(ResultsJson.error("file:/x.csv", "no usable columns"));
    assertThat(json.path("error").asText()).isEqualTo("no usable columns");
  }
}
