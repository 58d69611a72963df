package dev.flightdelay.operator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

/** /healthz (the process answers), /readyz (informers synced) and Prometheus /metrics. */
public final class HealthServer implements AutoCloseable {

  private final HttpServer server;

  public HealthServer(int port, BooleanSupplier ready, PrometheusMeterRegistry registry) {
    try {
      server = HttpServer.create(new InetSocketAddress(port), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on port " + port, e);
    }
    server.createContext("/healthz", exchange -> answer(exchange, 200, "text/plain", "ok\n"));
    server.createContext("/readyz", exchange -> {
      boolean isReady = ready.getAsBoolean();
      answer(exchange, isReady ? 200 : 503, "text/plain", isReady ? "ready\n" : "not ready\n");
    });
    server.createContext("/metrics", exchange ->
        answer(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape()));
  }

  public void start() {
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private static void answer(HttpExchange exchange, int code, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(code, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
