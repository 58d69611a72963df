package dev.flightdelay.operator.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.flightdelay.operator.policy.AddressCheckingResolver;
import dev.flightdelay.operator.policy.SeedAddressPolicy;
import dev.flightdelay.testing.MotoExtension;
import dev.flightdelay.testing.MotoServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * An endpoint the admin configured is reached wherever it is; an endpoint a resource names is
 * checked where the SDK's HTTP client resolves its host, so even a name that passed validation
 * cannot reach an internal address (moto, on loopback, stands for one).
 */
@ExtendWith(MotoExtension.class)
class TenantEndpointTest {

  private static final SeedAddressPolicy STRICT =
      new SeedAddressPolicy(false, List.of(), List.of(), Duration.ofSeconds(2), Duration.ofSeconds(5), 1L << 20);

  @Test
  void reachesTheEndpointTheAdminConfiguredOnLoopback(MotoServer moto) {
    try (AwsClientFactory clients = factory(Set.of(moto.endpoint()))) {
      assertThat(clients.s3(target(moto)).listBuckets().buckets()).isNotNull();
    }
  }

  @Test
  void refusesALoopbackEndpointAResourceNamesBeforeSendingAnything(MotoServer moto) {
    try (AwsClientFactory clients = factory(Set.of())) {
      assertRefused(catchThrowable(() -> clients.s3(target(moto)).listBuckets()));
    }
  }

  @Test
  void refusesItForEc2AndIamToo(MotoServer moto) {
    try (AwsClientFactory clients = factory(Set.of())) {
      assertRefused(catchThrowable(() -> clients.ec2(target(moto)).describeRegions()));
      assertRefused(catchThrowable(() -> clients.iam(target(moto)).listRoles()));
    }
  }

  private static void assertRefused(Throwable thrown) {
    assertThat(thrown).isInstanceOf(SdkClientException.class);
    List<Throwable> causes = new ArrayList<>();
    for (Throwable c = thrown; c != null && !causes.contains(c); c = c.getCause()) {
      causes.add(c);
    }
    assertThat(causes).anySatisfy(c -> assertThat(c).isInstanceOf(AddressCheckingResolver.RefusedAddress.class)
        .hasMessageContaining("127.0.0.0/8").hasMessageContaining("a resource's own endpoint"));
  }

  private static AwsClientFactory factory(Set<URI> adminEndpoints) {
    return new AwsClientFactory(new AwsCallMetrics(new SimpleMeterRegistry()), Duration.ofMinutes(1), Clock.systemUTC(),
        AnonymousCredentialsProvider.create(), null, adminEndpoints, STRICT);
  }

  private static AwsTarget target(MotoServer moto) {
    return new AwsTarget(MotoServer.REGION, moto.endpoint(), true,
        new AwsIdentity.SecretKeys(new StaticCredentials("test", "test", null)));
  }
}
