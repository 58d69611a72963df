package dev.flightdelay.sandbox;

import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An S3 API on loopback (s3proxy, behind a {@link BucketSettingsGateway}) over a filesystem blob
 * store: a bucket is a directory under {@code root}, an object a file at its key, so results can
 * be opened from disk as well.
 * Requests must be signed with this store's keys (a fresh secret each run).
 */
final class EmbeddedS3 implements AutoCloseable {

  static final String ACCESS_KEY_ID = "sandbox";
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedS3.class);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

  private final S3Proxy proxy;
  private final BucketSettingsGateway gateway;
  private final BlobStoreContext blobs;
  private final Path root;
  private final String secretAccessKey;

  private EmbeddedS3(S3Proxy proxy, BucketSettingsGateway gateway, BlobStoreContext blobs, Path root,
      String secretAccessKey) {
    this.proxy = proxy;
    this.gateway = gateway;
    this.blobs = blobs;
    this.root = root;
    this.secretAccessKey = secretAccessKey;
  }

  static EmbeddedS3 start(Path root) {
    byte[] random = new byte[20];
    new SecureRandom().nextBytes(random);
    String secret = HexFormat.of().formatHex(random);
    Properties properties = new Properties();
    properties.setProperty("jclouds.filesystem.basedir", root.toString());
    BlobStoreContext blobs = ContextBuilder.newBuilder("filesystem").credentials(ACCESS_KEY_ID, secret)
        .overrides(properties).build(BlobStoreContext.class);
    S3Proxy proxy = S3Proxy.builder().blobStore(blobs.getBlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY_ID, secret).build();
    try {
      proxy.start();
      Instant deadline = Instant.now().plus(START_TIMEOUT);
      while (!"STARTED".equals(proxy.getState())) {
        if (Instant.now().isAfter(deadline)) {
          throw new IllegalStateException("s3proxy did not start within " + START_TIMEOUT.toSeconds() + " s");
        }
        Thread.sleep(10);
      }
      BucketSettingsGateway gateway = BucketSettingsGateway.start(URI.create("http://127.0.0.1:" + proxy.getPort()),
          root, new SigV4Check(ACCESS_KEY_ID, secret));
      return new EmbeddedS3(proxy, gateway, blobs, root, secret);
    } catch (Exception e) {
      stop(proxy);
      blobs.close();
      throw new IllegalStateException("cannot start the embedded S3: " + e.getMessage(), e);
    }
  }

  /** Where clients reach it: the gateway that adds bucket settings to s3proxy. */
  URI endpoint() {
    return gateway.endpoint();
  }

  String secretAccessKey() {
    return secretAccessKey;
  }

  /** Where the object of that bucket and key is on disk. */
  Path file(String bucket, String key) {
    return root.resolve(bucket).resolve(key);
  }

  @Override
  public void close() {
    gateway.close();
    stop(proxy);
    blobs.close();
  }

  private static void stop(S3Proxy proxy) {
    try {
      proxy.stop();
    } catch (Exception e) {
      LOG.warn("stopping s3proxy failed", e);
    }
  }
}
