package dev.flightdelay.job;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits a stream of CSV bytes into records and finds where the wanted fields of each record
 * are, without making a String of anything: the job's hot loop.
 *
 * <p>The rules (RFC 4180, as FastCSV reads it, which {@code CsvRecordScannerTest} proves):
 * a record ends at LF, CRLF or a lone CR; an empty line is no record; a field is quoted only
 * when its first byte is a double quote, and then commas, CR and LF inside the quotes are data
 * and a doubled quote is one quote; a quote anywhere else is data. A UTF-8 byte-order mark at
 * the start of the stream is not data.
 */
final class CsvRecordScanner {

  /** A record longer than this is not CSV with a line structure (an unclosed quote, a binary). */
  static final int MAX_RECORD_BYTES = 16 << 20;
  private static final int BUFFER_BYTES = 1 << 20;
  private static final byte QUOTE = '"';
  private static final byte COMMA = ',';
  private static final byte LF = '\n';
  private static final byte CR = '\r';

  private final InputStream in;
  /** Field index to the slot its position is kept in, or -1. */
  private final int[] slotOfField;
  private final int[] starts;
  private final int[] ends;

  private byte[] buf = new byte[BUFFER_BYTES];
  /** Stream offset of buf[0]. */
  private long base;
  private int pos;
  private int limit;
  private boolean eof;
  private boolean skipLf;

  private int recordStart;
  private int recordEnd;
  private int fields;

  /**
   * @param wantedFields for each slot, the index of the field whose position it keeps
   * @param offset where in its file the stream starts: at 0 a byte-order mark may come first
   */
  CsvRecordScanner(InputStream in, int[] wantedFields, long offset) throws IOException {
    this.in = in;
    this.base = offset;
    int maxField = Arrays.stream(wantedFields).max().orElse(-1);
    this.slotOfField = new int[maxField + 1];
    Arrays.fill(slotOfField, -1);
    for (int slot = 0; slot < wantedFields.length; slot++) {
      if (wantedFields[slot] >= 0) {
        slotOfField[wantedFields[slot]] = slot;
      }
    }
    this.starts = new int[wantedFields.length];
    this.ends = new int[wantedFields.length];
    if (offset == 0) {
      fill(3);
      if (limit - pos >= 3 && buf[0] == (byte) 0xEF && buf[1] == (byte) 0xBB && buf[2] == (byte) 0xBF) {
        pos = 3;
      }
    }
  }

  /** Skips the bytes up to and including the next line end, as a split that starts mid-file does. */
  void skipLine() throws IOException {
    while (true) {
      if (pos == limit && !fill(1)) {
        return;
      }
      byte b = buf[pos++];
      if (b == LF) {
        return;
      }
      if (b == CR) {
        skipLf = true;
        return;
      }
    }
  }

  /** Moves to the next record; false at the end of the stream. */
  boolean next() throws IOException {
    while (true) {
      if (pos == limit && !fill(1)) {
        return false;
      }
      if (skipLf) {
        skipLf = false;
        if (buf[pos] == LF) {
          pos++;
          continue;
        }
      }
      if (scan() && !(fields == 1 && recordEnd == recordStart)) {
        return true;
      }
    }
  }

  /** Scans the record at pos; false when the buffer had to be refilled and it must start over. */
  private boolean scan() throws IOException {
    Arrays.fill(starts, -1);
    Arrays.fill(ends, -1);
    final byte[] b = buf;
    final int[] slots = slotOfField;
    final int start = pos;
    int lim = limit;
    int field = 0;
    int fieldStart = start;
    int i = start;
    while (true) {
      if (i == lim) {
        if (refill(start)) {
          return false;
        }
        return endRecord(field, fieldStart, i, i);
      }
      byte c = b[i];
      if (c == COMMA) {
        if (field < slots.length && slots[field] >= 0) {
          starts[slots[field]] = fieldStart;
          ends[slots[field]] = i;
        }
        field++;
        fieldStart = ++i;
      } else if (c == LF || c == CR) {
        skipLf = c == CR;
        return endRecord(field, fieldStart, i, i + 1);
      } else if (c == QUOTE && i == fieldStart) {
        i++;
        while (true) {
          if (i >= lim - 1 && !eof) {
            if (refill(start)) {
              return false;
            }
          }
          if (i == lim) {
            return endRecord(field, fieldStart, i, i);
          }
          if (b[i] == QUOTE) {
            if (i + 1 < lim && b[i + 1] == QUOTE) {
              i += 2;
              continue;
            }
            i++;
            break;
          }
          i++;
        }
      } else {
        i++;
      }
    }
  }

