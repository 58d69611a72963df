package dev.flightdelay.job;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

/**
 * Reads a Parquet input with Spark SQL (column pruning and typed columns come with the format)
 * down to a histogram per (carrier, arrival delay), a few thousand rows whatever the input size.
 */
final class ParquetFlightReader {

  private final SparkSession spark;

  ParquetFlightReader(SparkSession spark) {
    this.spark = spark;
  }

  InputScan read(JobOptions options) {
    ParquetMagic.check(options.input(), spark.sparkContext().hadoopConfiguration());
    Dataset<Row> parquet = spark.read().parquet(options.input());
    FlightColumns columns =
        SchemaResolver.resolve(Arrays.asList(parquet.columns()), options.schema(), options.columns());
    Column carrier = trim(column(columns.carrier()).cast(DataTypes.StringType));
    Column dep = number(columns.departureDelay());
    Column arr = number(columns.arrivalDelay());
    Column notNumber = notNumber(columns.departureDelay()).or(notNumber(columns.arrivalDelay()));
    Column valid = carrier.isNotNull().and(carrier.notEqual("")).and(carrier.notEqual("NA")).and(not(notNumber));
    Column divertedFlag = coalesce(number(columns.diverted()).gt(0), lit(false));
    Column notFlown = columns.departureDelay() == null ? arr.isNull().and(not(divertedFlag)) : dep.isNull();
    Column cancelled = coalesce(number(columns.cancelled()).gt(0), lit(false)).or(notFlown);
    Column diverted = not(cancelled).and(divertedFlag.or(arr.isNull()));
    Dataset<Row> flights =
        parquet.select(
            when(valid, carrier).as("key"),
            dep.as("dep"),
            arr.as("arr"),
            when(cancelled, 1).otherwise(0).as("isCancelled"),
            when(diverted, 1).otherwise(0).as("isDiverted"),
            notNumber.as("notNumber"),
            carrier.as("carrier"));

    PartialResult result = new PartialResult();
    for (Row row :
        flights.groupBy(col("key"), col("arr"))
            .agg(
                count(lit(1)).as("n"),
                sum(col("dep")).as("depSum"),
                count(col("dep")).as("depN"),
                sum(col("isCancelled")).as("cancelled"),
                sum(col("isDiverted")).as("diverted"))
            .collectAsList()) {
      long n = row.getLong(2);
      result.rowsRead += n;
      if (row.isNullAt(0)) {
        result.rowsRejected += n;
        continue;
      }
      DelayHistogram histogram = result.carrier(row.getString(0));
      histogram.flights += n;
      histogram.departures += row.getLong(4);
      histogram.departureDelaySum += row.isNullAt(3) ? 0 : row.getDouble(3);
      histogram.cancelled += row.getLong(5);
      histogram.diverted += row.getLong(6);
      if (!row.isNullAt(1)) {
        histogram.addArrivals(row.getDouble(1), n);
      }
    }
    if (result.rowsRejected > 0) {
      addExamples(flights, result);
    }
    return new InputScan(columns.schema(), result);
  }

  private static void addExamples(Dataset<Row> flights, PartialResult result) {
    for (Row row :
        flights.filter(col("key").isNull())
            .select("notNumber", "carrier", "dep", "arr")
            .limit(PartialResult.MAX_REJECTED_EXAMPLES)
            .collectAsList()) {
      result.example(row.getBoolean(0) ? "a delay is not a number" : "missing carrier",
          row.get(1) + "," + row.get(2) + "," + row.get(3));
    }
  }

  private static Column column(String name) {
    return col("`" + name.replace("`", "``") + "`");
  }

  private static Column number(String name) {
    return name == null ? lit(null).cast(DataTypes.DoubleType) : column(name).try_cast(DataTypes.DoubleType);
  }

  private static Column notNumber(String name) {
    return name == null ? lit(false) : column(name).isNotNull().and(number(name).isNull());
  }
}
