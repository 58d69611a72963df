package dev.flightdelay.operator.databucket;

import dev.flightdelay.operator.policy.AddressCheckingResolver;
import dev.flightdelay.api.v1alpha1.DataBucket;
import dev.flightdelay.api.v1alpha1.SeedObject;
import dev.flightdelay.api.v1alpha1.SeedStatus;
import dev.flightdelay.operator.status.EventRecorder;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Loads each spec.seed object into the bucket unless it is there already, streaming it from its
 * source; records progress per object; a failed object is retried with exponential back-off,
 * and never holds up the others or makes them load again.
 */
final class SeedLoader {

  static final String SHA256_METADATA = "sha256";
  private static final long SERVER_SIDE_COPY_LIMIT = 5L * 1024 * 1024 * 1024;

  /** How the seeds stand after this pass. */
  record Outcome(boolean allLoaded, Optional<Instant> nextAttempt, List<String> failures) {}

  private final SeedHttpFetcher http;
  private final KubernetesClient client;
  private final Clock clock;
  private final Duration baseBackoff;
  private final Duration maxBackoff;

  SeedLoader(SeedHttpFetcher http, KubernetesClient client, Clock clock, Duration baseBackoff, Duration maxBackoff) {
    this.http = http;
    this.client = client;
    this.clock = clock;
    this.baseBackoff = baseBackoff;
    this.maxBackoff = maxBackoff;
  }

