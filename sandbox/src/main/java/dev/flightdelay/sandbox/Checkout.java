package dev.flightdelay.sandbox;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The repository clone the sandbox runs from: the manifests it applies (examples/) and the
 * data it seeds by default (data/). The sandbox uses them where they are, never a copy.
 */
record Checkout(Path root) {

  /** The nycflights13 flights table (R's write.csv, gzip), the data README.md describes. */
  Path flights() {
    return root.resolve("data/nycflights13/flights_df.csv.gz");
  }

  Path airlines() {
    return root.resolve("data/nycflights13/airlines.csv");
  }

  Path quickstart() {
    return root.resolve("examples/quickstart");
  }

  Path sparkHostExample() {
    return root.resolve("examples/sparkhost.yaml");
  }

  /**
   * The clone holding this jar (sandbox/target/flight-delay-sandbox.jar, or sandbox/target/classes),
   * else the one around the working directory.
   */
  static Checkout locate() {
    List<Path> starts = new ArrayList<>();
    try {
      starts.add(Path.of(Checkout.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
    } catch (URISyntaxException | SecurityException e) {
      // no code location to start from: the working directory still is one
    }
    starts.add(Path.of("").toAbsolutePath());
    for (Path start : starts) {
      for (Path dir = start; dir != null; dir = dir.getParent()) {
        Checkout candidate = new Checkout(dir);
        if (Files.isDirectory(candidate.quickstart()) && Files.isRegularFile(candidate.flights())) {
          return candidate;
        }
      }
    }
    throw new IllegalStateException("no clone of the repository (examples/quickstart/ and "
        + "data/nycflights13/flights_df.csv.gz) above " + starts + ": run the sandbox from its clone");
  }
}
