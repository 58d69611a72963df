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
 * {@value #DIRECTORY_PROPERTY} (a directory), and names its run with {@value #RUN_PROPERTY}: one
 * file per run and JVM, so that a later test derives the RBAC rules a client needs from what it
 * sent in that very run, never from the leftovers of an older one.
 */
public final class ApiRequestLog {

  private static final String DIRECTORY_PROPERTY = "flightdelay.apiRequestLog";
  private static final String RUN_PROPERTY = "flightdelay.apiRequestRun";

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
      String run = System.getProperty(RUN_PROPERTY, "unnamed");
      // requests-RUN-PID.tsv: a reader takes the files of one run by their prefix.
      return Files.createDirectories(Path.of(directory)).resolve("requests-" + run + "-" + ProcessHandle.current().pid() + ".tsv");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