  /**
   * @param progress writes the status; called when an object starts, advances and ends
   */
  Outcome sync(S3Client s3, DataBucket resource, Runnable progress, EventRecorder events) {
    String bucket = resource.getSpec().getBucketName();
    List<SeedObject> seeds = resource.getSpec().getSeed() == null ? List.of() : resource.getSpec().getSeed();
    List<SeedStatus> previous = resource.getStatus().getSeeds() == null ? List.of() : resource.getStatus().getSeeds();
    List<SeedStatus> current = new ArrayList<>();
    for (SeedObject seed : seeds) {
      current.add(previous.stream().filter(s -> seed.getKey().equals(s.getKey())).findFirst().orElseGet(() -> pending(seed)));
    }
    resource.getStatus().setSeeds(current);

    Instant nextAttempt = null;
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < seeds.size(); i++) {
      SeedObject seed = seeds.get(i);
      SeedStatus status = current.get(i);
      if (isPresent(s3, bucket, resource.getMetadata().getNamespace(), seed, status)) {
        continue;
      }
      Instant now = clock.instant();
      if (status.getState() == SeedStatus.State.Failed && status.getNextAttemptTime() != null
          && Instant.parse(status.getNextAttemptTime()).isAfter(now)) {
        nextAttempt = earliest(nextAttempt, Instant.parse(status.getNextAttemptTime()));
        failures.add(seed.getKey() + ": " + status.getReason());
        continue;
      }
      load(s3, resource, bucket, seed, status, progress, events);
      if (status.getState() == SeedStatus.State.Failed) {
        nextAttempt = earliest(nextAttempt, Instant.parse(status.getNextAttemptTime()));
        failures.add(seed.getKey() + ": " + status.getReason());
      }
    }
    boolean allLoaded = current.stream().allMatch(s -> s.getState() == SeedStatus.State.Loaded);
    return new Outcome(allLoaded, Optional.ofNullable(nextAttempt), failures);
  }

  /** The object is in the bucket with the content the seed asks for (one HeadObject). */
  private boolean isPresent(S3Client s3, String bucket, String namespace, SeedObject seed, SeedStatus status) {
    HeadObjectResponse head;
    try {
      head = s3.headObject(h -> h.bucket(bucket).key(seed.getKey()));
    } catch (NoSuchKeyException e) {
      return false;
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return false;
      }
      throw e;
    }
    boolean same;
    if (seed.getSha256() != null) {
      same = seed.getSha256().equals(head.metadata().get(SHA256_METADATA));
    } else if (status.getState() == SeedStatus.State.Loaded) {
      same = head.eTag().equals(status.getEtag());
    } else {
      // Found, but not loaded by this resource as far as status knows (adopted bucket, or a crash
      // after the upload): the same size as the source is taken as the same object.
      same = sourceSize(namespace, seed).map(size -> size == head.contentLength()).orElse(false);
    }
    if (same && status.getState() != SeedStatus.State.Loaded) {
      status.setState(SeedStatus.State.Loaded);
      status.setEtag(head.eTag());
      status.setBytesLoaded(head.contentLength());
      status.setBytesTotal(head.contentLength());
      status.setReason(null);
      status.setNextAttemptTime(null);
    }
    return same;
  }

  private void load(S3Client s3, DataBucket resource, String bucket, SeedObject seed, SeedStatus status,
      Runnable progress, EventRecorder events) {
    Instant now = clock.instant();
    status.setState(SeedStatus.State.Loading);
    status.setAttempts((status.getAttempts() == null ? 0 : status.getAttempts()) + 1);
    status.setLastAttemptTime(now.truncatedTo(ChronoUnit.SECONDS).toString());
    status.setBytesLoaded(0L);
    status.setReason(null);
    status.setNextAttemptTime(null);
    progress.run();
    try {
      String etag = copy(s3, resource, bucket, seed, status, progress);
      status.setState(SeedStatus.State.Loaded);
      status.setEtag(etag);
      status.setBytesTotal(status.getBytesLoaded());
      events.normal(resource, "SeedLoaded", "loaded " + seed.getKey() + " (" + status.getBytesLoaded() + " bytes)");
    } catch (IOException | SdkException | SeedFailure e) {
      status.setState(SeedStatus.State.Failed);
      status.setReason(reason(e));
      Duration wait = backoff(status.getAttempts());
      status.setNextAttemptTime(clock.instant().plus(wait).truncatedTo(ChronoUnit.SECONDS).toString());
      events.warning(resource, "SeedFailed", seed.getKey() + ": " + status.getReason() + "; next attempt in " + wait.toSeconds() + "s");
    }
    progress.run();
  }

  private String copy(S3Client s3, DataBucket resource, String bucket, SeedObject seed, SeedStatus status,
      Runnable progress) throws IOException, SeedFailure {
    Map<String, String> metadata = seed.getSha256() == null ? Map.of() : Map.of(SHA256_METADATA, seed.getSha256());
    if (seed.getS3Uri() != null) {
      S3Location source = S3Location.parse(seed.getS3Uri()).orElseThrow(() -> new SeedFailure("s3Uri is not s3://bucket/key"));
      long size;
      try {
        size = s3.headObject(h -> h.bucket(source.bucket()).key(source.key())).contentLength();
      } catch (S3Exception e) {
        if (e.statusCode() != 403 && e.statusCode() != 404) {
          throw e;
        }
        // Read with this DataBucket's own identity: a source it may not read is the spec's problem, named so.
        throw new SeedFailure("spec.seed[" + resource.getSpec().getSeed().indexOf(seed) + "].s3Uri: cannot read "
            + seed.getS3Uri() + " with this DataBucket's credentials (HTTP " + e.statusCode() + ")");
      }
      status.setBytesTotal(size);
      if (seed.getSha256() == null && size <= SERVER_SIDE_COPY_LIMIT) {
        String etag =
            s3.copyObject(c -> c.sourceBucket(source.bucket()).sourceKey(source.key()).destinationBucket(bucket)
                    .destinationKey(seed.getKey()))
                .copyObjectResult()
                .eTag();
        status.setBytesLoaded(size);
        return etag;
      }
      try (InputStream in = s3.getObject(g -> g.bucket(source.bucket()).key(source.key()))) {
        return stream(s3, bucket, seed, in, size, metadata, status, progress);
      }
    }
    if (seed.getConfigMapRef() != null) {
      byte[] content = configMapContent(resource.getMetadata().getNamespace(), seed);
      status.setBytesTotal((long) content.length);
      return stream(s3, bucket, seed, new ByteArrayInputStream(content), content.length, metadata, status, progress);
    }
    String field = "spec.seed[" + resource.getSpec().getSeed().indexOf(seed) + "].url: ";
    try (SeedHttpFetcher.Response response = http.get(seed.getUrl())) {
      if (response.status() >= 300) {
        throw new SeedFailure("GET " + SeedHttpFetcher.shown(seed.getUrl()) + " answered HTTP " + response.status());
      }
      status.setBytesTotal(response.contentLength() < 0 ? null : response.contentLength());
      return stream(s3, bucket, seed, response.body(), response.contentLength(), metadata, status, progress);
    } catch (AddressCheckingResolver.RefusedAddress e) {
      throw new SeedFailure(field + e.getMessage());
    }
  }

  private String stream(S3Client s3, String bucket, SeedObject seed, InputStream source, long size,
      Map<String, String> metadata, SeedStatus status, Runnable progress) throws IOException {
    MessageDigest digest = sha256();
    DigestInputStream in = new DigestInputStream(source, digest);
    return MultipartUploader.upload(s3, bucket, seed.getKey(), in, size, metadata,
        () -> {
          String actual = HexFormat.of().formatHex(digest.digest());
          if (seed.getSha256() != null && !seed.getSha256().equals(actual)) {
            throw new IOException("content has sha256 " + actual + ", spec.seed says " + seed.getSha256());
          }
        },
        loaded -> {
          status.setBytesLoaded(loaded);
          progress.run();
        });
  }

  private byte[] configMapContent(String namespace, SeedObject seed) throws SeedFailure {
    ConfigMap configMap = client.configMaps().inNamespace(namespace).withName(seed.getConfigMapRef().getName()).get();
    String key = seed.getConfigMapRef().getKey();
    if (configMap == null) {
      throw new SeedFailure("ConfigMap " + seed.getConfigMapRef().getName() + " does not exist");
    }
    if (configMap.getData() != null && configMap.getData().containsKey(key)) {
      return configMap.getData().get(key).getBytes(StandardCharsets.UTF_8);
    }
    if (configMap.getBinaryData() != null && configMap.getBinaryData().containsKey(key)) {
      return Base64.getDecoder().decode(configMap.getBinaryData().get(key));
    }
    throw new SeedFailure("ConfigMap " + seed.getConfigMapRef().getName() + " has no key " + key);
  }

  /** The source's size when it can be known cheaply (for an object found without a record). */
  private Optional<Long> sourceSize(String namespace, SeedObject seed) {
    try {
      if (seed.getUrl() != null) {
        return http.size(seed.getUrl());
      }
      if (seed.getConfigMapRef() != null) {
        return Optional.of((long) configMapContent(namespace, seed).length);
      }
    } catch (IOException | SeedFailure e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  Duration backoff(int attempts) {
    long factor = 1L << Math.min(20, Math.max(0, attempts - 1));
    Duration wait = baseBackoff.multipliedBy(factor);
    return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
  }

  private static SeedStatus pending(SeedObject seed) {
    SeedStatus status = new SeedStatus();
    status.setKey(seed.getKey());
    status.setState(SeedStatus.State.Pending);
    status.setAttempts(0);
    return status;
  }

  private static Instant earliest(Instant a, Instant b) {
    return a == null || b.isBefore(a) ? b : a;
  }

  private static String reason(Exception e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (e instanceof java.net.ConnectException || e instanceof org.apache.http.conn.ConnectTimeoutException) {
      message = "cannot connect: " + message;
    }
    return message.length() > 500 ? message.substring(0, 500) + "..." : message;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A seed that cannot be loaded, for a reason that is not an I/O or AWS error. */
  static final class SeedFailure extends Exception {
    private static final long serialVersionUID = 1L;

    SeedFailure(String message) {
      super(message);
    }
  }
}
