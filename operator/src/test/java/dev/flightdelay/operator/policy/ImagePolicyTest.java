package dev.flightdelay.operator.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ImagePolicyTest {

  private static final String JOB = "ghcr.io/acme/flight-delay-job:1.0.0";

  @Test
  void byDefaultAllowsOnlyTheJobImage() {
    ImagePolicy policy = ImagePolicy.parse(JOB, "");

    assertThat(policy.refusal("spec.spark.image", null)).isEmpty();
    assertThat(policy.refusal("spec.spark.image", JOB)).isEmpty();
    assertThat(policy.refusal("spec.spark.image", "ghcr.io/acme/flight-delay-job:1.0.1")).hasValueSatisfying(r -> {
      assertThat(r.field()).isEqualTo("spec.spark.image");
      assertThat(r.message()).contains(JOB, "FLIGHTDELAY_ALLOWED_IMAGES").doesNotContain("1.0.1");
    });
  }

  @Test
  void aPrefixEndingInASlashAllowsEverythingBelowItAndARepositoryOnlyItsTagsAndDigests() {
    ImagePolicy policy = ImagePolicy.parse(JOB, " registry.example/team/ , ghcr.io/acme/spark-job ");

    assertThat(policy.allowed()).containsExactly("registry.example/team/", "ghcr.io/acme/spark-job");
    assertThat(policy.refusal("f", "registry.example/team/any/job:2")).isEmpty();
    assertThat(policy.refusal("f", "ghcr.io/acme/spark-job:3.5")).isEmpty();
    assertThat(policy.refusal("f", "ghcr.io/acme/spark-job@sha256:0123456789abcdef0123456789abcdef")).isEmpty();
    assertThat(policy.refusal("f", "ghcr.io/acme/spark-job-evil:3.5")).isPresent();
    assertThat(policy.refusal("f", "registry.example/team-b/job:2")).isPresent();
    assertThat(policy.refusal("f", "registry.example/teamx/job:2")).isPresent();
  }

  @Test
  void aStarAllowsAnyImage() {
    assertThat(ImagePolicy.parse(JOB, "*").refusal("f", "docker.io/anyone/anything:latest")).isEmpty();
  }

  @Test
  void refusesASettingThatIsNoImagePrefix() {
    assertThatThrownBy(() -> ImagePolicy.parse(JOB, "ghcr.io/acme/, ${env:X}"))
        .hasMessageContaining("FLIGHTDELAY_ALLOWED_IMAGES");
  }
}
