package dev.flightdelay.operator.databucket;

import dev.flightdelay.operator.policy.AddressCheckingResolver;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.flightdelay.operator.policy.Cidr;
import dev.flightdelay.operator.policy.SeedAddressPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed fetcher against real local servers: what it refuses is refused before a byte is
 * sent (the servers count their requests), on the first hop and on every redirect.
 */
class SeedHttpFetcherTest {

  private static final byte[] FLIGHTS = "carrier,arr_delay\nF9,22\n".getBytes(StandardCharsets.UTF_8);

  private final List<HttpServer> servers = new java.util.ArrayList<>();

  @AfterEach
  void stopServers() {
    servers.forEach(s -> s.stop(0));
  }

  /** A server on address that answers every request with handler, counting the requests. */
  private String serve(String address, AtomicInteger requests, HttpHandler handler) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(address), 0), 0);
    server.createContext("/", exchange -> {
      requests.incrementAndGet();
      handler.handle(exchange);
    });
    server.start();
    servers.add(server);
    return "http://" + address + ":" + server.getAddress().getPort();
  }

  private static HttpHandler content(byte[] body) {
    return exchange -> {
      if ("HEAD".equals(exchange.getRequestMethod())) {
        // The JDK server leaves the length out of a HEAD answer unless told, as web servers do not.
        exchange.getResponseHeaders().add("Content-Length", String.valueOf(body.length));
        exchange.sendResponseHeaders(200, -1);
        exchange.close();
        return;
      }
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    };
  }

  private static HttpHandler redirectTo(String location) {
    return exchange -> {
      exchange.getResponseHeaders().add("Location", location);
      exchange.sendResponseHeaders(302, -1);
      exchange.close();
    };
  }

  private static SeedAddressPolicy policy(boolean allowHttp, String allowed, long maxBytes, Duration readTimeout) {
    return new SeedAddressPolicy(allowHttp, allowed == null ? List.of() : List.of(Cidr.parse(allowed)), List.of(),
        Duration.ofSeconds(2), readTimeout, maxBytes);
  }

  private static byte[] fetch(SeedHttpFetcher fetcher, String url) throws IOException {
    try (SeedHttpFetcher.Response response = fetcher.get(url); InputStream in = response.body()) {
      return in.readAllBytes();
    }
  }

  @Test
  void fetchesFromAnAllowedAddress() throws IOException {
    AtomicInteger requests = new AtomicInteger();
    String url = serve("127.0.0.1", requests, content(FLIGHTS));

    try (SeedHttpFetcher fetcher = new SeedHttpFetcher(policy(true, "127.0.0.0/8", 1 << 20, Duration.ofSeconds(5)))) {
      assertThat(fetch(fetcher, url + "/flights.csv")).isEqualTo(FLIGHTS);
      assertThat(fetcher.size(url + "/flights.csv")).contains((long) FLIGHTS.length);
    }
  }

  @Test
  void refusesLoopbackByAddressAndByNameWithoutSendingARequest() throws IOException {
    AtomicInteger requests = new AtomicInteger();
    String url = serve("127.0.0.1", requests, content(FLIGHTS));
    String byName = url.replace("127.0.0.1", "localhost");

    try (SeedHttpFetcher fetcher = new SeedHttpFetcher(policy(true, null, 1 << 20, Duration.ofSeconds(5)))) {
      assertThatThrownBy(() -> fetch(fetcher, url)).isInstanceOf(AddressCheckingResolver.RefusedAddress.class)
          .hasMessageContaining("127.0.0.0/8").hasMessageContaining("FLIGHTDELAY_SEED_ALLOWED_CIDRS");
      assertThatThrownBy(() -> fetch(fetcher, byName)).isInstanceOf(AddressCheckingResolver.RefusedAddress.class)
          .hasMessageContaining("host localhost resolves to 127.0.0.1");
      assertThatThrownBy(() -> fetch(fetcher, url.replace("127.0.0.1", "[::ffff:127.0.0.1]"))).isInstanceOf(AddressCheckingResolver.RefusedAddress.class);
      assertThatThrownBy(() -> fetch(fetcher, "http://[::1]:9/")).isInstanceOf(AddressCheckingResolver.RefusedAddress.class);
    }
    assertThat(requests).hasValue(0);
  }

  @Test
  void refusesTheInstanceMetadataAddressAtOnce() throws IOException {
    Instant start = Instant.now();
    try (SeedHttpFetcher fetcher = new SeedHttpFetcher(policy(true, null, 1 << 20, Duration.ofSeconds(5)))) {
      assertThatThrownBy(() -> fetch(fetcher, "http://169.254.169.254/latest/meta-data/iam/security-credentials/"))
          .isInstanceOf(AddressCheckingResolver.RefusedAddress.class).hasMessageContaining("169.254.0.0/16");
    }
    assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(1));
  }

  @Test
  void checksEveryRedirectAgain() throws IOException {
    AtomicInteger internal = new AtomicInteger();
    AtomicInteger outside = new AtomicInteger();
    String internalUrl = serve("127.0.0.1", internal, content("secret".getBytes(StandardCharsets.UTF_8)));
    String outsideUrl = serve("127.0.0.2", outside, redirectTo(internalUrl + "/admin"));

    try (SeedHttpFetcher fetcher = new SeedHttpFetcher(policy(true, "127.0.0.2/32", 1 << 20, Duration.ofSeconds(5)))) {
      assertThatThrownBy(() -> fetch(fetcher, outsideUrl + "/flights.csv"))
          .isInstanceOf(AddressCheckingResolver.RefusedAddress.class).hasMessageContaining("127.0.0.1");
    }
    assertThat(outside).hasValue(1);
    assertThat(internal).as("the redirect target never saw a request").hasValue(0);
  }

  @Test
  void followsARedirectToAnAllowedAddress() throws IOException {
    AtomicInteger requests = new AtomicInteger();
    String target = serve("127.0.0.2", requests, content(FLIGHTS));
    String first = serve("127.0.0.2", requests, redirectTo(target + "/flights.csv"));

    try (SeedHttpFetcher fetcher = new SeedHttpFetcher(policy(true, "127.0.0.2/32", 1 << 20, Duration.ofSeconds(5)))) {
      assertThat(fetch(fetcher, first + "/moved")).isEqualTo(FLIGHTS);
    }
    assertThat(requests).hasValue(2);
  }

  @Test
  void refusesPlainHttpUnlessAllowed() throws IOException {
    AtomicInteger requests = new AtomicInteger();
    String url = serve("127.0.0.1", requests, content(FLIGHTS));

    try (SeedHttpFetcher fetcher = new SeedHttpFetcher(policy(false, "127.0.0.0/8", 1 << 20, Duration.ofSeconds(5)))) {
      assertThatThrownBy(() -> fetch(fetcher, url)).hasMessageContaining("FLIGHTDELAY_SEED_ALLOW_HTTP");
    }
    assertThat(requests).hasValue(0);
  }

  @Test
  void refusesAnHttpsRedirectDownToPlainHttp(@TempDir Path dir) throws Exception {
    AtomicInteger plain = new AtomicInteger();
    String plainUrl = serve("127.0.0.1", plain, content(FLIGHTS));
    LocalTls tls = LocalTls.create(dir);
    HttpsServer https = HttpsServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    https.setHttpsConfigurator(new HttpsConfigurator(tls.context()));
    https.createContext("/", redirectTo(plainUrl + "/flights.csv"));
    https.start();
    servers.add(https);
    String httpsUrl = "https://localhost:" + https.getAddress().getPort() + "/moved";

    try (SeedHttpFetcher fetcher = new SeedHttpFetcher(policy(false, "127.0.0.0/8", 1 << 20, Duration.ofSeconds(5)),
        tls.context())) {
      assertThatThrownBy(() -> fetch(fetcher, httpsUrl)).hasRootCauseMessage(
          "redirect to a http URL, which seeds may not use on this operator (FLIGHTDELAY_SEED_ALLOW_HTTP)");
    }
    assertThat(plain).hasValue(0);
  }

  @Test
  void stopsAtTheSizeLimitAnnouncedOrNot() throws IOException {
    AtomicInteger requests = new AtomicInteger();
    byte[] big = new byte[4096];
    String announced = serve("127.0.0.1", requests, content(big));
    String chunked = serve("127.0.0.1", requests, exchange -> {
      exchange.sendResponseHeaders(200, 0);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(big);
      } catch (IOException e) {
        // the client hung up at its limit
      }
    });

    try (SeedHttpFetcher fetcher = new SeedHttpFetcher(policy(true, "127.0.0.0/8", 1000, Duration.ofSeconds(5)))) {
      assertThatThrownBy(() -> fetch(fetcher, announced)).hasMessageContaining("announces 4096 bytes, more than the 1000");
      assertThatThrownBy(() -> fetch(fetcher, chunked)).hasMessageContaining("more than the 1000 bytes");
    }
  }

  @Test
  void givesUpOnAServerThatStopsSending() throws IOException {
    AtomicInteger requests = new AtomicInteger();
    String stalling = serve("127.0.0.1", requests, exchange -> {
      exchange.sendResponseHeaders(200, 100);
      exchange.getResponseBody().write("carrier".getBytes(StandardCharsets.UTF_8));
      exchange.getResponseBody().flush();
      try {
        Thread.sleep(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.close();
    });

    Instant start = Instant.now();
    try (SeedHttpFetcher fetcher = new SeedHttpFetcher(policy(true, "127.0.0.0/8", 1 << 20, Duration.ofSeconds(1)))) {
      assertThatThrownBy(() -> fetch(fetcher, stalling)).isInstanceOf(java.net.SocketTimeoutException.class);
    }
    assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(4));
  }
}
