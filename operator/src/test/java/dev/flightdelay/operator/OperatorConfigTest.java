package dev.flightdelay.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import dev.flightdelay.operator.policy.ImagePolicy;
import dev.flightdelay.operator.policy.TenancyPolicy;
import org.junit.jupiter.api.Test;

class OperatorConfigTest {

  @Test
  void hasDocumentedDefaults() {
    OperatorConfig config = OperatorConfig.from(Map.of(), new String[0]);

    assertThat(config.watchNamespaces()).isEmpty();
    assertThat(config.leaderElection()).isFalse();
    assertThat(config.reconcileThreads()).isEqualTo(10);
    assertThat(config.defaultRegion()).isEqualTo("us-east-1");
    assertThat(config.s3Endpoint()).isNull();
    assertThat(config.healthPort()).isEqualTo(8080);
    assertThat(config.resyncInterval()).isEqualTo(Duration.ofMinutes(5));
    assertThat(config.leaseTiming()).isEqualTo(
        new OperatorConfig.LeaseTiming(Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofSeconds(2)));
  }

  @Test
  void allowsNamespacesNothingBeyondThemByDefault() {
    TenancyPolicy policy = OperatorConfig.from(Map.of(), new String[0]).policy();

    assertThat(policy.operatorIdentityNamespaces().contains("default")).isFalse();
    assertThat(policy.namespaceRoles()).isEmpty();
    assertThat(policy.mayAdopt("default")).isFalse();
    assertThat(policy.mayEmptyAdopted("default")).isFalse();
    assertThat(policy.localRunner()).isFalse();
    assertThat(policy.fileRoots()).isEmpty();
    assertThat(policy.seeds().allowHttp()).isFalse();
    assertThat(policy.seeds().allowed()).isEmpty();
    assertThat(policy.seeds().maxBytes()).isEqualTo(10L << 30);
  }

  @Test
  void allowsOnlyTheJobImageUnlessImagePrefixesAreListed() {
    OperatorConfig defaults = OperatorConfig.from(Map.of("FLIGHTDELAY_JOB_IMAGE", "ghcr.io/acme/flight-delay-job:1.0.0"),
        new String[0]);
    assertThat(defaults.images()).isEqualTo(new ImagePolicy("ghcr.io/acme/flight-delay-job:1.0.0", List.of()));

    OperatorConfig listed = OperatorConfig.from(Map.of("FLIGHTDELAY_ALLOWED_IMAGES", "ghcr.io/acme/,registry.example/spark"),
        new String[0]);
    assertThat(listed.images().allowed()).containsExactly("ghcr.io/acme/", "registry.example/spark");
    assertThat(listed.images().jobImage()).isEqualTo(listed.jobImage());
  }

  @Test
  void readsThePolicySettings() {
    OperatorConfig config = OperatorConfig.from(Map.of(
        "FLIGHTDELAY_OPERATOR_IDENTITY_NAMESPACES", "ops",
        "FLIGHTDELAY_NAMESPACE_ROLES", "team-a=arn:aws:iam::123456789012:role/team-a, team-b=arn:aws:iam::123456789012:role/b",
        "FLIGHTDELAY_LOCAL_RUNNER", "true",
        "FLIGHTDELAY_FILE_ROOTS", "/data,/srv/flights",
        "FLIGHTDELAY_SEED_ALLOWED_CIDRS", "127.0.0.0/8",
        "FLIGHTDELAY_STS_ENDPOINT", "http://127.0.0.1:5000"), new String[] {"--adopt-namespaces=*"});

    TenancyPolicy policy = config.policy();
    assertThat(policy.operatorIdentityNamespaces().contains("ops")).isTrue();
    assertThat(policy.namespaceRoles()).containsEntry("team-b", "arn:aws:iam::123456789012:role/b");
    assertThat(policy.mayAdopt("anywhere")).isTrue();
    assertThat(policy.localRunner()).isTrue();
    assertThat(policy.fileRoots()).containsExactly(Path.of("/data"), Path.of("/srv/flights"));
    assertThat(policy.seeds().allowed()).hasSize(1);
    assertThat(config.stsEndpoint()).isEqualTo(URI.create("http://127.0.0.1:5000"));
    assertThatThrownBy(() -> OperatorConfig.from(Map.of("FLIGHTDELAY_SEED_ALLOWED_CIDRS", "localhost"), new String[0]))
        .hasMessageContaining("not an IP address range");
  }

  @Test
  void readmeDocumentsEverySetting() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"));

    assertThat(OperatorConfig.DEFAULTS.keySet())
        .allSatisfy(key -> assertThat(readme).contains("| `" + key + "` |"));
  }

  @Test
  void readsTheEnvironmentAndFlagsWin() {
    OperatorConfig config = OperatorConfig.from(
        Map.of("FLIGHTDELAY_WATCH_NAMESPACES", "a, b", "AWS_REGION", "eu-west-1", "POD_NAMESPACE", "ops",
            "FLIGHTDELAY_LEADER_ELECTION", "true", "FLIGHTDELAY_S3_ENDPOINT", "http://minio:9000"),
        new String[] {"--reconcile-threads=3", "--watch-namespaces=c"});

    assertThat(config.watchNamespaces()).isEqualTo(Set.of("c"));
    assertThat(config.defaultRegion()).isEqualTo("eu-west-1");
    assertThat(config.leaderElection()).isTrue();
    assertThat(config.leaseNamespace()).isEqualTo("ops");
    assertThat(config.reconcileThreads()).isEqualTo(3);
    assertThat(config.s3Endpoint()).isEqualTo(URI.create("http://minio:9000"));
  }

  @Test
  void refusesNonsense() {
    assertThatThrownBy(() -> OperatorConfig.from(Map.of("FLIGHTDELAY_RECONCILE_THREADS", "lots"), new String[0]))
        .hasMessageContaining("FLIGHTDELAY_RECONCILE_THREADS must be a positive whole number");
    assertThatThrownBy(() -> OperatorConfig.from(Map.of(), new String[] {"--colour=red"}))
        .hasMessageContaining("unknown option --colour");
    assertThatThrownBy(() -> OperatorConfig.from(Map.of("FLIGHTDELAY_LEADER_ELECTION", "true"), new String[0]))
        .hasMessageContaining("FLIGHTDELAY_LEASE_NAMESPACE");
    assertThatThrownBy(() -> OperatorConfig.from(Map.of("FLIGHTDELAY_LEASE_RENEW_DEADLINE_SECONDS", "15"), new String[0]))
        .hasMessageContaining("FLIGHTDELAY_LEASE_RENEW_DEADLINE_SECONDS < FLIGHTDELAY_LEASE_DURATION_SECONDS");
  }
}
