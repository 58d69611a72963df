package dev.flightdelay.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Bad rows are counted and shown, never fatal, never dropped; unusable inputs say why. */
@ExtendWith(LocalSpark.class)
class MalformedInputTest {

  /** A file the job may be pointed at that is no flight data, such as /etc/passwd or a token. */
  static final String SECRET = "secret-token-123";
  static final String NOT_FLIGHT_DATA = "root:x:0:0:" + SECRET + "\nsecond,line,abc\n";

  @TempDir Path dir;

  private AnalysisResult analyse(SparkSession spark, String csv) throws IOException {
    Path file = dir.resolve("flights-" + System.nanoTime() + ".csv");
    Files.writeString(file, csv);
    return new FlightDelayAnalysis(spark, AirlineNames.builtIn()).run(JobOptions.of(file.toString(), null));
  }

  private static CarrierStats carrier(AnalysisResult result, String code) {
    return result.carriers().stream().filter(c -> c.carrier().equals(code)).findFirst().orElseThrow();
  }

  @Test
  void countsNonNumericDelaysAsRejectedWithExamples(SparkSession spark) throws IOException {
    AnalysisResult result = analyse(spark, """
        carrier,dep_delay,arr_delay
        UA,10,20
        UA,abc,5
        UA,5,twenty
        AA,0,-5
        """);

    assertThat(result.rowsRead()).isEqualTo(4);
    assertThat(result.rowsRejected()).isEqualTo(2);
    assertThat(result.flights()).isEqualTo(2);
    assertThat(carrier(result, "UA").flights()).isEqualTo(1);
    assertThat(carrier(result, "UA").meanArrivalDelayMinutes()).isEqualTo(20.0);
    assertThat(result.rejectedExamples())
        .extracting(RejectedRow::reason, RejectedRow::row)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("departure delay is not a number", "UA,abc,5"),
            org.assertj.core.groups.Tuple.tuple("arrival delay is not a number", "UA,5,twenty"));
  }

  @Test
  void rejectsShortAndLongRows(SparkSession spark) throws IOException {
    AnalysisResult result = analyse(spark, """
        carrier,dep_delay,arr_delay
        UA,10,20
        UA,5
        AA,1,2,3
        AA,0,-5
        """);

    assertThat(result.rowsRead()).isEqualTo(4);
    assertThat(result.rowsRejected()).isEqualTo(2);
    assertThat(result.rejectedExamples())
        .extracting(RejectedRow::reason)
        .containsExactlyInAnyOrder("wrong number of fields (2, expected 3)", "wrong number of fields (4, expected 3)");
    assertThat(carrier(result, "UA").flights()).isEqualTo(1);
    assertThat(carrier(result, "AA").flights()).isEqualTo(1);
  }

  @Test
  void rejectsRowsWithoutCarrier(SparkSession spark) throws IOException {
    AnalysisResult result = analyse(spark, """
        "carrier","dep_delay","arr_delay"
        "",10,20
        NA,1,1
        "UA",3,4
        """);

    assertThat(result.rowsRejected()).isEqualTo(2);
    assertThat(result.rejectedExamples()).extracting(RejectedRow::reason).containsOnly("missing carrier");
    assertThat(result.carriers()).extracting(CarrierStats::carrier).containsExactly("UA");
  }

  @Test
  void countsMissingDelaysAsNotFlownNeverAsZero(SparkSession spark) throws IOException {
    AnalysisResult result = analyse(spark, """
        carrier,dep_delay,arr_delay
        UA,NA,NA
        UA,,
        UA,30,NA
        UA,60,100
        """);

    CarrierStats ua = carrier(result, "UA");
    assertThat(result.rowsRejected()).isZero();
    assertThat(ua.flights()).isEqualTo(4);
    assertThat(ua.cancelled()).isEqualTo(2);
    assertThat(ua.diverted()).isEqualTo(1);
    assertThat(ua.arrivals()).isEqualTo(1);
    assertThat(ua.meanArrivalDelayMinutes()).isEqualTo(100.0);
    assertThat(ua.meanDepartureDelayMinutes()).isEqualTo(45.0);
  }

  @Test
  void keepsAtMostTenExamples(SparkSession spark) throws IOException {
    StringBuilder csv = new StringBuilder("carrier,dep_delay,arr_delay\n");
    for (int i = 0; i < 50; i++) {
      csv.append("UA,x").append(i).append(",1\n");
    }
    AnalysisResult result = analyse(spark, csv.toString());

    assertThat(result.rowsRejected()).isEqualTo(50);
    assertThat(result.rejectedExamples()).hasSize(PartialResult.MAX_REJECTED_EXAMPLES);
    assertThat(result.carriers()).isEmpty();
    assertThat(result.mostDelayedCarrier()).isNull();
  }

  @Test
  void readsAHeaderOnlyFileAsNoFlights(SparkSession spark) throws IOException {
    AnalysisResult result = analyse(spark, "carrier,dep_delay,arr_delay\n");

    assertThat(result.rowsRead()).isZero();
    assertThat(result.carriers()).isEmpty();
  }

  @Test
  void refusesAnEmptyFileSayingSo(SparkSession spark) {
    assertThatThrownBy(() -> analyse(spark, ""))
        .isInstanceOf(InputSchemaException.class)
        .hasMessageContaining("empty");
  }

  @Test
  void refusesWrongColumnsCountingFoundAndNamingExpected(SparkSession spark) {
    assertThatThrownBy(() -> analyse(spark, "airline,delay\nUA,5\n"))
        .isInstanceOf(InputSchemaException.class)
        .hasMessageContaining("2 columns")
        .hasMessageContaining("arr_delay")
        .hasMessageContaining("Reporting_Airline");
  }

  @Test
  void refusesAFileThatIsNotFlightDataWithoutQuotingIt(SparkSession spark) {
    assertThatThrownBy(() -> analyse(spark, NOT_FLIGHT_DATA))
        .isInstanceOf(InputSchemaException.class)
        .hasMessageNotContaining(SECRET)
        .hasMessageNotContaining("root:x")
        .hasMessageContaining("1 column")
        .hasMessageContaining("arr_delay");
  }

  @Test
  void refusesAFileThatIsNotParquetWithoutQuotingItsBytes(SparkSession spark) throws IOException {
    Path file = dir.resolve("token");
    Files.writeString(file, NOT_FLIGHT_DATA);
    byte[] content = Files.readAllBytes(file);
    String lastBytes = Arrays.toString(Arrays.copyOfRange(content, content.length - 4, content.length));
    JobOptions parquet =
        new JobOptions(file.toString(), null, null, "parquet", "auto", Map.of(), RankBy.meanArrivalDelay, 15, 1, 10, null);

    assertThatThrownBy(() -> new FlightDelayAnalysis(spark, AirlineNames.builtIn()).run(parquet))
        .isInstanceOf(InputSchemaException.class)
        .hasNoCause()
        .hasMessageContaining("is not Parquet")
        .hasMessageNotContaining(lastBytes)
        .hasMessageNotContaining(SECRET);
  }

  @Test
  void readsBtsWithCancelledAndDivertedFlags(SparkSession spark) throws IOException {
    AnalysisResult result = analyse(spark, """
        Year,Reporting_Airline,DepDelay,ArrDelay,Cancelled,Diverted
        2023,WN,5.00,10.00,0.00,0.00
        2023,WN,,,1.00,0.00
        2023,WN,12.00,,0.00,1.00
        2023,DL,-3.00,-8.00,0.00,0.00
        """);

    assertThat(result.schema()).isEqualTo("bts");
    CarrierStats wn = carrier(result, "WN");
    assertThat(wn.cancelled()).isEqualTo(1);
    assertThat(wn.diverted()).isEqualTo(1);
    assertThat(wn.arrivals()).isEqualTo(1);
    assertThat(wn.name()).isEqualTo("Southwest Airlines Co.");
  }

  @Test
  void readsDataExpoAndACustomMapping(SparkSession spark) throws IOException {
    AnalysisResult dataExpo = analyse(spark, """
        Year,UniqueCarrier,ArrDelay,DepDelay,Cancelled,Diverted
        2008,WN,-14,8,0,0
        2008,WN,NA,NA,1,0
        """);
    assertThat(dataExpo.schema()).isEqualTo("dataexpo");
    assertThat(carrier(dataExpo, "WN").cancelled()).isEqualTo(1);

    Path file = dir.resolve("custom.csv");
    Files.writeString(file, "airline,late_by\nZZ,7\nZZ,9\n");
    JobOptions custom =
        new JobOptions(file.toString(), null, null, "auto", "custom",
            Map.of("carrier", "airline", "arrivalDelay", "late_by"), RankBy.meanArrivalDelay, 15, 1, 10, null);
    AnalysisResult mapped = new FlightDelayAnalysis(spark, AirlineNames.builtIn()).run(custom);
    assertThat(mapped.schema()).isEqualTo("custom");
    assertThat(carrier(mapped, "ZZ").meanArrivalDelayMinutes()).isEqualTo(8.0);
    assertThat(carrier(mapped, "ZZ").cancelled()).isZero();
  }
}
