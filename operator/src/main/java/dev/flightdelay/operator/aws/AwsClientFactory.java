package dev.flightdelay.operator.aws;

import dev.flightdelay.operator.policy.AddressCheckingResolver;
import dev.flightdelay.operator.policy.SeedAddressPolicy;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * AWS clients for every kind, one per (service, credentials, region, endpoint), reused while used and
 * closed after an idle spell. The SDK's standard retry strategy backs off on throttling
 * (SlowDown, RequestLimitExceeded) and 5xx answers.
 */
public final class AwsClientFactory implements AutoCloseable {

  private static final int MAX_ATTEMPTS = 5;

  /** One service's client for one target. */
  private record Key(Class<?> service, AwsTarget target) {}

  /** A client and what it holds open besides: an assumed role's STS client and refresher. */
  private record Cached(AutoCloseable client, List<AutoCloseable> resources, Instant lastUsed) {
    Cached touched(Instant now) {
      return new Cached(client, resources, now);
    }

    void close() {
      List<AutoCloseable> all = new ArrayList<>(resources);
      all.add(0, client);
      for (AutoCloseable resource : all) {
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
  private final Set<URI> adminEndpoints;
  private final SeedAddressPolicy addresses;
  private final Map<Key, Cached> clients = new ConcurrentHashMap<>();

  /**
   * @param operatorIdentity the operator's own credentials (production: the SDK default chain);
   *     used for resources the admin allows it, and to assume namespace roles
   * @param stsEndpoint an STS endpoint override, null for AWS
   * @param adminEndpoints the endpoint overrides the admin configured; any other endpoint is a
   *     tenant's, and its client connects only to addresses {@code addresses} allows
   */
  public AwsClientFactory(AwsCallMetrics metrics, Duration idleTimeout, Clock clock,
      AwsCredentialsProvider operatorIdentity, URI stsEndpoint, Set<URI> adminEndpoints, SeedAddressPolicy addresses) {
    this.metrics = metrics;
    this.idleTimeout = idleTimeout;
    this.clock = clock;
    this.operatorIdentity = operatorIdentity;
    this.stsEndpoint = stsEndpoint;
    this.adminEndpoints = Set.copyOf(adminEndpoints);
    this.addresses = addresses;
  }

  public S3Client s3(AwsTarget target) {
    return client(S3Client.class, target, this::buildS3);
  }

  /** EC2 at the target's endpoint override, if any (an emulator serves EC2 and IAM on one). */
  public Ec2Client ec2(AwsTarget target) {
    return client(Ec2Client.class, target, (t, credentials) -> {
      return atEndpoint(Ec2Client.builder().region(Region.of(t.region())).credentialsProvider(credentials)
          .overrideConfiguration(this::retriesAndMetrics), t.endpoint()).build();
    });
  }

  /**
   * IAM is global: the SDK's endpoint rules send any region of a partition to its one IAM
   * endpoint; an endpoint override is an emulator's.
   */
  public IamClient iam(AwsTarget target) {
    return client(IamClient.class, target, (t, credentials) -> {
      return atEndpoint(IamClient.builder().region(Region.of(t.region())).credentialsProvider(credentials)
          .overrideConfiguration(this::retriesAndMetrics), t.endpoint()).build();
    });
  }

  private <C extends AutoCloseable> C client(Class<C> service, AwsTarget target,
      BiFunction<AwsTarget, AwsCredentialsProvider, C> build) {
    Instant now = clock.instant();
    closeIdle(now);
    AutoCloseable client = clients.compute(new Key(service, target), (k, cached) -> {
      if (cached != null) {
        return cached.touched(now);
      }
      List<AutoCloseable> resources = new ArrayList<>();
      return new Cached(build.apply(target, credentials(target, resources)), resources, now);
    }).client();
    return service.cast(client);
  }

  private void retriesAndMetrics(ClientOverrideConfiguration.Builder o) {
    o.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(MAX_ATTEMPTS).build())
        .addExecutionInterceptor(metrics);
  }

  private S3Client buildS3(AwsTarget target, AwsCredentialsProvider credentials) {
    var builder =
        S3Client.builder()
            .region(Region.of(target.region()))
            .credentialsProvider(credentials)
            .forcePathStyle(target.pathStyle())
            .overrideConfiguration(this::retriesAndMetrics);
    if (target.endpoint() != null) {
      // S3-compatible stores differ in the checksums they accept; send them only when required.
      atEndpoint(builder, target.endpoint())
          .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
          .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    }
    return builder.build();
  }

  /**
   * Points a client at an endpoint override; a tenant's endpoint (not one the admin configured)
   * gets an HTTP client that refuses internal addresses where it resolves the host, for every
   * connection, as seed URLs do.
   */
  private <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B atEndpoint(B builder, URI endpoint) {
    if (endpoint == null) {
      return builder;
    }
    builder.endpointOverride(endpoint);
    if (!adminEndpoints.contains(endpoint)) {
      builder.httpClientBuilder(ApacheHttpClient.builder()
          .dnsResolver(new AddressCheckingResolver(addresses, "a resource's own endpoint")));
    }
    return builder;
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
    Iterator<Map.Entry<Key, Cached>> entries = clients.entrySet().iterator();
    while (entries.hasNext()) {
      Map.Entry<Key, Cached> entry = entries.next();
      if (entry.getValue().lastUsed().plus(idleTimeout).isBefore(now)) {
        entries.remove();
        entry.getValue().close();
      }
    }
  }

  @Override
  public void close() {
    clients.values().forEach(Cached::close);
    clients.clear();
  }
}
