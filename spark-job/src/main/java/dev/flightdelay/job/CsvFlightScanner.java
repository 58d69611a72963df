package dev.flightdelay.job;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.List;

/**
 * Adds up the rows of a CSV stream (a file, or a split of one) into a {@link PartialResult}. It
 * reads only the carrier, delay and flag fields of each row, counts every field so short and
 * long rows are caught, and rejects a row with the reason rather than dropping it.
 */
final class CsvFlightScanner implements Serializable {

  private static final long serialVersionUID = 2L;
  private static final int CARRIER = 0;
  private static final int DEPARTURE = 1;
  private static final int ARRIVAL = 2;
  private static final int CANCELLED = 3;
  private static final int DIVERTED = 4;

  private final byte[] headerLine;
  private final int fieldCount;
  /** Column index of carrier, departure delay, arrival delay, cancelled, diverted; -1 if absent. */
  private final int[] wanted;

  CsvFlightScanner(byte[] headerLine, List<String> header, FlightColumns columns) {
    this.headerLine = headerLine.clone();
    this.fieldCount = header.size();
    this.wanted = new int[] {
      header.indexOf(columns.carrier()),
      columns.departureDelay() == null ? -1 : header.indexOf(columns.departureDelay()),
      header.indexOf(columns.arrivalDelay()),
      columns.cancelled() == null ? -1 : header.indexOf(columns.cancelled()),
      columns.diverted() == null ? -1 : header.indexOf(columns.diverted())
    };
  }

  /**
   * Adds the rows that start in {@code [start, end]} of a stream positioned at {@code start}: a
   * stream from the start of its file begins with the header; one from further on begins with
   * the end of a row the split before reads (Hadoop's rule for splitting text at line ends).
   */
  void scan(InputStream in, long start, long end, PartialResult result) throws IOException {
    CsvRecordScanner records = new CsvRecordScanner(in, wanted, start);
    if (start == 0) {
      records.next();
    } else {
      records.skipLine();
    }
    CarrierLookup carriers = new CarrierLookup(result);
    while (records.next() && records.recordOffset() <= end) {
      if (records.recordLength() != headerLine.length || !records.recordEquals(headerLine)) {
        add(records, carriers, result);
      }
    }
  }

  private void add(CsvRecordScanner records, CarrierLookup carriers, PartialResult result) {
    if (records.fields() != fieldCount) {
      result.reject("wrong number of fields (" + records.fields() + ", expected " + fieldCount + ")",
          records.recordText());
      return;
    }
    byte[] b = records.buffer();
    DelayHistogram histogram = carriers.find(b, records.start(CARRIER), records.end(CARRIER));
    if (histogram == null) {
      result.reject("missing carrier", records.recordText());
      return;
    }
    double dep = value(records, DEPARTURE);
    double arr = value(records, ARRIVAL);
    double cancelledFlag = value(records, CANCELLED);
    double divertedFlag = value(records, DIVERTED);
    String notNumber = dep == CsvFields.NOT_A_NUMBER ? "departure delay is not a number"
        : arr == CsvFields.NOT_A_NUMBER ? "arrival delay is not a number"
        : cancelledFlag == CsvFields.NOT_A_NUMBER ? "cancelled flag is not a number"
        : divertedFlag == CsvFields.NOT_A_NUMBER ? "diverted flag is not a number"
        : null;
    if (notNumber != null) {
      result.reject(notNumber, records.recordText());
      return;
    }
    boolean depMissing = Double.isNaN(dep);
    boolean arrMissing = Double.isNaN(arr);
    boolean diverted = divertedFlag > 0;
    // Without a departure delay column, a missing arrival delay is the only sign of a flight
    // that was not flown: count it as cancelled unless a diverted flag says otherwise.
    boolean notFlown = wanted[DEPARTURE] < 0 ? arrMissing && !diverted : depMissing;
    boolean cancelled = cancelledFlag > 0 || notFlown;
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

  private double value(CsvRecordScanner records, int slot) {
    return wanted[slot] < 0 ? Double.NaN
        : CsvFields.number(records.buffer(), records.start(slot), records.end(slot));
  }
}
