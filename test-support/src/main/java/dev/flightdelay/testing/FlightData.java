package dev.flightdelay.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real flight data shared with the project ({@code ../shared/data/} next to the project root):
 * tests use it where present and skip, saying why, where it is not.
 */
public final class FlightData {

  /** nycflights13 flights, 336,776 rows, R write.csv: quoted, NA for missing. */
  public static final String FLIGHTS_DF = "nycflights13/flights_df.csv.gz";
  /** 100,000 rows of the 19-column release, unquoted, empty cells for missing. */
  public static final String MODERN_SAMPLE = "nycflights13/flights_modern19_sample100k.csv.gz";
  /** carrier,name for the 16 nycflights13 carriers. */
  public static final String AIRLINES = "nycflights13/airlines.csv";

  private FlightData() {}

  /** The shared data folder: -Dflightdelay.data, else ../shared/data from the project root. */
  public static Path dataDir() {
    String configured = System.getProperty("flightdelay.data");
    if (configured != null) {
      return Path.of(configured);
    }
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve(".ci"))) {
      dir = dir.getParent();
    }
    Path root = dir == null ? Path.of("").toAbsolutePath() : dir;
    return root.resolve("../shared/data").normalize();
  }

  /** A shared data file; the calling test is skipped, with the reason, when it is absent. */
  public static Path require(String file) {
    Path path = dataDir().resolve(file);
    assumeTrue(
        Files.isRegularFile(path),
        () -> "skipped: the shared flight data " + path + " is not on this machine");
    return path;
  }
}
