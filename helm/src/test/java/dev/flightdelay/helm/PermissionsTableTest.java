package dev.flightdelay.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The README's permissions table is generated from the rules the chart renders (the ones
 * OperatorRbacTest and SparkDriverRbacTest derive from requests): on a difference this test
 * fails with the table to paste.
 */
class PermissionsTableTest {

  static final Path README = Path.of("..", "README.md");
  private static final String BEGIN = "<!-- permissions: generated from the chart's rules by helm/src/test/java/dev/flightdelay/helm/PermissionsTableTest.java -->";
  private static final String END = "<!-- permissions: end -->";

  @Test
  void theReadmeTableIsTheChartsRules() throws IOException {
    String readme = Files.readString(README);
    assertThat(readme).contains(BEGIN, END);
    String documented = readme.substring(readme.indexOf(BEGIN) + BEGIN.length(), readme.indexOf(END)).strip();

    assertThat(documented).as("README permissions table; generated:%n%s%n", table()).isEqualTo(table());
  }

  private static String table() {
    Manifests rendered = Chart.template("{replicaCount: 2, sparkDriver: {namespaces: [team-a]}}");
    List<String> rows = new ArrayList<>();
    rows.add("| granted by | where | API group | resources | verbs |");
    rows.add("|---|---|---|---|---|");
    rows(rendered.one(ClusterRole.class), "all namespaces, or each of `watchNamespaces` (a Role there)", rows);
    rendered.all(Role.class).stream().filter(r -> r.getMetadata().getName().endsWith("-lease"))
        .forEach(role -> rows(role, "the Lease's namespace, with leader election", rows));
    rows(rendered.one(Role.class, "team-a"), "each of `sparkDriver.namespaces`, for the Spark driver", rows);
    return String.join("\n", rows);
  }

  private static void rows(HasMetadata role, String where, List<String> rows) {
    for (PolicyRule rule : Rbac.rules(role)) {
      rows.add("| " + role.getKind() + " `" + role.getMetadata().getName() + "` | " + where + " | "
          + rule.getApiGroups().stream().map(g -> g.isEmpty() ? "core" : "`" + g + "`").collect(Collectors.joining(", ")) + " | "
          + quoted(rule.getResources()) + " | " + quoted(rule.getVerbs()) + " |");
    }
  }

  private static String quoted(List<String> names) {
    return names.stream().map(n -> "`" + n + "`").collect(Collectors.joining(", "));
  }
}
