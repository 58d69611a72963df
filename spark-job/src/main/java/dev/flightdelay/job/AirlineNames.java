package dev.flightdelay.job;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/** Carrier code to airline name, from an airlines CSV (carrier,name) or the built-in table. */
public final class AirlineNames {

  private final Map<String, String> names;

  private AirlineNames(Map<String, String> names) {
    this.names = Map.copyOf(names);
  }

  /** The built-in table of US carrier codes. */
  public static AirlineNames builtIn() {
    try (InputStream in =
        Objects.requireNonNull(AirlineNames.class.getResourceAsStream("carriers.csv"))) {
      return new AirlineNames(parse(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Names from a carrier,name CSV on any Hadoop file system, over the built-in table. */
  public static AirlineNames fromCsv(String uri, Configuration conf) {
    Path path = new Path(uri);
    try (InputStream in = path.getFileSystem(conf).open(path)) {
      Map<String, String> names = new HashMap<>(builtIn().names);
      names.putAll(parse(in));
      return new AirlineNames(names);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read airlines " + uri, e);
    }
  }

  public String nameOf(String carrier) {
    return names.getOrDefault(carrier, carrier);
  }

  private static Map<String, String> parse(InputStream in) throws IOException {
    Map<String, String> names = new HashMap<>();
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    String line = reader.readLine();
    List<String> header = line == null ? List.of() : HeaderReader.split(line);
    int carrier = indexOf(header, "carrier", 0);
    int name = indexOf(header, "name", 1);
    while ((line = reader.readLine()) != null) {
      List<String> fields = HeaderReader.split(line);
      if (fields.size() > Math.max(carrier, name) && !fields.get(carrier).isEmpty()) {
        names.put(fields.get(carrier), fields.get(name));
      }
    }
    return names;
  }

  private static int indexOf(List<String> header, String column, int fallback) {
    for (int i = 0; i < header.size(); i++) {
      if (header.get(i).equalsIgnoreCase(column)) {
        return i;
      }
    }
    return fallback;
  }
}
