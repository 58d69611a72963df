package dev.flightdelay.helm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flightdelay.operator.OperatorConfig;
import dev.flightdelay.operator.policy.NamespaceSet;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Deployment's environment against OperatorConfig itself (not a copied list): every variable
 * set is one the operator reads, every setting is reachable from values, the defaults are the
 * operator's, and what renders is a configuration the operator starts with.
 */
class OperatorSettingsTest {

  /** Read by the AWS SDK's default credentials chain, from aws.credentialsSecret. */
  private static final Set<String> AWS_CREDENTIALS = Set.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN");

  static Stream<?> variants() {
    return Variants.all();
  }

  @ParameterizedTest
  @MethodSource("variants")
  void setsOnlyVariablesTheOperatorReads(String values) {
    Map<String, String> env = Chart.template(values).env();

    assertThat(env.keySet()).allSatisfy(name -> assertThat(
        OperatorConfig.DEFAULTS.containsKey(name) || name.equals(OperatorConfig.POD_NAMESPACE) || AWS_CREDENTIALS.contains(name))
        .as("%s is read by OperatorConfig or the AWS SDK", name).isTrue());
  }

  @Test
  void valuesLeftAloneGiveTheOperatorsOwnDefaults() {
    Map<String, String> env = Chart.template("").env();

    env.forEach((name, value) -> {
      if (name.startsWith("FLIGHTDELAY_")) {
        assertThat(value).as(name).isEqualTo(OperatorConfig.DEFAULTS.get(name));
      }
    });
    assertThat(OperatorConfig.from(podEnvironment(env), new String[0]))
        .isEqualTo(OperatorConfig.from(podEnvironment(Map.of()), new String[0]));
  }

  @Test
  void everySettingIsReachableFromValues() {
    Map<String, String> env = Chart.template(Chart.NAMESPACE, Path.of("src/test/resources/every-setting.yaml").toAbsolutePath()).env();

    assertThat(env).containsKeys(OperatorConfig.DEFAULTS.keySet().toArray(String[]::new));
    OperatorConfig.DEFAULTS.forEach((name, value) -> assertThat(env.get(name)).as(name).isNotEqualTo(value));
  }

  @Test
  void theRenderedSettingsAreOnesTheOperatorStartsWith() {
    OperatorConfig config = OperatorConfig.from(podEnvironment(
        Chart.template(Chart.NAMESPACE, Path.of("src/test/resources/every-setting.yaml").toAbsolutePath()).env()), new String[0]);

    assertThat(config.watchNamespaces()).containsExactlyInAnyOrder("team-a", "team-b");
    assertThat(config.leaderElection()).isTrue();
    assertThat(config.leaseNamespace()).isEqualTo("flight-delay-system");
    assertThat(config.leaseTiming()).isEqualTo(
        new OperatorConfig.LeaseTiming(Duration.ofSeconds(30), Duration.ofSeconds(20), Duration.ofSeconds(5)));
    assertThat(config.jobImage()).isEqualTo("registry.example:5000/flights/flight-delay-job-gpu:1.2.3");
    assertThat(config.s3Endpoint()).isEqualTo(URI.create("https://minio.storage.svc:9000"));
    assertThat(config.healthPort()).isEqualTo(9090);
    assertThat(config.resyncInterval()).isEqualTo(Duration.ofSeconds(120));
    assertThat(config.localWorkDir()).isEqualTo(Path.of("/tmp/runs"));
    assertThat(config.policy().localRunner()).isTrue();
    assertThat(config.policy().namespaceRoles()).containsEntry("team-b", "arn:aws:iam::123456789012:role/team-b-data");
    assertThat(config.policy().seeds().maxBytes()).isEqualTo(1L << 30);
    assertThat(config.images().allowed()).containsExactly("ghcr.io/acme/", "registry.example:5000/flights/spark-job");
  }

  @Test
  void twoReplicasElectALeaderWithTheLeaseInTheReleaseNamespace() {
    OperatorConfig config = OperatorConfig.from(podEnvironment(Chart.template("replicaCount: 2").env()), new String[0]);

    assertThat(config.leaderElection()).isTrue();
    assertThat(config.leaseNamespace()).isEqualTo(Chart.NAMESPACE);
  }

  @Test
  void tenancyStaysStrictByDefault() {
    OperatorConfig config = OperatorConfig.from(podEnvironment(Chart.template("").env()), new String[0]);

    assertThat(config.policy().localRunner()).isFalse();
    assertThat(config.policy().fileRoots()).isEmpty();
    assertThat(config.policy().operatorIdentityNamespaces()).isEqualTo(NamespaceSet.NONE);
    assertThat(config.policy().namespaceRoles()).isEmpty();
    assertThat(config.policy().adoptNamespaces()).isEqualTo(NamespaceSet.NONE);
    assertThat(config.policy().seeds().allowHttp()).isFalse();
    assertThat(config.images().allowed()).isEmpty();
  }

  /** The container's environment as the kubelet gives it: POD_NAMESPACE from the downward API. */
  static Map<String, String> podEnvironment(Map<String, String> rendered) {
    Map<String, String> env = new HashMap<>(rendered);
    env.put(OperatorConfig.POD_NAMESPACE, Chart.NAMESPACE);
    env.values().removeIf(v -> v == null);
    return env;
  }
}
