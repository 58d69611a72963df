package dev.flightdelay.operator.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TenancyPolicyTest {

  private static final SeedAddressPolicy SEEDS =
      new SeedAddressPolicy(false, List.of(), List.of(), Duration.ofSeconds(1), Duration.ofSeconds(1), 1);

  private static TenancyPolicy policy(List<Path> roots) {
    return new TenancyPolicy(NamespaceSet.of("ops"), Map.of("team-a", "arn:aws:iam::123456789012:role/team-a"),
        NamespaceSet.NONE, NamespaceSet.NONE, false, roots, SEEDS, Duration.ofMinutes(5));
  }

  @Test
  void givesASecretFirstThenTheNamespaceRoleThenTheOperatorWhereAllowedElseNothing() {
    TenancyPolicy policy = policy(List.of());

    assertThat(policy.identityFor("team-b", true, "spec.credentialsSecretRef")).isInstanceOf(TenancyPolicy.FromSecret.class);
    assertThat(policy.identityFor("team-a", false, "spec.credentialsSecretRef"))
        .isEqualTo(new TenancyPolicy.AssumedRole("arn:aws:iam::123456789012:role/team-a", "team-a"));
    assertThat(policy.identityFor("ops", false, "spec.credentialsSecretRef")).isInstanceOf(TenancyPolicy.OperatorOwn.class);
    assertThat(policy.identityFor("team-b", false, "spec.credentialsSecretRef"))
        .isInstanceOfSatisfying(TenancyPolicy.Refused.class, r -> {
          assertThat(r.refusal().field()).isEqualTo("spec.credentialsSecretRef");
          assertThat(r.refusal().message()).contains("team-b", "FLIGHTDELAY_OPERATOR_IDENTITY_NAMESPACES");
        });
  }

  @Test
  void allowsFileUrisOnlyUnderARootWithoutClimbingOutOrFollowingLinksOut(@TempDir Path dir) throws IOException {
    Path root = Files.createDirectories(dir.resolve("data"));
    Files.createSymbolicLink(root.resolve("escape"), Path.of("/etc"));
    TenancyPolicy policy = policy(List.of(root));

    assertThat(policy.fileRefusal("spec.inputUri", root.resolve("flights.csv").toUri().toString())).isEmpty();
    assertThat(policy.fileRefusal("spec.inputUri", "s3a://bucket/flights.csv")).isEmpty();
    assertThat(policy.fileRefusal("spec.inputUri", "file:" + root + "/../secret")).isPresent();
    assertThat(policy.fileRefusal("spec.inputUri", "file:" + root + "/%2e%2e/secret")).isPresent();
    assertThat(policy.fileRefusal("spec.inputUri", "file:" + root + "/escape/passwd")).isPresent();
    assertThat(policy.fileRefusal("spec.outputUri", "file:/etc/passwd"))
        .hasValueSatisfying(r -> assertThat(r.text()).startsWith("spec.outputUri: ").contains("FLIGHTDELAY_FILE_ROOTS"));
    assertThat(policy(List.of()).fileRefusal("spec.inputUri", root.resolve("flights.csv").toUri().toString()))
        .hasValueSatisfying(r -> assertThat(r.message()).contains("not enabled"));
  }

  @Test
  void refusesTheLocalRunnerUnlessEnabled() {
    assertThat(policy(List.of()).localRunnerRefusal()).hasValueSatisfying(r -> assertThat(r.field()).isEqualTo("spec.runner"));
  }

  @Test
  void refusesARoleThatIsNotAnIamRoleArn() {
    assertThatThrownBy(() -> new TenancyPolicy(NamespaceSet.NONE, TenancyPolicy.parseRoles("team-a=admin"),
        NamespaceSet.NONE, NamespaceSet.NONE, false, List.of(), SEEDS, Duration.ofMinutes(5)))
        .hasMessageContaining("FLIGHTDELAY_NAMESPACE_ROLES");
    assertThatThrownBy(() -> TenancyPolicy.parseRoles("team-a")).hasMessageContaining("namespace=roleArn");
  }

  @Test
  void namespaceSetsAreExplicitOrEverything() {
    assertThat(NamespaceSet.parse("a, b").contains("b")).isTrue();
    assertThat(NamespaceSet.parse("a, b").contains("c")).isFalse();
    assertThat(NamespaceSet.parse("").contains("a")).isFalse();
    assertThat(NamespaceSet.parse("*").contains("anything")).isTrue();
  }

  @Test
  void seedsMayNotReachInternalRangesUnlessAllowed() throws IOException {
    SeedAddressPolicy loopbackAllowed = new SeedAddressPolicy(true, List.of(Cidr.parse("127.0.0.0/8")),
        List.of(Cidr.parse("203.0.113.0/24")), Duration.ofSeconds(1), Duration.ofSeconds(1), 1);

    assertThat(SEEDS.refusedRange(InetAddress.getByName("169.254.169.254"))).hasValue(Cidr.parse("169.254.0.0/16"));
    assertThat(SEEDS.refusedRange(InetAddress.getByName("172.31.255.255"))).isPresent();
    assertThat(SEEDS.refusedRange(InetAddress.getByName("172.32.0.0"))).isEmpty();
    assertThat(SEEDS.refusedRange(InetAddress.getByName("::ffff:10.0.0.1"))).isPresent();
    assertThat(SEEDS.refusedRange(InetAddress.getByName("fd00::1"))).isPresent();
    assertThat(SEEDS.refusedRange(InetAddress.getByName("93.184.216.34"))).isEmpty();
    assertThat(loopbackAllowed.refusedRange(InetAddress.getByName("127.0.0.1"))).isEmpty();
    assertThat(loopbackAllowed.refusedRange(InetAddress.getByName("203.0.113.9"))).isPresent();
    assertThat(SEEDS.allowsScheme("http")).isFalse();
    assertThat(loopbackAllowed.allowsScheme("http")).isTrue();
  }
}
