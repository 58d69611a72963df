package dev.flightdelay.operator;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged operator (target/flight-delay-operator.jar and target/lib, as the image holds
 * them) run as a child process of the test, with its Kubernetes client from a kubeconfig and its
 * health endpoints on a free port; its output goes to a log file.
 */
final class PackagedOperator implements AutoCloseable {

  private final Process process;
  private final int healthPort;
  private final Path log;
  private final HttpClient http = HttpClient.newHttpClient();

  private PackagedOperator(Process process, int healthPort, Path log) {
    this.process = process;
    this.healthPort = healthPort;
    this.log = log;
  }

  /**
   * Starts `java dev.flightdelay.operator.Main --health-port=... args` with KUBECONFIG=kubeconfig
   * and environment added to the test's own.
   */
  static PackagedOperator start(Path kubeconfig, Path log, Map<String, String> environment, String... args) {
    int port = freePort();
    Path target = Path.of("target").toAbsolutePath();
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", target.resolve("flight-delay-operator.jar") + File.pathSeparator + target.resolve("lib") + File.separator + "*",
        "dev.flightdelay.operator.Main", "--health-port=" + port));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("KUBECONFIG", kubeconfig.toString());
    builder.environment().putAll(environment);
    try {
      return new PackagedOperator(builder.start(), port, log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** True when /readyz answers 200: every informer synced (a standby without the Lease is not ready). */
  boolean ready() {
    try {
      return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + healthPort + "/readyz")).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  void awaitReady(Duration atMost) {
    await().atMost(atMost).until(this::ready);
  }

  /** /healthz answers 200: the process serves its probes. */
  void awaitLive(Duration atMost) {
    await().atMost(atMost).ignoreExceptions().until(() ->
        http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + healthPort + "/healthz")).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
  }

  /** SIGTERM, and whether it exited within atMost. */
  boolean stop(Duration atMost) throws InterruptedException {
    process.destroy();
    return process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** SIGKILL, as a node that dies or an OOM kill ends it: no shutdown hook, no Lease released. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  int exitValue() {
    return process.exitValue();
  }

  List<String> log() {
    try {
      return Files.readAllLines(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
