package dev.flightdelay.job;

import java.io.Serializable;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.function.FlatMapFunction;

/**
 * Adds up the lines of one partition of a CSV input into a {@link PartialResult}. It reads only
 * the carrier, delay and flag fields of each line (quote-aware, so commas inside quotes are
 * data), counts every field so short and long rows are caught, and rejects a row with the reason
 * rather than dropping it.
 */
final class CsvFlightScanner implements FlatMapFunction<Iterator<String>, PartialResult>, Serializable {

  private static final long serialVersionUID = 1L;
  private static final double MISSING = Double.NaN;

  private final String headerLine;
  private final int fieldCount;
  /** Column index of carrier, departure delay, arrival delay, cancelled, diverted; -1 if absent. */
  private final int[] wanted;

  CsvFlightScanner(String headerLine, List<String> header, FlightColumns columns) {
    this.headerLine = headerLine;
    this.fieldCount = header.size();
    this.wanted = new int[] {
      header.indexOf(columns.carrier()),
      columns.departureDelay() == null ? -1 : header.indexOf(columns.departureDelay()),
      header.indexOf(columns.arrivalDelay()),
      columns.cancelled() == null ? -1 : header.indexOf(columns.cancelled()),
      columns.diverted() == null ? -1 : header.indexOf(columns.diverted())
    };
  }

  @Override
  public Iterator<PartialResult> call(Iterator<String> lines) {
    PartialResult result = new PartialResult();
    int[] starts = new int[wanted.length];
    int[] ends = new int[wanted.length];
    while (lines.hasNext()) {
      String line = lines.next();
      if (!line.isEmpty() && !line.equals(headerLine)) {
        add(line, result, starts, ends);
      }
    }
    return List.of(result).iterator();
  }

  private void add(String line, PartialResult result, int[] starts, int[] ends) {
    int fields = split(line, starts, ends);
    if (fields != fieldCount) {
      result.reject("wrong number of fields (" + fields + ", expected " + fieldCount + ")", line);
      return;
    }
    String carrier = text(line, starts[0], ends[0]);
    if (carrier.isEmpty() || carrier.equals("NA")) {
      result.reject("missing carrier", line);
      return;
    }
    double dep;
    double arr;
    double cancelledFlag;
    double divertedFlag;
    try {
      dep = wanted[1] < 0 ? MISSING : number(line, starts[1], ends[1], "departure delay");
      arr = number(line, starts[2], ends[2], "arrival delay");
      cancelledFlag = wanted[3] < 0 ? MISSING : number(line, starts[3], ends[3], "cancelled flag");
      divertedFlag = wanted[4] < 0 ? MISSING : number(line, starts[4], ends[4], "diverted flag");
    } catch (NotANumber e) {
      result.reject(e.getMessage(), line);
      return;
    }
    boolean depMissing = Double.isNaN(dep);
    boolean arrMissing = Double.isNaN(arr);
    boolean diverted = divertedFlag > 0;
    // Without a departure delay column, a missing arrival delay is the only sign of a flight
    // that was not flown: count it as cancelled unless a diverted flag says otherwise.
    boolean notFlown = wanted[1] < 0 ? arrMissing && !diverted : depMissing;
    boolean cancelled = cancelledFlag > 0 || notFlown;
    DelayHistogram histogram = result.carrier(carrier);
    result.rowsRead++;
    histogram.flights++;
    if (cancelled) {
      histogram.cancelled++;
    } else if (diverted || arrMissing) {
      histogram.diverted++;
    }
    if (!depMissing) {
      histogram.departures++;
      histogram.departureDelaySum += dep;
    }
    if (!arrMissing) {
      histogram.addArrival(arr);
    }
  }

  /** Records where each wanted field starts and ends; returns the number of fields. */
  private int split(String line, int[] starts, int[] ends) {
    int field = 0;
    int start = 0;
    boolean quoted = false;
    int length = line.length();
    for (int i = 0; i <= length; i++) {
      char c = i == length ? ',' : line.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        for (int w = 0; w < wanted.length; w++) {
          if (wanted[w] == field) {
            starts[w] = start;
            ends[w] = i;
          }
        }
        field++;
        start = i + 1;
      }
    }
    return field;
  }

  /** A field's text: trimmed, without its quotes, "" inside quotes read as one quote. */
  private static String text(String line, int start, int end) {
    while (start < end && line.charAt(start) == ' ') {
      start++;
    }
    while (end > start && (line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\r')) {
      end--;
    }
    if (end - start >= 2 && line.charAt(start) == '"' && line.charAt(end - 1) == '"') {
      return line.substring(start + 1, end - 1).replace("\"\"", "\"").strip();
    }
    return line.substring(start, end);
  }

  /** A number, or MISSING for empty and NA; whole and decimal numbers take a fast path. */
  private static double number(String line, int start, int end, String what) {
    while (start < end && line.charAt(start) == ' ') {
      start++;
    }
    while (end > start && (line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\r')) {
      end--;
    }
    if (end - start >= 2 && line.charAt(start) == '"' && line.charAt(end - 1) == '"') {
      start++;
      end--;
    }
    if (start == end || (end - start == 2 && line.charAt(start) == 'N' && line.charAt(start + 1) == 'A')) {
      return MISSING;
    }
    int i = start;
    boolean negative = false;
    if (line.charAt(i) == '-' || line.charAt(i) == '+') {
      negative = line.charAt(i) == '-';
      i++;
    }
    long whole = 0;
    int digits = 0;
    while (i < end && Character.isDigit(line.charAt(i)) && digits < 15) {
      whole = whole * 10 + (line.charAt(i++) - '0');
      digits++;
    }
    double value = whole;
    if (i < end && line.charAt(i) == '.') {
      i++;
      long fraction = 0;
      long scale = 1;
      while (i < end && Character.isDigit(line.charAt(i)) && scale < 1_000_000_000_000L) {
        fraction = fraction * 10 + (line.charAt(i++) - '0');
        scale *= 10;
        digits++;
      }
      value += (double) fraction / scale;
    }
    if (i == end && digits > 0) {
      return negative ? -value : value;
    }
    String raw = line.substring(start, end);
    String lower = raw.toLowerCase(Locale.ROOT);
    if (lower.equals("true") || lower.equals("false")) {
      return lower.equals("true") ? 1 : 0;
    }
    try {
      return Double.parseDouble(raw);
    } catch (NumberFormatException e) {
      throw new NotANumber(what + " is not a number");
    }
  }

  /** A field that should hold a number and does not. */
  private static final class NotANumber extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotANumber(String message) {
      super(message, null, false, false);
    }
  }
}
