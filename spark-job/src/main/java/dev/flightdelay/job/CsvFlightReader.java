package dev.flightdelay.job;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * Reads a CSV input (plain or compressed, any Hadoop file system) as lines split across the
 * cluster, and adds them up with {@link CsvFlightScanner}: no schema inference, and no parsing
 * of the columns the analysis does not need.
 */
final class CsvFlightReader {

  private final SparkSession spark;

  CsvFlightReader(SparkSession spark) {
    this.spark = spark;
  }

  InputScan read(JobOptions options) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    HeaderReader.Header header = HeaderReader.header(options.input(), conf);
    if (header.isEmpty()) {
      throw new InputSchemaException(
          "the input " + options.input() + " is empty: no header line with carrier and delay columns");
    }
    FlightColumns columns = SchemaResolver.resolve(header.names(), options.schema(), options.columns());
    PartialResult total = new PartialResult();
    JavaSparkContext.fromSparkContext(spark.sparkContext())
        .textFile(options.input())
        .mapPartitions(new CsvFlightScanner(header.line(), header.names(), columns))
        .collect()
        .forEach(total::merge);
    return new InputScan(columns.schema(), total);
  }
}
