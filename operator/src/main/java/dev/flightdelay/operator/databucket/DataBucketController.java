package dev.flightdelay.operator.databucket;

import dev.flightdelay.operator.OperatorConfig;
import dev.flightdelay.operator.aws.AwsClientFactory;
import dev.flightdelay.operator.aws.CredentialsSecretReader;
import dev.flightdelay.operator.aws.IdentityResolver;
import dev.flightdelay.operator.status.EventRecorder;
import dev.flightdelay.operator.status.StatusWriter;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;

/** Builds the DataBucket reconciler and its parts from the operator's shared pieces. */
public final class DataBucketController {

  /**
   * Points where tests step in; production passes {@link #NONE}.
   *
   * @param afterCreateBucket called with the bucket name right after CreateBucket succeeded
   */
  public record Hooks(Consumer<String> afterCreateBucket) {}

  public static final Hooks NONE = new Hooks(bucket -> { });

  private static final Duration MAX_SEED_BACKOFF = Duration.ofMinutes(10);

  private DataBucketController() {}

  public static DataBucketReconciler reconciler(OperatorConfig config, KubernetesClient client,
      AwsClientFactory clients, Clock clock, Hooks hooks) {
    return new DataBucketReconciler(
        config,
        clients,
        new DataBucketValidator(client,
            new IdentityResolver(config.policy(), new CredentialsSecretReader(client)), config.policy(),
            config.s3Endpoint()),
        new BucketProvisioner(hooks.afterCreateBucket()::accept),
        new SeedLoader(new SeedHttpFetcher(config.policy().seeds()), client, clock, config.seedBackoff(), MAX_SEED_BACKOFF),
        new StatusWriter(client),
        new EventRecorder(client, clock),
        new NamespaceTermination(client),
        clock);
  }
}
