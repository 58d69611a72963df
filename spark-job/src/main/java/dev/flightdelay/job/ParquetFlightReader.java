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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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

  InputScan read(JobOptions options, List<InputFiles.InputFile> files) {
    ParquetMagic.check(options.input(), files, spark.sparkContext().hadoopConfiguration());
    try {
      return scan(options);
    } catch (InputSchemaException e) {
      throw e;
    } catch (Exception e) {
      // Not only RuntimeException: Spark throws its checked SparkException undeclared.
      if (unreadable(e)) {
        throw new InputSchemaException("the input " + options.input() + " is not readable Parquet: a file of it is"
            + " corrupt or cut short (its footer or a page cannot be decoded)");
      }
      throw e;
    }
  }

  private InputScan scan(JobOptions options) {
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
            carrier.as("carrier"),
            col("_metadata.file_path").as("file"));

    Map<String, PartialResult> perFile = new TreeMap<>();
    for (Row row :
        flights.groupBy(col("file"), col("key"), col("arr"))
            .agg(
                count(lit(1)).as("n"),
                sum(col("dep")).as("depSum"),
                count(col("dep")).as("depN"),
                sum(col("isCancelled")).as("cancelled"),
                sum(col("isDiverted")).as("diverted"))
            .collectAsList()) {
      PartialResult result = perFile.computeIfAbsent(row.getString(0), f -> new PartialResult());
      long n = row.getLong(3);
      result.rowsRead += n;
      if (row.isNullAt(1)) {
        result.rowsRejected += n;
        continue;
      }
      DelayHistogram histogram = result.carrier(row.getString(1));
      histogram.flights += n;
      histogram.departures += row.getLong(5);
      histogram.departureDelaySum += row.isNullAt(4) ? 0 : row.getDouble(4);
      histogram.cancelled += row.getLong(6);
      histogram.diverted += row.getLong(7);
      if (!row.isNullAt(2)) {
        histogram.addArrivals(row.getDouble(2), n);
      }
    }
    if (perFile.values().stream().anyMatch(r -> r.rowsRejected > 0)) {
      addExamples(flights, perFile);
    }
    return new InputScan(columns.schema(), List.copyOf(perFile.keySet()), List.copyOf(perFile.values()));
  }

  private static void addExamples(Dataset<Row> flights, Map<String, PartialResult> perFile) {
    for (Row row :
        flights.filter(col("key").isNull())
            .select("notNumber", "carrier", "dep", "arr", "file")
            .limit(PartialResult.MAX_REJECTED_EXAMPLES)
            .collectAsList()) {
      perFile.get(row.getString(4)).example(row.getBoolean(0) ? "a delay is not a number" : "missing carrier",
          row.get(1) + "," + row.get(2) + "," + row.get(3));
    }
  }

  /** Whether Spark failed on a file's content (Parquet could not decode it), not on reaching it. */
  private static boolean unreadable(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String name = t.getClass().getName();
      if (name.startsWith("org.apache.parquet") || t instanceof java.io.EOFException
          || (t instanceof org.apache.spark.SparkThrowable s && s.getCondition() != null
              && s.getCondition().startsWith("FAILED_READ_FILE"))) {
        return true;
      }
    }
    return false;
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
