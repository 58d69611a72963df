package dev.flightdelay.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real flight data the repository carries in {@code data/} (see data/README.md). A test that
 * needs a file that is missing fails: a skipped test would hide that the data went astray.
 */
public final class FlightData {

  /** nycflights13 flights, 336,776 rows, R write.csv: quoted, NA for missing. */
  public static final String FLIGHTS_DF = "nycflights13/flights_df.csv.gz";
  /** 100,000 rows of the 19-column release, unquoted, empty cells for missing. */
  public static final String MODERN_SAMPLE = "nycflights13/flights_modern19_sample100k.csv.gz";
  /** carrier,name for the 16 nycflights13 carriers. */
  public static final String AIRLINES = "nycflights13/airlines.csv";

  /** The marker of the project root: the CI script's folder exists there and nowhere else. */
  private static final String ROOT_MARKER = ".ci";

  private FlightData() {}

  /** The data folder: -Dflightdelay.data, else data/ in the project root. */
  public static Path dataDir() {
    String configured = System.getProperty("flightdelay.data");
    if (configured != null) {
      return Path.of(configured).toAbsolutePath();
    }
    Path start = Path.of("").toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve(ROOT_MARKER))) {
        return dir.resolve("data");
      }
    }
    return fail("no project root (a directory holding " + ROOT_MARKER + "/) above " + start
        + "; run the tests inside the project or set -Dflightdelay.data");
  }

  /** A data file; fails the calling test, naming the path, when the file is not there. */
  public static Path require(String file) {
    Path path = dataDir().resolve(file);
    if (!Files.isRegularFile(path)) {
      fail("the flight data file " + path + " is missing: it is part of the repository (data/README.md)");
    }
    return path;
  }
}
