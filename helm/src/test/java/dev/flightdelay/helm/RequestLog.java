package dev.flightdelay.helm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The requests the mock API servers of the operator's test suites received (test-support's
 * ApiRequestLog, under operator/target/api-requests), told apart by the client's user agent.
 */
final class RequestLog {

  /** The operator's client (FlightDelayOperator.USER_AGENT: its name and version). */
  static final Predicate<ApiRequest> OPERATOR = r -> r.userAgent().startsWith("flight-delay-operator/");
  /** Spark's driver, whose client keeps Fabric8's default user agent. */
  static final Predicate<ApiRequest> SPARK_DRIVER = r -> r.userAgent().startsWith("fabric8-kubernetes-client/");
  /** The tests themselves, acting as users and as the kubelet (KubernetesMockApi.TEST_USER_AGENT). */
  static final Predicate<ApiRequest> TESTS = r -> r.userAgent().equals("flight-delay-tests");

  private RequestLog() {}

  /** The requests of this build's run (or of the run named with -Dapi.request.run=...). */
  static List<ApiRequest> read() {
    Path directory = Path.of(System.getProperty("flightdelay.apiRequestLog"));
    String run = System.getProperty("flightdelay.apiRequestRun");
    List<Path> files = files(directory).stream()
        .filter(f -> f.getFileName().toString().startsWith("requests-" + run + "-")).toList();
    if (files.isEmpty()) {
      throw new IllegalStateException("no requests of run " + run + " in " + directory
          + ": the operator's tests run in the same build (mvn -B -pl operator,helm -am verify), or name an earlier run"
          + " with -Dapi.request.run=RUN; logged: " + files(directory).stream().map(f -> f.getFileName().toString()).toList());
    }
    return files.stream().flatMap(RequestLog::lines).map(ApiRequest::parse).toList();
  }

  private static List<Path> files(Path directory) {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".tsv")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Stream<String> lines(Path file) {
    try {
      return Files.readAllLines(file).stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
