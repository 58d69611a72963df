package dev.flightdelay.job;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.HashMap;

/** What one partition of the input adds up to; partials merge into the whole. */
final class PartialResult implements Serializable {

  private static final long serialVersionUID = 1L;
  static final int MAX_REJECTED_EXAMPLES = 10;
  private static final int MAX_EXAMPLE_LENGTH = 200;

  long rowsRead;
  long rowsRejected;
  final List<RejectedRow> rejectedExamples = new ArrayList<>();
  final Map<String, DelayHistogram> carriers = new HashMap<>();

  DelayHistogram carrier(String code) {
    return carriers.computeIfAbsent(code, c -> new DelayHistogram());
  }

  void reject(String reason, String row) {
    rowsRead++;
    rowsRejected++;
    example(reason, row);
  }

  /** Keeps a rejected row to show, up to the limit; counting it is the caller's. */
  void example(String reason, String row) {
    if (rejectedExamples.size() < MAX_REJECTED_EXAMPLES) {
      String text =
          row.length() > MAX_EXAMPLE_LENGTH
              ? row.substring(0, MAX_EXAMPLE_LENGTH) + "..."
              : row;
      rejectedExamples.add(new RejectedRow(reason, text));
    }
  }

  PartialResult merge(PartialResult other) {
    rowsRead += other.rowsRead;
    rowsRejected += other.rowsRejected;
    for (RejectedRow row : other.rejectedExamples) {
      if (rejectedExamples.size() < MAX_REJECTED_EXAMPLES) {
        rejectedExamples.add(row);
      }
    }
    other.carriers.forEach((code, histogram) -> carrier(code).merge(histogram));
    return this;
  }
}
