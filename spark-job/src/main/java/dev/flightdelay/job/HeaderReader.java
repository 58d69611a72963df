package dev.flightdelay.job;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;

/** Reads the header line of a CSV file (plain, compressed or zipped), on any Hadoop file system. */
final class HeaderReader {

  private static final int MAX_HEADER_BYTES = 1 << 20;
  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  private HeaderReader() {}

  /** The first line of a file as bytes (no byte-order mark, no line end), and split into column names. */
  record Header(byte[] line, List<String> names) {
    boolean isEmpty() {
      return names.stream().allMatch(String::isEmpty);
    }
  }

  /** The header line of a CSV file; an empty header when the file is empty. */
  static Header header(String path, Configuration conf) throws IOException {
    try (InputStream in = new BufferedInputStream(CsvStreams.open(path, conf))) {
      byte[] line = firstLine(in, path);
      if (line.length >= 3 && Arrays.equals(line, 0, 3, BOM, 0, 3)) {
        line = Arrays.copyOfRange(line, 3, line.length);
      }
      return new Header(line, line.length == 0 ? List.of() : split(new String(line, StandardCharsets.UTF_8)));
    } catch (IOException e) {
      if (CsvStreams.damage(e, path, conf)) {
        throw new DamagedInputException("the input file " + path + " is damaged: it ends or breaks before its"
            + " first line (" + e.getMessage() + ")");
      }
      throw e;
    }
  }

  private static byte[] firstLine(InputStream in, String path) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != -1 && b != '\n' && b != '\r'; b = in.read()) {
      if (line.size() == MAX_HEADER_BYTES) {
        throw new InputSchemaException("the first line of the input file " + path + " is longer than "
            + (MAX_HEADER_BYTES >> 20) + " MiB: not a CSV header");
      }
      line.write(b);
    }
    return line.toByteArray();
  }

  /** Splits one CSV line on commas outside double quotes, removing the quotes. */
  static List<String> split(String line) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"') {
        if (quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else {
          quoted = !quoted;
        }
      } else if (c == ',' && !quoted) {
        fields.add(field.toString().strip());
        field.setLength(0);
      } else if (c != '\r' && c != '\uFEFF') {
        field.append(c);
      }
    }
    fields.add(field.toString().strip());
    return fields;
  }
}
