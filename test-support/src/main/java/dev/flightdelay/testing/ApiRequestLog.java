package dev.flightdelay.testing;

import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends every request a mock API server receives to a file, one line each:
 * {@code user-agent TAB method TAB path?query}. A build turns it on with the system property
 * {@value #DIRECTORY_PROPERTY} (a directory; one file per JVM), so that a later test can derive
 * the RBAC rules a client needs from what it actually sent.
 */
public final class ApiRequestLog {

  public static final String DIRECTORY_PROPERTY = "flightdelay.apiRequestLog";

  private static final Path FILE = file();

  private ApiRequestLog() {}

  static void record(RecordedRequest request) {
    if (FILE == null) {
      return;
    }
    String line = request.getHeader("User-Agent") + "\t" + request.getMethod() + "\t" + request.getPath() + "\n";
    synchronized (ApiRequestLog.class) {
      try {
        Files.writeString(FILE, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static Path file() {
    String directory = System.getProperty(DIRECTORY_PROPERTY);
    if (directory == null || directory.isBlank()) {
      return null;
    }
    try {
      return Files.createDirectories(Path.of(directory)).resolve("requests-" + ProcessHandle.current().pid() + ".tsv");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
