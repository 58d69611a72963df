package dev.flightdelay.helm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flightdelay.helm.InstallWalkthrough.Install;
import dev.flightdelay.operator.OperatorConfig;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * README.md's "Install on a cluster" as a new user would follow it: every command runs against
 * the chart, the Dockerfiles and the examples of this repository (InstallWalkthrough), and each
 * helm install renders a Deployment that starts the operator with the settings the README says.
 */
class InstallReadmeTest {

  private static String section;
  private static InstallWalkthrough walk;

  @BeforeAll
  static void walkTheSection() throws IOException {
    String readme = Files.readString(PermissionsTableTest.README);
    int start = readme.indexOf("\n## Install on a cluster\n");
    section = readme.substring(start, readme.indexOf("\n## ", start + 1));
    walk = InstallWalkthrough.walk(ShellScript.of(section));
  }

  @Test
  void buildsTheImagesTheChartRunsAndPushesThemUnderOneRegistry() {
    Manifests defaults = Chart.template("");
    String version = System.getProperty("flightdelay.version");

    assertThat(walk.builtImages()).containsEntry("operator", defaults.operatorContainer().getImage())
        .containsEntry("spark-job", defaults.env().get("FLIGHTDELAY_JOB_IMAGE"));
    assertThat(walk.builtImages().get("spark-job")).isEqualTo(OperatorConfig.DEFAULTS.get("FLIGHTDELAY_JOB_IMAGE"))
        .isEqualTo("flight-delay-job:" + version);
    String registry = walk.taggedImages().get(defaults.operatorContainer().getImage()).split("/flight-delay-operator:")[0];
    Manifests pushed = Chart.template("images: {registry: " + registry + "}");
    assertThat(walk.taggedImages()).containsExactlyInAnyOrderEntriesOf(Map.of(
        defaults.operatorContainer().getImage(), pushed.operatorContainer().getImage(),
        defaults.env().get("FLIGHTDELAY_JOB_IMAGE"), pushed.env().get("FLIGHTDELAY_JOB_IMAGE")));
    assertThat(section).contains("--set images.registry=" + registry);
  }

  @Test
  void theQuickStartRunsTheOperatorOnAllNamespacesWithTheJobImageItBuilt() {
    Install quickStart = walk.installs().get(0);

    assertThat(quickStart.config().watchNamespaces()).isEmpty();
    assertThat(quickStart.config().leaderElection()).isFalse();
    assertThat(quickStart.config().jobImage()).isEqualTo(walk.builtImages().get("spark-job"));
    assertThat(quickStart.config().policy().localRunner()).isFalse();
    assertThat(quickStart.rendered().one(Role.class, "default").getMetadata().getName()).isEqualTo("flight-delay-spark");
  }

  @Test
  void onEksTheOperatorAndEachTeamGetTheirOwnRoles() {
    Install eks = install(i -> !i.rendered().one(ServiceAccount.class, i.namespace()).getMetadata().getAnnotations().isEmpty());

    assertThat(eks.rendered().one(ServiceAccount.class, eks.namespace()).getMetadata().getAnnotations())
        .containsKey("eks.amazonaws.com/role-arn");
    assertThat(eks.config().watchNamespaces()).containsExactlyInAnyOrder("team-a", "team-b");
    assertThat(eks.config().leaderElection()).isTrue();
    assertThat(eks.config().policy().namespaceRoles()).containsOnlyKeys("team-a", "team-b");
    assertThat(List.of("team-a", "team-b")).allSatisfy(team -> {
      assertThat(eks.rendered().one(ServiceAccount.class, team).getMetadata().getAnnotations())
          .containsEntry("eks.amazonaws.com/role-arn", eks.config().policy().namespaceRoles().get(team));
      assertThat(eks.rendered().all(Role.class)).filteredOn(r -> r.getMetadata().getNamespace().equals(team)).hasSize(2);
    });
    assertThat(section).contains("system:serviceaccount:" + eks.namespace() + ":"
        + eks.rendered().one(ServiceAccount.class, eks.namespace()).getMetadata().getName());
  }

  @Test
  void withKeysTheOperatorReadsTheSecretTheReadmeMadeAndServesTheNamespaceItNames() {
    Install keys = install(i -> i.rendered().env().containsKey("AWS_ACCESS_KEY_ID"));

    assertThat(keys.rendered().envVar("AWS_ACCESS_KEY_ID").getValueFrom().getSecretKeyRef().getName()).isEqualTo("operator-aws");
    assertThat(keys.config().policy().operatorIdentityNamespaces().contains("analytics")).isTrue();
    assertThat(keys.config().policy().operatorIdentityNamespaces().contains("default")).isFalse();
  }

  @Test
  void theSampleOutputHasTheColumnsKubectlShowsForADelayAnalysis() throws IOException {
    CustomResourceDefinition crd = Serialization.unmarshal(
        Files.readString(Chart.DIR.resolve("crds").resolve("delayanalyses.flightdelay.dev-v1.yml")), CustomResourceDefinition.class);
    CustomResourceDefinitionVersion version = crd.getSpec().getVersions().get(0);
    List<String> columns = new ArrayList<>(List.of("NAME"));
    // kubectl get shows the columns of priority 0; the others only with -o wide.
    version.getAdditionalPrinterColumns().stream().filter(c -> c.getPriority() == null || c.getPriority() == 0)
        .forEach(c -> columns.add(c.getName()));

    String header = section.lines().filter(l -> l.startsWith("NAME ")).findFirst().orElseThrow();
    assertThat(Arrays.asList(header.split("\\s+"))).isEqualTo(columns);
    assertThat(section.lines().dropWhile(l -> !l.startsWith("NAME ")).skip(1).findFirst().orElseThrow())
        .contains("Succeeded", "F9");
  }

  private static Install install(Predicate<Install> which) {
    return walk.installs().stream().filter(which).findFirst()
        .orElseThrow(() -> new AssertionError("no such helm install in the README"));
  }
}
