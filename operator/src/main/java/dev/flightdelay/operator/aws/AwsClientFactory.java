package dev.flightdelay.operator.aws;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * AWS clients for every kind, one per (credentials, region, endpoint), reused while used and
 * closed after an idle spell. The SDK's standard retry strategy backs off on throttling
 * (SlowDown, RequestLimitExceeded) and 5xx answers.
 */
public final class AwsClientFactory implements AutoCloseable {

  private static final int MAX_ATTEMPTS = 5;

  private record Cached(S3Client client, Instant lastUsed) {}

  private final AwsCallMetrics metrics;
  private final Duration idleTimeout;
  private final Clock clock;
  private final Map<AwsTarget, Cached> s3Clients = new ConcurrentHashMap<>();

  public AwsClientFactory(AwsCallMetrics metrics, Duration idleTimeout, Clock clock) {
    this.metrics = metrics;
    this.idleTimeout = idleTimeout;
    this.clock = clock;
  }

  public S3Client s3(AwsTarget target) {
    Instant now = clock.instant();
    closeIdle(now);
    return s3Clients
        .compute(target, (t, cached) -> new Cached(cached == null ? build(t) : cached.client(), now))
        .client();
  }


  private S3Client build(AwsTarget target) {
    var builder =
        S3Client.builder()
            .region(Region.of(target.region()))
            .credentialsProvider(credentials(target))
            .forcePathStyle(target.pathStyle())
            .overrideConfiguration(
                o ->
                    o.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(MAX_ATTEMPTS).build())
                        .addExecutionInterceptor(metrics));
    if (target.endpoint() != null) {
      // S3-compatible stores differ in the checksums they accept; send them only when required.
      builder
          .endpointOverride(target.endpoint())
          .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
          .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    }
    return builder.build();
  }

  private static AwsCredentialsProvider credentials(AwsTarget target) {
    return target.credentials() == null
        ? DefaultCredentialsProvider.builder().build()
        : StaticCredentialsProvider.create(target.credentials().toSdk());
  }

  private void closeIdle(Instant now) {
    Iterator<Map.Entry<AwsTarget, Cached>> entries = s3Clients.entrySet().iterator();
    while (entries.hasNext()) {
      Map.Entry<AwsTarget, Cached> entry = entries.next();
      if (entry.getValue().lastUsed().plus(idleTimeout).isBefore(now)) {
        entries.remove();
        entry.getValue().client().close();
      }
    }
  }

  @Override
  public void close() {
    s3Clients.values().forEach(c -> c.client().close());
    s3Clients.clear();
  }
}
