package dev.flightdelay.job;

import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;

/**
 * Ranks carriers by delay in one pass over the input (every file of it): every row is either counted for its
 * carrier or rejected with a reason, never dropped silently. A missing delay is a flight that
 * did not depart (cancelled) or did not arrive (diverted), never a zero delay. Each part of the
 * input is reduced to per-carrier histograms of arrival delays, from which the exact means,
 * medians and percentiles follow.
 */
public final class FlightDelayAnalysis {

  private final SparkSession spark;
  private final AirlineNames airlineNames;

  public FlightDelayAnalysis(SparkSession spark, AirlineNames airlineNames) {
    this.spark = spark;
    this.airlineNames = airlineNames;
  }

  public AnalysisResult run(JobOptions options) {
    long start = System.nanoTime();
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    List<InputFiles.InputFile> files = InputFiles.list(options.input(), conf);
    InputScan scan =
        InputFormats.isParquet(options, files)
            ? new ParquetFlightReader(spark).read(options, files)
            : new CsvFlightReader(spark).read(options, files);
    PartialResult total = scan.total();

    List<CarrierStats> carriers = new ArrayList<>();
    total.carriers.forEach(
        (carrier, histogram) -> {
          if (histogram.flights >= options.minFlights()) {
            carriers.add(histogram.stats(carrier, options.delayThresholdMinutes()));
          }
        });
    carriers.sort(options.rankBy().ordering());
    List<CarrierStats> ranked = new ArrayList<>();
    for (int i = 0; i < carriers.size(); i++) {
      CarrierStats s = carriers.get(i);
      ranked.add(s.ranked(i + 1, airlineNames.nameOf(s.carrier())));
    }
    return new AnalysisResult(
        options.input(),
        scan.counts(),
        scan.schema(),
        options.rankBy(),
        options.delayThresholdMinutes(),
        total.rowsRead,
        total.rowsRejected,
        List.copyOf(total.rejectedExamples),
        total.rowsRead - total.rowsRejected,
        List.copyOf(ranked),
        ranked.isEmpty() ? null : ranked.get(0).carrier(),
        (System.nanoTime() - start) / 1_000_000,
        spark.version());
  }
}
