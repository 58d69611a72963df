package dev.flightdelay.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.flightdelay.testing.FlightData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The job on the real nycflights13 data, against the known facts and an independent pass. */
@ExtendWith(LocalSpark.class)
class RealDataAnalysisTest {

  private static AnalysisResult analyse(SparkSession spark, String input) {
    return new FlightDelayAnalysis(spark, AirlineNames.builtIn()).run(JobOptions.of(input, null));
  }

  @Test
  void reproducesTheKnownFactsOfNycflights13(SparkSession spark) {
    Path flights = FlightData.require(FlightData.FLIGHTS_DF);

    AnalysisResult result = analyse(spark, flights.toString());

    assertThat(result.schema()).isEqualTo("nycflights13");
    assertThat(result.rowsRead()).isEqualTo(336_776);
    assertThat(result.rowsRejected()).isZero();
    assertThat(result.carriers()).hasSize(16);
    CarrierStats first = result.carriers().get(0);
    assertThat(first.carrier()).isEqualTo("F9");
    assertThat(first.name()).isEqualTo("Frontier Airlines Inc.");
    assertThat(first.arrivals()).isEqualTo(681);
    assertThat(first.meanArrivalDelayMinutes()).isCloseTo(21.92, within(0.005));
    CarrierStats last = result.carriers().get(15);
    assertThat(last.carrier()).isEqualTo("AS");
    assertThat(last.meanArrivalDelayMinutes()).isCloseTo(-9.93, within(0.005));
    assertThat(result.mostDelayedCarrier()).isEqualTo("F9");
    assertThat(result.carriers().stream().mapToLong(CarrierStats::cancelled).sum()).isEqualTo(8_255);
    assertThat(result.carriers().stream().mapToLong(CarrierStats::arrivals).sum())
        .isEqualTo(336_776 - 9_430);
  }

  @Test
  void agreesWithAnIndependentPassOnEveryCarrierOfTheGzipFile(SparkSession spark) throws IOException {
    Path flights = FlightData.require(FlightData.FLIGHTS_DF);
    ReferenceStats.assertAgrees(analyse(spark, flights.toString()), ReferenceStats.of(flights, 15));
  }

  @Test
  void agreesOnThe19ColumnSample(SparkSession spark) throws IOException {
    Path sample = FlightData.require(FlightData.MODERN_SAMPLE);
    AnalysisResult result = analyse(spark, sample.toString());
    assertThat(result.rowsRead()).isEqualTo(100_000);
    ReferenceStats.assertAgrees(result, ReferenceStats.of(sample, 15));
  }

  @Test
  void agreesOnAPlainCsvCopy(SparkSession spark, @TempDir Path dir) throws IOException {
    Path gz = FlightData.require(FlightData.FLIGHTS_DF);
    Path plain = dir.resolve("flights.csv");
    try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
      Files.copy(in, plain);
    }
    ReferenceStats.assertAgrees(analyse(spark, plain.toString()), ReferenceStats.of(gz, 15));
  }

  @Test
  void agreesOnAParquetCopy(SparkSession spark, @TempDir Path dir) throws IOException {
    Path gz = FlightData.require(FlightData.FLIGHTS_DF);
    StructType typed =
        new StructType()
            .add("year", DataTypes.IntegerType).add("month", DataTypes.IntegerType)
            .add("day", DataTypes.IntegerType).add("dep_time", DataTypes.IntegerType)
            .add("dep_delay", DataTypes.DoubleType).add("arr_time", DataTypes.IntegerType)
            .add("arr_delay", DataTypes.DoubleType).add("carrier", DataTypes.StringType)
            .add("tailnum", DataTypes.StringType).add("flight", DataTypes.IntegerType)
            .add("origin", DataTypes.StringType).add("dest", DataTypes.StringType)
            .add("air_time", DataTypes.DoubleType).add("distance", DataTypes.DoubleType)
            .add("hour", DataTypes.IntegerType).add("minute", DataTypes.IntegerType);
    String parquet = dir.resolve("flights.parquet").toString();
    spark.read().option("header", "true").option("nullValue", "NA").schema(typed)
        .csv(gz.toString()).write().parquet(parquet);

    AnalysisResult result = analyse(spark, parquet);

    assertThat(result.rowsRead()).isEqualTo(336_776);
    ReferenceStats.assertAgrees(result, ReferenceStats.of(gz, 15));
  }

  @Test
  void ranksByEveryFigureAndHonoursTheThreshold(SparkSession spark) throws IOException {
    Path flights = FlightData.require(FlightData.FLIGHTS_DF);
    Map<String, ReferenceStats.Carrier> reference = ReferenceStats.of(flights, 30);
    for (RankBy rankBy : RankBy.values()) {
      JobOptions options =
          new JobOptions(flights.toString(), null, null, "csv", "nycflights13", Map.of(), rankBy, 30, 1000, 5, null);
      AnalysisResult result = new FlightDelayAnalysis(spark, AirlineNames.builtIn()).run(options);

      assertThat(result.carriers()).allMatch(c -> c.flights() >= 1000);
      assertThat(result.carriers()).extracting(rankBy::valueOf).isSortedAccordingTo(java.util.Comparator.reverseOrder());
      for (CarrierStats c : result.carriers()) {
        assertThat(c.delayedShare()).isCloseTo(reference.get(c.carrier()).delayedShare(), within(1e-9));
      }
    }
  }
}
