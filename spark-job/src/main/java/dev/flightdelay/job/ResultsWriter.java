package dev.flightdelay.job;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Writes results.json, results.csv and delays.png into an output directory on any Hadoop FS. */
public final class ResultsWriter {

  public static final String RESULTS_JSON = "results.json";
  public static final String RESULTS_CSV = "results.csv";
  public static final String CHART_PNG = "delays.png";

  private ResultsWriter() {}

  /** Where the files of an output directory are, for the summary. */
  public static String resultsUri(String output) {
    return child(output, RESULTS_JSON);
  }

  public static String chartUri(String output) {
    return child(output, CHART_PNG);
  }

  public static void write(AnalysisResult result, String output, Configuration conf) {
    try {
      Path dir = new Path(output);
      FileSystem fs = dir.getFileSystem(conf);
      // Local output is read by people and by the operator, not by Hadoop: no .crc side files.
      fs.setWriteChecksum(false);
      try (Writer json = writer(fs, new Path(dir, RESULTS_JSON))) {
        json.write(ResultsJson.full(result));
      }
      try (Writer csv = writer(fs, new Path(dir, RESULTS_CSV))) {
        csv.write(csv(result));
      }
      try (OutputStream png = fs.create(new Path(dir, CHART_PNG), true)) {
        DelayChart.writePng(result, png);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write results to " + output, e);
    }
  }

  static String csv(AnalysisResult result) {
    StringBuilder out = new StringBuilder(String.join(",", ResultsJson.csvHeader())).append('\n');
    for (CarrierStats c : result.carriers()) {
      out.append(
              String.join(
                  ",",
                  List.of(
                      "" + c.rank(),
                      quote(c.carrier()),
                      quote(c.name()),
                      "" + c.flights(),
                      "" + c.cancelled(),
                      "" + c.diverted(),
                      "" + c.arrivals(),
                      number(c.meanArrivalDelayMinutes()),
                      number(c.medianArrivalDelayMinutes()),
                      number(c.p90ArrivalDelayMinutes()),
                      number(c.meanDepartureDelayMinutes()),
                      number(c.delayedShare()))))
          .append('\n');
    }
    return out.toString();
  }

  private static Writer writer(FileSystem fs, Path path) throws IOException {
    return new OutputStreamWriter(fs.create(path, true), StandardCharsets.UTF_8);
  }

  private static String quote(String value) {
    return value == null ? "" : "\"" + value.replace("\"", "\"\"") + "\"";
  }

  private static String number(Double value) {
    return value == null ? "" : String.format(Locale.ROOT, "%.6f", value);
  }

  private static String child(String dir, String name) {
    return dir.endsWith("/") ? dir + name : dir + "/" + name;
  }
}
