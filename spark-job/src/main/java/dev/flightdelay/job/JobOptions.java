package dev.flightdelay.job;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The job's arguments; they mirror the DelayAnalysis spec.
 *
 * @param input a path or URI (file:, s3a://) of a file, a directory or S3 prefix (every file
 *     under it), or a glob: CSV (plain, compressed such as .gz, or one CSV in a .zip) or Parquet
 * @param output a directory path or URI for results.json, results.csv and delays.png; null for
 *     none
 * @param airlines a carrier,name CSV; null for the built-in table of US carrier codes
 * @param format auto, csv or parquet
 * @param schema auto, nycflights13, bts, dataexpo or custom
 * @param columns the mapping for schema custom (carrier, arrivalDelay, departureDelay,
 *     cancelled, diverted)
 * @param summaryFile where to write the summary trimmed to 4 KB (the driver's termination log)
 */
public record JobOptions(
    String input,
    String output,
    String airlines,
    String format,
    String schema,
    Map<String, String> columns,
    RankBy rankBy,
    int delayThresholdMinutes,
    int minFlights,
    int topN,
    String summaryFile) {

  public static final String USAGE =
      """
      usage: FlightDelayJob --input <path-or-uri> [--output <dir-or-uri>] [--airlines <csv>]
                            [--format auto|csv|parquet] [--schema auto|nycflights13|bts|dataexpo|custom]
                            [--columns carrier=COL,arrivalDelay=COL[,departureDelay=COL,cancelled=COL,diverted=COL]]
                            [--rank-by meanArrivalDelay|medianArrivalDelay|p90ArrivalDelay|meanDepartureDelay|delayedShare]
                            [--threshold MINUTES] [--min-flights N] [--top N] [--summary-file PATH] [--verbose]
      """;

  public JobOptions {
    if (input == null || input.isBlank()) {
      throw new IllegalArgumentException("--input is required");
    }
    if (delayThresholdMinutes < 0) {
      throw new IllegalArgumentException("--threshold must be >= 0, got " + delayThresholdMinutes);
    }
    if (minFlights < 1) {
      throw new IllegalArgumentException("--min-flights must be >= 1, got " + minFlights);
    }
    if (topN < 1 || topN > 100) {
      throw new IllegalArgumentException("--top must be 1-100, got " + topN);
    }
    columns = Map.copyOf(columns);
  }

  /** Options with the defaults of the DelayAnalysis spec. */
  public static JobOptions of(String input, String output) {
    return new JobOptions(
        input, output, null, "auto", "auto", Map.of(), RankBy.meanArrivalDelay, 15, 1, 10, null);
  }

  public static JobOptions parse(String[] args) {
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      if (!name.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument '" + name + "'");
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(name + " needs a value");
      }
      values.put(name.substring(2), args[++i]);
    }
    JobOptions options =
        new JobOptions(
            values.remove("input"),
            values.remove("output"),
            values.remove("airlines"),
            take(values, "format", "auto"),
            take(values, "schema", "auto"),
            parseColumns(take(values, "columns", "")),
            RankBy.parse(take(values, "rank-by", "meanArrivalDelay")),
            parseInt(take(values, "threshold", "15"), "threshold"),
            parseInt(take(values, "min-flights", "1"), "min-flights"),
            parseInt(take(values, "top", "10"), "top"),
            values.remove("summary-file"));
    if (!values.isEmpty()) {
      throw new IllegalArgumentException("unknown option(s) " + values.keySet());
    }
    return options;
  }

  private static String take(Map<String, String> values, String name, String fallback) {
    String value = values.remove(name);
    return value == null ? fallback : value;
  }

  private static int parseInt(String value, String name) {
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " must be a whole number, got '" + value + "'");
    }
  }

  private static Map<String, String> parseColumns(String spec) {
    Map<String, String> columns = new LinkedHashMap<>();
    for (String pair : spec.split(",")) {
      if (pair.isBlank()) {
        continue;
      }
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("--columns wants field=column pairs, got '" + pair + "'");
      }
      columns.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
    }
    return columns;
  }
}
