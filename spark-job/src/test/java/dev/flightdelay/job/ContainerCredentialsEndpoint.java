package dev.flightdelay.job;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for the EKS Pod Identity agent (the container credentials endpoint): hands out the
 * given credentials to requests that carry the pod's token, and counts them.
 */
final class ContainerCredentialsEndpoint implements AutoCloseable {

  private static final String PATH = "/v1/credentials";

  private final HttpServer server;
  private final AtomicInteger served = new AtomicInteger();

  private ContainerCredentialsEndpoint(HttpServer server) {
    this.server = server;
  }

  static ContainerCredentialsEndpoint start(String podToken, String accessKeyId, String secretAccessKey) {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      ContainerCredentialsEndpoint endpoint = new ContainerCredentialsEndpoint(server);
      String credentials = """
          {"AccessKeyId": "%s", "SecretAccessKey": "%s", "Token": "pod-identity-session",
           "Expiration": "2099-01-01T00:00:00Z"}""".formatted(accessKeyId, secretAccessKey);
      server.createContext(PATH, exchange -> endpoint.answer(exchange, podToken, credentials));
      server.start();
      return endpoint;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** For AWS_CONTAINER_CREDENTIALS_FULL_URI (the SDK allows plain http to loopback). */
  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + PATH);
  }

  /** Credentials handed out so far. */
  int served() {
    return served.get();
  }

  private void answer(HttpExchange exchange, String podToken, String credentials) throws IOException {
    boolean authorized = podToken.equals(exchange.getRequestHeaders().getFirst("Authorization"));
    byte[] body = (authorized ? credentials : "{\"message\": \"no pod token\"}").getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(authorized ? 200 : 401, body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
    if (authorized) {
      served.incrementAndGet();
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
