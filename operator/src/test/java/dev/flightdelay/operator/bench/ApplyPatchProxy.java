package dev.flightdelay.operator.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Sits in front of the CRUD mock API server for spark-submit: the mock answers a server-side
 * apply of a missing object with 404, where a real API server creates it; this proxy then creates
 * it (POST to the collection). Everything else passes through unchanged.
 */
final class ApplyPatchProxy implements AutoCloseable {

  private static final Set<String> HOP_HEADERS = Set.of("connection", "content-length", "host", "upgrade",
      "http2-settings", "transfer-encoding", "expect");

  private final HttpServer server;
  private final ExecutorService workers = Executors.newFixedThreadPool(4);
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final String target;

  ApplyPatchProxy(String target) throws IOException {
    this.target = target.replaceAll("/$", "");
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(workers);
    server.createContext("/", this::forward);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void forward(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    String path = exchange.getRequestURI().getRawPath();
    String query = exchange.getRequestURI().getRawQuery();
    String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
    try {
      HttpResponse<byte[]> response = send(exchange.getRequestMethod(), path + (query == null ? "" : "?" + query),
          contentType, body, exchange);
      if (response.statusCode() == 404 && "PATCH".equals(exchange.getRequestMethod())
          && contentType != null && contentType.startsWith("application/apply-patch")) {
        response = send("POST", path.substring(0, path.lastIndexOf('/')), "application/json", body, exchange);
      }
      byte[] answer = response.body();
      response.headers().firstValue("Content-Type").ifPresent(v -> exchange.getResponseHeaders().set("Content-Type", v));
      exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      exchange.sendResponseHeaders(502, -1);
    }
  }

  private HttpResponse<byte[]> send(String method, String pathAndQuery, String contentType, byte[] body,
      HttpExchange exchange) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target + pathAndQuery))
        .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    exchange.getRequestHeaders().forEach((name, values) -> {
      if (!HOP_HEADERS.contains(name.toLowerCase(java.util.Locale.ROOT)) && !name.equalsIgnoreCase("Content-Type")) {
        values.forEach(v -> request.header(name, v));
      }
    });
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Override
  public void close() {
    server.stop(0);
    workers.shutdownNow();
  }
}
