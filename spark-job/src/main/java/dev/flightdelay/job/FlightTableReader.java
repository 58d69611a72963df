package dev.flightdelay.job;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Reads CSV (plain or compressed) or Parquet with an explicit schema and no inference pass, and
 * keeps only the columns the analysis needs; Spark's CSV column pruning then parses nothing else.
 */
final class FlightTableReader {

  private static final String CORRUPT = "_corrupt_record";

  private final SparkSession spark;

  FlightTableReader(SparkSession spark) {
    this.spark = spark;
  }

  RawFlights read(JobOptions options) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    return isParquet(options, conf) ? readParquet(options) : readCsv(options, conf);
  }

  private RawFlights readCsv(JobOptions options, Configuration conf) {
    List<String> header = HeaderReader.header(options.input(), conf);
    if (header.isEmpty() || header.stream().allMatch(String::isEmpty)) {
      throw new InputSchemaException(
          "the input " + options.input() + " is empty: no header line with carrier and delay columns");
    }
    List<String> names = uniqueNames(header);
    FlightColumns columns = SchemaResolver.resolve(names, options.schema(), options.columns());
    List<StructField> fields = new ArrayList<>();
    for (String name : names) {
      fields.add(DataTypes.createStructField(name, DataTypes.StringType, true));
    }
    fields.add(DataTypes.createStructField(CORRUPT, DataTypes.StringType, true));
    Dataset<Row> csv =
        spark.read()
            .option("header", "true")
            .option("mode", "PERMISSIVE")
            .option("columnNameOfCorruptRecord", CORRUPT)
            .option("escape", "\"")
            .schema(new StructType(fields.toArray(StructField[]::new)))
            .csv(options.input());
    return new RawFlights(select(csv, columns, col(CORRUPT)), columns);
  }

  private RawFlights readParquet(JobOptions options) {
    Dataset<Row> parquet = spark.read().parquet(options.input());
    FlightColumns columns =
        SchemaResolver.resolve(Arrays.asList(parquet.columns()), options.schema(), options.columns());
    return new RawFlights(select(parquet, columns, lit(null).cast(DataTypes.StringType)), columns);
  }

  private static Dataset<Row> select(Dataset<Row> input, FlightColumns columns, Column malformed) {
    return input.select(
        column(columns.carrier()).as(RawFlights.CARRIER),
        column(columns.departureDelay()).as(RawFlights.DEP),
        column(columns.arrivalDelay()).as(RawFlights.ARR),
        column(columns.cancelled()).as(RawFlights.CANCELLED),
        column(columns.diverted()).as(RawFlights.DIVERTED),
        malformed.as(RawFlights.MALFORMED));
  }

  private static Column column(String name) {
    return name == null
        ? lit(null).cast(DataTypes.StringType)
        : col("`" + name.replace("`", "``") + "`").cast(DataTypes.StringType);
  }

  /** Spark needs distinct, non-empty column names; a blank or repeated header gets _c<i>. */
  private static List<String> uniqueNames(List<String> header) {
    List<String> names = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < header.size(); i++) {
      String name = header.get(i);
      if (name.isEmpty() || !seen.add(name.toLowerCase(Locale.ROOT))) {
        name = "_c" + i;
      }
      names.add(name);
    }
    return names;
  }

  private static boolean isParquet(JobOptions options, Configuration conf) {
    String format = options.format().toLowerCase(Locale.ROOT);
    if (!format.equals("auto")) {
      if (!format.equals("csv") && !format.equals("parquet")) {
        throw new IllegalArgumentException("unknown format '" + options.format() + "', expected auto, csv or parquet");
      }
      return format.equals("parquet");
    }
    if (options.input().toLowerCase(Locale.ROOT).endsWith(".parquet")) {
      return true;
    }
    Path path = new Path(options.input());
    try {
      FileSystem fs = path.getFileSystem(conf);
      FileStatus status = fs.getFileStatus(path);
      if (!status.isDirectory()) {
        return false;
      }
      for (FileStatus child : fs.listStatus(path)) {
        if (child.getPath().getName().endsWith(".parquet")) {
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + options.input(), e);
    }
  }
}