  private boolean endRecord(int field, int fieldStart, int end, int next) {
    if (field < slotOfField.length && slotOfField[field] >= 0) {
      starts[slotOfField[field]] = fieldStart;
      ends[slotOfField[field]] = end;
    }
    fields = field + 1;
    recordStart = pos;
    recordEnd = end;
    pos = next;
    return true;
  }

  /**
   * Keeps the record that starts at {@code start} at the front of the buffer and reads more after
   * it; true when the buffer changed (the record must be scanned again from its start), false
   * when the stream had already ended.
   */
  private boolean refill(int start) throws IOException {
    if (eof) {
      return false;
    }
    int kept = limit - start;
    if (kept >= MAX_RECORD_BYTES) {
      throw new RecordTooLongException(base + start);
    }
    if (kept >= buf.length / 2) {
      byte[] bigger = new byte[Math.min(buf.length * 2, MAX_RECORD_BYTES + 2)];
      System.arraycopy(buf, start, bigger, 0, kept);
      buf = bigger;
    } else {
      System.arraycopy(buf, start, buf, 0, kept);
    }
    base += start;
    pos = 0;
    limit = kept;
    read();
    return true;
  }

  /** Makes at least {@code wanted} bytes available from pos, unless the stream ends first. */
  private boolean fill(int wanted) throws IOException {
    if (limit - pos >= wanted) {
      return true;
    }
    if (eof) {
      return limit > pos;
    }
    int kept = limit - pos;
    System.arraycopy(buf, pos, buf, 0, kept);
    base += pos;
    pos = 0;
    limit = kept;
    while (limit - pos < wanted && read()) {
      // read until enough or the end
    }
    return limit > pos;
  }

  /** Reads into the free end of the buffer; false at the end of the stream. */
  private boolean read() throws IOException {
    int n = in.read(buf, limit, buf.length - limit);
    while (n == 0) {
      n = in.read(buf, limit, buf.length - limit);
    }
    if (n < 0) {
      eof = true;
      return false;
    }
    limit += n;
    return true;
  }

  /** Stream offset of the current record's first byte. */
  long recordOffset() {
    return base + recordStart;
  }

  int fields() {
    return fields;
  }

  byte[] buffer() {
    return buf;
  }

  /** Start of the wanted field in slot, in {@link #buffer()}; -1 when the record has no such field. */
  int start(int slot) {
    return starts[slot];
  }

  int end(int slot) {
    return ends[slot];
  }

  int recordLength() {
    return recordEnd - recordStart;
  }

  boolean recordEquals(byte[] line) {
    return Arrays.equals(buf, recordStart, recordEnd, line, 0, line.length);
  }

  /** The record as text, for a rejected row's example. */
  String recordText() {
    return new String(buf, recordStart, recordEnd - recordStart, StandardCharsets.UTF_8);
  }

  /** A row longer than {@link #MAX_RECORD_BYTES}. */
  static final class RecordTooLongException extends IOException {
    private static final long serialVersionUID = 1L;

    RecordTooLongException(long offset) {
      super("a row starting at byte " + offset + " is longer than " + (MAX_RECORD_BYTES >> 20)
          + " MiB: an unclosed quote, or not CSV");
    }
  }
}
