package dev.flightdelay.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What holds for the operator's pod and its permissions whatever the values. */
class PodSecurityTest {

  static Stream<?> variants() {
    return Variants.all();
  }

  @ParameterizedTest
  @MethodSource("variants")
  void runsAsNonRootOnAReadOnlyFileSystemWithoutCapabilities(String values) {
    Manifests rendered = Chart.template(values);
    PodSpec pod = rendered.deployment().getSpec().getTemplate().getSpec();
    Container operator = rendered.operatorContainer();

    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getRunAsUser()).isPositive();
    assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(operator.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(operator.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(operator.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(operator.getSecurityContext().getPrivileged()).isNotEqualTo(Boolean.TRUE);
    assertThat(operator.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(operator.getSecurityContext().getCapabilities().getAdd()).isNullOrEmpty();
    assertThat(pod.getHostNetwork()).isNotEqualTo(Boolean.TRUE);
    assertThat(pod.getHostPID()).isNotEqualTo(Boolean.TRUE);
  }

  @ParameterizedTest
  @MethodSource("variants")
  void writesOnlyToAnEmptyDirAtTmp(String values) {
    Manifests rendered = Chart.template(values);
    PodSpec pod = rendered.deployment().getSpec().getTemplate().getSpec();

    assertThat(rendered.operatorContainer().getVolumeMounts()).singleElement().satisfies(mount -> {
      assertThat(mount.getMountPath()).isEqualTo("/tmp");
      assertThat(pod.getVolumes()).filteredOn(v -> v.getName().equals(mount.getName())).singleElement()
          .satisfies(volume -> assertThat(volume.getEmptyDir()).isNotNull());
    });
    assertThat(pod.getVolumes()).allSatisfy(v -> assertThat(v.getHostPath()).isNull());
  }

  @ParameterizedTest
  @MethodSource("variants")
  void mountsTheServiceAccountTokenOnlyInTheOperatorsPod(String values) {
    Manifests rendered = Chart.template(values);
    PodSpec pod = rendered.deployment().getSpec().getTemplate().getSpec();
    ServiceAccount operatorAccount = rendered.one(ServiceAccount.class, Chart.NAMESPACE);

    assertThat(pod.getServiceAccountName()).isEqualTo(operatorAccount.getMetadata().getName());
    assertThat(operatorAccount.getAutomountServiceAccountToken()).isFalse();
    assertThat(pod.getAutomountServiceAccountToken()).isTrue();
  }

  @ParameterizedTest
  @MethodSource("variants")
  void probesHealthAndReadinessAndBoundsItsResources(String values) {
    Container operator = Chart.template(values).operatorContainer();

    assertThat(operator.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
    assertThat(operator.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
    assertThat(operator.getLivenessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("http");
    assertThat(operator.getPorts()).singleElement().satisfies(p -> {
      assertThat(p.getName()).isEqualTo("http");
      assertThat(p.getContainerPort()).isEqualTo(Integer.parseInt(Chart.template(values).env().get("FLIGHTDELAY_HEALTH_PORT")));
    });
    assertThat(operator.getResources().getRequests()).containsKeys("cpu", "memory");
    assertThat(operator.getResources().getLimits()).containsKey("memory");
  }

  @ParameterizedTest
  @MethodSource("variants")
  void noRuleHasAWildcard(String values) {
    Manifests rendered = Chart.template(values);
    List<PolicyRule> rules = Stream.concat(
        rendered.all(ClusterRole.class).stream().flatMap(r -> r.getRules().stream()),
        rendered.all(Role.class).stream().flatMap(r -> r.getRules().stream())).toList();

    assertThat(rules).isNotEmpty().allSatisfy(rule -> {
      assertThat(rule.getApiGroups()).noneMatch(g -> g.contains("*"));
      assertThat(rule.getResources()).isNotEmpty().noneMatch(r -> r.contains("*"));
      assertThat(rule.getVerbs()).isNotEmpty().noneMatch(v -> v.contains("*"));
      assertThat(rule.getNonResourceURLs()).isNullOrEmpty();
    });
  }
}
