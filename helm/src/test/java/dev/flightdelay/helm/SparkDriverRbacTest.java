package dev.flightdelay.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Spark driver's Role is derived from what a driver asks of the API server: the requests
 * Spark's own scheduler backend sent when the operator's tests ran it with a driver pod's conf
 * (operator: SparkDriverRequestsTest). Spark's documentation says only that the driver's
 * ServiceAccount "must be granted a Role or ClusterRole that allows driver pods to create pods and
 * services" (https://spark.apache.org/docs/4.1.1/running-on-kubernetes.html#rbac); what the
 * backend actually sends is finer: it creates, watches, lists and deletes its executor pods,
 * creates their ConfigMap, lists persistent volume claims to reuse, and at its end deletes the
 * pods, ConfigMaps, claims and services of its application by label. The services themselves
 * (the driver's) are made by the operator, as spark-submit would.
 */
class SparkDriverRbacTest {

  private static SortedMap<Permission, ApiRequest> needed;

  @BeforeAll
  static void readRequests() {
    needed = Rbac.needed(RequestLog.read().stream().filter(RequestLog.SPARK_DRIVER).toList());
  }

  @Test
  void theChartsDriverRoleGrantsWhatTheDriverAskedAndNothingElse() {
    Manifests rendered = Chart.template("sparkDriver: {namespaces: [analytics]}");
    Role role = rendered.one(Role.class, "analytics");

    List<String> problems = new ArrayList<>();
    problems.addAll(Rbac.missing(needed, role, p -> true));
    problems.addAll(Rbac.unused(needed, role, "Spark's driver"));

    assertThat(problems).isEmpty();
    assertThat(role.getMetadata().getNamespace()).isEqualTo("analytics");
    assertThat(rendered.one(ServiceAccount.class, "analytics").getMetadata().getName()).isEqualTo("flight-delay-spark");
    RoleBinding binding = rendered.one(RoleBinding.class, "analytics");
    assertThat(binding.getRoleRef().getName()).isEqualTo(role.getMetadata().getName());
    assertThat(binding.getSubjects()).singleElement().satisfies(s -> {
      assertThat(s.getName()).isEqualTo("flight-delay-spark");
      assertThat(s.getNamespace()).isEqualTo("analytics");
    });
  }

  @Test
  void theHandMadeExampleGrantsTheSameAsTheChart() throws IOException {
    Role chartRole = Chart.template("sparkDriver: {namespaces: [analytics]}").one(Role.class, "analytics");
    Role exampleRole = Manifests.parse(Files.readString(Path.of("..", "examples", "spark-rbac.yaml"))).one(Role.class);

    assertThat(Rbac.granted(exampleRole.getRules())).isEqualTo(Rbac.granted(chartRole.getRules()));
  }

  @Test
  void noDriverRbacUnlessNamespacesAreListed() {
    Manifests rendered = Chart.template("");

    assertThat(rendered.all(ServiceAccount.class)).extracting(a -> a.getMetadata().getName()).doesNotContain("flight-delay-spark");
  }
}
