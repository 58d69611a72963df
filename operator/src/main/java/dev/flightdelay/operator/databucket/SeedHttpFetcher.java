package dev.flightdelay.operator.databucket;

import dev.flightdelay.operator.policy.AddressCheckingResolver;
import dev.flightdelay.operator.policy.SeedAddressPolicy;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.apache.http.Header;
import org.apache.http.HttpResponse;
import org.apache.http.ProtocolException;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.client.methods.HttpHead;
import org.apache.http.client.methods.HttpUriRequest;
import org.apache.http.config.RegistryBuilder;
import org.apache.http.conn.socket.ConnectionSocketFactory;
import org.apache.http.conn.socket.PlainConnectionSocketFactory;
import org.apache.http.conn.ssl.SSLConnectionSocketFactory;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.DefaultRedirectStrategy;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.impl.conn.PoolingHttpClientConnectionManager;
import org.apache.http.ssl.SSLContexts;

/**
 * Fetches seed URLs where a tenant may point them: only the schemes the admin allows, and only
 * to addresses outside the internal ranges. The address is checked where the client resolves the
 * host to connect, so the address checked is the address connected to (no second lookup a DNS
 * answer could change in between), for the first request and for every redirect; no proxy is
 * used. Connect and read timeouts and a size limit bound each fetch.
 */
final class SeedHttpFetcher implements AutoCloseable {

  private static final int MAX_REDIRECTS = 5;

  /** An answer: its status, its length when announced (-1 otherwise), and its limited body. */
  record Response(int status, long contentLength, InputStream body, CloseableHttpResponse raw) implements AutoCloseable {
    @Override
    public void close() throws IOException {
      raw.close();
    }
  }

  private final SeedAddressPolicy policy;
  private final CloseableHttpClient client;

  SeedHttpFetcher(SeedAddressPolicy policy) {
    this(policy, SSLContexts.createSystemDefault());
  }

  /** @param tls whom https trusts: the system's certificate authorities, or a test's own */
  SeedHttpFetcher(SeedAddressPolicy policy, SSLContext tls) {
    this.policy = policy;
    PoolingHttpClientConnectionManager connections = new PoolingHttpClientConnectionManager(
        RegistryBuilder.<ConnectionSocketFactory>create()
            .register("http", PlainConnectionSocketFactory.getSocketFactory())
            .register("https", new SSLConnectionSocketFactory(tls))
            .build(),
        null, null, new AddressCheckingResolver(policy, "seeds"), -1, TimeUnit.MILLISECONDS);
    int connectMillis = (int) policy.connectTimeout().toMillis();
    this.client = HttpClients.custom()
        .setConnectionManager(connections)
        .setDefaultRequestConfig(RequestConfig.custom()
            .setConnectTimeout(connectMillis)
            .setConnectionRequestTimeout(connectMillis)
            .setSocketTimeout((int) policy.readTimeout().toMillis())
            .setMaxRedirects(MAX_REDIRECTS)
            .setCircularRedirectsAllowed(false)
            .build())
        .setRedirectStrategy(new SchemeCheckingRedirects())
        .disableAutomaticRetries()
        .disableCookieManagement()
        .disableAuthCaching()
        .setUserAgent("flight-delay-operator")
        .build();
  }

  /**
   * A URL as messages may show it: without credentials, query or fragment, where a presigned
   * URL keeps its signature and a user their password.
   */
  static String shown(String url) {
    try {
      URI uri = URI.create(url);
      return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null).toString();
    } catch (IllegalArgumentException | URISyntaxException e) {
      return "the seed URL";
    }
  }

  /** GETs the URL; the caller closes the response. */
  Response get(String url) throws IOException {
    CloseableHttpResponse response = execute(new HttpGet(url));
    long length = contentLength(response);
    if (length > policy.maxBytes()) {
      response.close();
      throw new IOException(shown(url) + " announces " + length + " bytes, more than the " + policy.maxBytes()
          + " a seed may load (FLIGHTDELAY_SEED_MAX_BYTES)");
    }
    InputStream body = response.getEntity() == null ? InputStream.nullInputStream()
        : new LimitedInputStream(response.getEntity().getContent(), policy.maxBytes(), url);
    return new Response(response.getStatusLine().getStatusCode(), length, body, response);
  }

  /** The length a HEAD announces, when the answer is a success that announces one. */
  Optional<Long> size(String url) throws IOException {
    try (CloseableHttpResponse response = execute(new HttpHead(url))) {
      // A HEAD answer has no entity: its length is only in the header.
      Header length = response.getFirstHeader("Content-Length");
      if (response.getStatusLine().getStatusCode() >= 300 || length == null) {
        return Optional.empty();
      }
      try {
        return Optional.of(Long.parseLong(length.getValue().strip()));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }
  }

  private CloseableHttpResponse execute(HttpUriRequest request) throws IOException {
    URI uri = request.getURI();
    if (!policy.allowsScheme(uri.getScheme())) {
      throw new IOException(uri.getScheme() + " URLs are not allowed for seeds on this operator (FLIGHTDELAY_SEED_ALLOW_HTTP)");
    }
    return client.execute(request);
  }

  private static long contentLength(HttpResponse response) {
    return response.getEntity() == null ? -1 : response.getEntity().getContentLength();
  }

  @Override
  public void close() throws IOException {
    client.close();
  }

  /** Follows redirects as a browser does for GET and HEAD, but only to schemes the admin allows. */
  private final class SchemeCheckingRedirects extends DefaultRedirectStrategy {
    @Override
    protected URI createLocationURI(String location) throws ProtocolException {
      URI uri = super.createLocationURI(location);
      if (uri.getScheme() != null && !policy.allowsScheme(uri.getScheme())) {
        throw new ProtocolException("redirect to a " + uri.getScheme()
            + " URL, which seeds may not use on this operator (FLIGHTDELAY_SEED_ALLOW_HTTP)");
      }
      return uri;
    }
  }

  /** Fails a read that goes past the limit, for bodies that did not announce their length. */
  private static final class LimitedInputStream extends FilterInputStream {
    private final long limit;
    private final String url;
    private long read;

    LimitedInputStream(InputStream in, long limit, String url) {
      super(in);
      this.limit = limit;
      this.url = url;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) throws IOException {
      read += n;
      if (read > limit) {
        throw new IOException(shown(url) + " delivered more than the " + limit + " bytes a seed may load (FLIGHTDELAY_SEED_MAX_BYTES)");
      }
    }
  }
}
