package dev.flightdelay.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
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
  }
}
