package dev.flightdelay.operator.aws;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * AWS clients for every kind, one per (credentials, region, endpoint), reused while used and
 * closed after an idle spell. The SDK's standard retry strategy backs off on throttling
 * (SlowDown, RequestLimitExceeded) and 5xx answers.
 */
public final class AwsClientFactory implements AutoCloseable {

  private static final int MAX_ATTEMPTS = 5;

  /** A client and what it holds open besides: an assumed role's STS client and refresher. */
  private record Cached(S3Client client, List<AutoCloseable> resources, Instant lastUsed) {
    Cached touched(Instant now) {
      return new Cached(client, resources, now);
    }

    void close() {
      client.close();
      for (AutoCloseable resource : resources) {
        try {
          resource.close();
        } catch (Exception e) {
          // closing a refresher or an idle STS client cannot fail in a way anyone could act on
        }
      }
    }
  }

  private final AwsCallMetrics metrics;
  private final Duration idleTimeout;
  private final Clock clock;
  private final AwsCredentialsProvider operatorIdentity;
  private final URI stsEndpoint;
  private final Map<AwsTarget, Cached> s3Clients = new ConcurrentHashMap<>();

  /**
   * @param operatorIdentity the operator's own credentials (production: the SDK default chain);
   *     used for resources the admin allows it, and to assume namespace roles
   * @param stsEndpoint an STS endpoint override, null for AWS
   */
  public AwsClientFactory(AwsCallMetrics metrics, Duration idleTimeout, Clock clock,
      AwsCredentialsProvider operatorIdentity, URI stsEndpoint) {
    this.metrics = metrics;
    this.idleTimeout = idleTimeout;
    this.clock = clock;
    this.operatorIdentity = operatorIdentity;
    this.stsEndpoint = stsEndpoint;
  }

  public S3Client s3(AwsTarget target) {
    Instant now = clock.instant();
    closeIdle(now);
    return s3Clients
        .compute(target, (t, cached) -> cached == null ? build(t, now) : cached.touched(now))
        .client();
  }

  private Cached build(AwsTarget target, Instant now) {
    List<AutoCloseable> resources = new ArrayList<>();
    AwsCredentialsProvider credentials = credentials(target, resources);
    var builder =
        S3Client.builder()
            .region(Region.of(target.region()))
            .credentialsProvider(credentials)
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
    return new Cached(builder.build(), resources, now);
  }

  private AwsCredentialsProvider credentials(AwsTarget target, List<AutoCloseable> resources) {
    if (target.identity() instanceof AwsIdentity.SecretKeys keys) {
      return StaticCredentialsProvider.create(keys.credentials().toSdk());
    }
    if (!(target.identity() instanceof AwsIdentity.Role role)) {
      return operatorIdentity;
    }
    var sts = StsClient.builder()
        .region(Region.of(target.region()))
        .credentialsProvider(operatorIdentity)
        .overrideConfiguration(o -> o.addExecutionInterceptor(metrics));
    if (stsEndpoint != null) {
      sts.endpointOverride(stsEndpoint);
    }
    StsClient client = sts.build();
    StsAssumeRoleCredentialsProvider provider = StsAssumeRoleCredentialsProvider.builder()
        .stsClient(client)
        .refreshRequest(r -> r.roleArn(role.roleArn()).roleSessionName(role.sessionName()))
        .build();
    resources.add(provider);
    resources.add(client);
    return provider;
  }

  private void closeIdle(Instant now) {
    Iterator<Map.Entry<AwsTarget, Cached>> entries = s3Clients.entrySet().iterator();
    while (entries.hasNext()) {
      Map.Entry<AwsTarget, Cached> entry = entries.next();
      if (entry.getValue().lastUsed().plus(idleTimeout).isBefore(now)) {
        entries.remove();
        entry.getValue().close();
      }
    }
  }

  @Override
  public void close() {
    s3Clients.values().forEach(Cached::close);
    s3Clients.clear();
  }
}
