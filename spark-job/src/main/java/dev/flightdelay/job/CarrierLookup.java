package dev.flightdelay.job;

/**
 * Finds a carrier's histogram from the bytes of its field without making a String per row: a
 * code of up to seven plain bytes (every carrier code there is) packs into a long, and the few
 * codes of a file are looked up in a small array; anything else goes through the text.
 */
final class CarrierLookup {

  private static final int MAX_PACKED = 7;

  private final PartialResult result;
  private long[] keys = new long[16];
  private DelayHistogram[] histograms = new DelayHistogram[16];
  private int size;

  CarrierLookup(PartialResult result) {
    this.result = result;
  }

  /** The histogram of the carrier in {@code b[start, end)}, or null when the field is missing. */
  DelayHistogram find(byte[] b, int start, int end) {
    long key = pack(b, start, end);
    if (key != 0) {
      for (int i = 0; i < size; i++) {
        if (keys[i] == key) {
          return histograms[i];
        }
      }
    }
    String carrier = start < 0 ? "" : CsvFields.text(b, start, end);
    if (carrier.isEmpty() || carrier.equals("NA")) {
      return null;
    }
    DelayHistogram histogram = result.carrier(carrier);
    if (key != 0) {
      remember(key, histogram);
    }
    return histogram;
  }

  /**
   * The code's bytes and its length in a long, or 0 when it does not fit: only plain (or simply
   * quoted) ASCII codes without spaces, so that equal keys mean equal text.
   */
  private static long pack(byte[] b, int start, int end) {
    if (start < 0) {
      return 0;
    }
    int s = start;
    int e = end;
    if (e - s >= 2 && b[s] == '"' && b[e - 1] == '"') {
      s++;
      e--;
    }
    int length = e - s;
    if (length == 0 || length > MAX_PACKED) {
      return 0;
    }
    long key = length;
    for (int i = s; i < e; i++) {
      byte c = b[i];
      if (c <= ' ' || c == '"' || c >= 0x7F) {
        return 0;
      }
      key = (key << 8) | c;
    }
    return key;
  }

  private void remember(long key, DelayHistogram histogram) {
    if (size == keys.length) {
      keys = java.util.Arrays.copyOf(keys, size * 2);
      histograms = java.util.Arrays.copyOf(histograms, size * 2);
    }
    keys[size] = key;
    histograms[size++] = histogram;
  }
}
