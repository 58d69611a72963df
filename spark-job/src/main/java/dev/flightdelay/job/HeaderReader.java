package dev.flightdelay.job;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;

/** Reads the header line of a CSV file (plain or compressed), on any Hadoop file system. */
final class HeaderReader {

  private HeaderReader() {}

  /** The first line of a file as it is, and split into column names. */
  record Header(String line, List<String> names) {
    boolean isEmpty() {
      return names.stream().allMatch(String::isEmpty);
    }
  }

  /** The header line of a CSV file; an empty header when the file is empty. */
  static Header header(String uri, Configuration conf) {
    Path path = new Path(uri);
    try {
      FileSystem fs = path.getFileSystem(conf);
      CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(path);
      try (InputStream raw = fs.open(path);
          InputStream in = codec == null ? raw : codec.createInputStream(raw);
          BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        String line = reader.readLine();
        return line == null ? new Header("", List.of()) : new Header(line, split(line));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the header of " + uri, e);
    }
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
