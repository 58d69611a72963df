package dev.flightdelay.job;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Properties;

/** Facts recorded at build time: the Spark and Hadoop versions, Spark's JVM options. */
final class BuildInfo {

  private static final Properties PROPERTIES = load();

  private BuildInfo() {}

  static String property(String name) {
    return Objects.requireNonNull(PROPERTIES.getProperty(name), name);
  }

  private static Properties load() {
    Properties properties = new Properties();
    try (InputStream in = BuildInfo.class.getResourceAsStream("build.properties")) {
      properties.load(Objects.requireNonNull(in, "build.properties"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties;
  }
}
