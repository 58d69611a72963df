package dev.flightdelay.operator.sparkhost;

import dev.flightdelay.operator.OperatorConfig;
import dev.flightdelay.operator.aws.AwsClientFactory;
import dev.flightdelay.operator.aws.CredentialsSecretReader;
import dev.flightdelay.operator.aws.IdentityResolver;
import dev.flightdelay.operator.status.EventRecorder;
import dev.flightdelay.operator.status.StatusWriter;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.function.Consumer;

/** Builds the SparkHost reconciler and its parts from the operator's shared pieces. */
public final class SparkHostController {

  /**
   * Points where tests step in; production passes {@link #NONE}.
   *
   * @param afterRunInstances called with the instance id right after RunInstances answered,
   *     before its id is in status
   */
  public record Hooks(Consumer<String> afterRunInstances) {}

  public static final Hooks NONE = new Hooks(instanceId -> { });

  private SparkHostController() {}

  public static SparkHostReconciler reconciler(OperatorConfig config, KubernetesClient client, AwsClientFactory clients,
      Clock clock, Hooks hooks) {
    SecureRandom random = new SecureRandom();
    return new SparkHostReconciler(
        config,
        clients,
        new SparkHostValidator(new IdentityResolver(config.policy(), new CredentialsSecretReader(client))),
        new HostParts(new ImageLookup(), new SecurityGroups(), new KeyPairs(), new InstanceProfiles(), new Instances(),
            new AccessSecret(client, new SshKeys(random)), new CloudConfig(), random),
        new StatusWriter(client),
        new EventRecorder(client, clock),
        hooks,
        clock);
  }
}
