package dev.flightdelay.sandbox;

import com.sun.net.httpserver.HttpExchange;
import dev.flightdelay.sandbox.http.LoopbackServer;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.http.Header;
import org.apache.http.HttpEntity;
import org.apache.http.HttpHost;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.entity.InputStreamEntity;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.message.BasicHttpEntityEnclosingRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandbox's S3 endpoint: s3proxy behind it, and in front the bucket configuration s3proxy
 * does not implement and the operator manages (tags, default encryption, public access block,
 * versioning status), kept per bucket for as long as the sandbox runs.
 *
 * <p>Settings are recorded, not enforced: the filesystem store neither encrypts nor keeps object
 * versions, so turning versioning on is refused rather than pretended. Their requests are
 * answered here, signature checked ({@link SigV4Check}); every other request goes to s3proxy as
 * it came (its Host header too, which the signature covers), and s3proxy checks it.
 */
final class BucketSettingsGateway implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(BucketSettingsGateway.class);
  private static final Set<String> SETTINGS = Set.of("tagging", "encryption", "publicAccessBlock", "versioning");
  /** Headers of one connection, not of the request: the client sets its own. */
  private static final Set<String> HOP_BY_HOP =
      Set.of("connection", "content-length", "expect", "transfer-encoding", "upgrade", "keep-alive");
  private static final String EMPTY_VERSIONING =
      "<VersioningConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"/>";

  private final LoopbackServer server = LoopbackServer.bind("s3-gateway");
  /**
   * Apache's client, as the JDK's refuses to send the Host header that the signature covers and
   * s3proxy must see.
   */
  private final CloseableHttpClient http = HttpClients.custom().disableContentCompression()
      .disableAutomaticRetries().disableRedirectHandling().setMaxConnPerRoute(64).setMaxConnTotal(64).build();
  private final HttpHost upstream;
  private final Path blobRoot;
  private final SigV4Check signature;
  /** bucket → setting (query parameter) → the XML document last put. */
  private final Map<String, Map<String, byte[]>> settings = new ConcurrentHashMap<>();

  private record Answer(int code, Map<String, List<String>> headers, long length, InputStream body) {}

  private BucketSettingsGateway(URI upstream, Path blobRoot, SigV4Check signature) {
    this.signature = signature;
    this.upstream = new HttpHost(upstream.getHost(), upstream.getPort(), upstream.getScheme());
    this.blobRoot = blobRoot;
  }

  /**
   * @param upstream s3proxy
   * @param blobRoot s3proxy's filesystem store: a bucket is a directory in it
   * @param signature the keys a settings request must be signed with (s3proxy's)
   */
  static BucketSettingsGateway start(URI upstream, Path blobRoot, SigV4Check signature) {
    BucketSettingsGateway gateway = new BucketSettingsGateway(upstream, blobRoot, signature);
    gateway.server.serve("/", gateway::handle);
    return gateway;
  }

  URI endpoint() {
    return server.url();
  }

  private void handle(HttpExchange exchange) {
    try (exchange) {
      Optional<String> setting = setting(exchange);
      if (setting.isEmpty()) {
        send(exchange, forward(exchange));
        return;
      }
      byte[] document = exchange.getRequestBody().readAllBytes();
      Answer answer = signature.signed(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
          exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders()::getFirst, document)
          ? setting(exchange.getRequestMethod(), bucket(exchange), setting.get(), document)
          : xml(403, error("SignatureDoesNotMatch", "The request signature we calculated does not match the signature"
              + " you provided. Check your key and signing method."));
      send(exchange, answer);
    } catch (IOException e) {
      // a reader that stops early (S3A skipping ahead closes its stream) resets the connection
      LOG.debug("{} {}: {}", exchange.getRequestMethod(), exchange.getRequestURI(), e.toString());
    } catch (RuntimeException e) {
      LOG.warn("{} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
      try {
        byte[] body = error("InternalError", e.toString());
        exchange.sendResponseHeaders(500, body.length);
        exchange.getResponseBody().write(body);
      } catch (IOException ignored) {
        // the client is gone
      }
    }
  }

  /** A bucket setting the request reads or writes, if it is one (/bucket?tagging and the like). */
  private static Optional<String> setting(HttpExchange exchange) {
    String query = exchange.getRequestURI().getRawQuery();
    if (query == null || bucket(exchange).isEmpty() || bucket(exchange).contains("/")) {
      return Optional.empty();
    }
    for (String pair : query.split("&")) {
      String name = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
      if (SETTINGS.contains(name)) {
        return Optional.of(name);
      }
    }
    return Optional.empty();
  }

  private static String bucket(HttpExchange exchange) {
    return exchange.getRequestURI().getPath().replaceAll("^/+|/+$", "");
  }

  private Answer setting(String method, String bucket, String name, byte[] document) {
    if (!Files.isDirectory(blobRoot.resolve(bucket))) {
      return xml(404, error("NoSuchBucket", "The specified bucket does not exist"));
    }
    Map<String, byte[]> stored = settings.computeIfAbsent(bucket, b -> new ConcurrentHashMap<>());
    switch (method) {
      case "GET" -> {
        byte[] current = stored.get(name);
        if (current != null) {
          return xml(200, current);
        }
        return switch (name) {
          case "versioning" -> xml(200, EMPTY_VERSIONING.getBytes(StandardCharsets.UTF_8));
          case "tagging" -> xml(404, error("NoSuchTagSet", "The TagSet does not exist"));
          case "encryption" -> xml(404, error("ServerSideEncryptionConfigurationNotFoundError",
              "The server side encryption configuration was not found"));
          default -> xml(404, error("NoSuchPublicAccessBlockConfiguration",
              "The public access block configuration was not found"));
        };
      }
      case "PUT" -> {
        if (name.equals("versioning") && new String(document, StandardCharsets.UTF_8).contains(">Enabled<")) {
          return xml(501, error("NotImplemented", "the sandbox's S3 (a filesystem store) keeps no object versions"));
        }
        stored.put(name, document);
        return new Answer(200, Map.of(), 0, InputStream.nullInputStream());
      }
      case "DELETE" -> {
        stored.remove(name);
        return new Answer(204, Map.of(), 0, InputStream.nullInputStream());
      }
      default -> {
        return xml(405, error("MethodNotAllowed", "The specified method is not allowed against this resource"));
      }
    }
  }

  /** Passes the request to s3proxy as it came. */
  private Answer forward(HttpExchange exchange) throws IOException {
    String length = exchange.getRequestHeaders().getFirst("Content-Length");
    BasicHttpEntityEnclosingRequest request = new BasicHttpEntityEnclosingRequest(exchange.getRequestMethod(),
        exchange.getRequestURI().getRawPath()
            + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()));
    exchange.getRequestHeaders().forEach((name, values) -> {
      if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
        values.forEach(value -> request.addHeader(name, value));
      }
    });
    if (length != null && !length.equals("0")) {
      request.setEntity(new InputStreamEntity(exchange.getRequestBody(), Long.parseLong(length)));
    }
    CloseableHttpResponse response = http.execute(upstream, request);
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (Header header : response.getAllHeaders()) {
      headers.computeIfAbsent(header.getName(), n -> new ArrayList<>()).add(header.getValue());
    }
    HttpEntity entity = response.getEntity();
    Header contentLength = response.getFirstHeader("Content-Length");
    long size = entity == null ? 0 : contentLength == null ? -1 : Long.parseLong(contentLength.getValue());
    InputStream body = entity == null ? InputStream.nullInputStream() : entity.getContent();
    return new Answer(response.getStatusLine().getStatusCode(), headers, size, new FilterInputStream(body) {
      @Override
      public void close() throws IOException {
        try {
          super.close();
        } finally {
          response.close();
        }
      }
    });
  }

  private static void send(HttpExchange exchange, Answer answer) throws IOException {
    answer.headers().forEach((name, values) -> {
      if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT)) || isHeadLength(exchange, name)) {
        exchange.getResponseHeaders().put(name, values);
      }
    });
    boolean head = exchange.getRequestMethod().equals("HEAD");
    long length = head || answer.length() == 0 || answer.code() == 204 ? -1 : answer.length() < 0 ? 0 : answer.length();
    exchange.sendResponseHeaders(answer.code(), length);
    try (InputStream in = answer.body(); OutputStream out = exchange.getResponseBody()) {
      if (length != -1) {
        in.transferTo(out);
      }
    }
  }

  /** A HEAD answer keeps the length of what a GET would send (HeadObject's object size). */
  private static boolean isHeadLength(HttpExchange exchange, String header) {
    return exchange.getRequestMethod().equals("HEAD") && header.equalsIgnoreCase("content-length");
  }

  private static Answer xml(int code, byte[] document) {
    return new Answer(code, Map.of("Content-Type", List.of("application/xml")), document.length,
        new ByteArrayInputStream(document));
  }

  private static byte[] error(String code, String message) {
    return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>" + message
        + "</Message></Error>").getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    server.close();
    try {
      http.close();
    } catch (IOException e) {
      LOG.warn("closing the S3 gateway's client failed", e);
    }
  }
}
