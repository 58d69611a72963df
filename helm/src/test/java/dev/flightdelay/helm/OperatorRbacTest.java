package dev.flightdelay.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The operator's RBAC rules are derived, not guessed: every request the operator sent to the mock
 * API servers across its test suites needs a rule of the chart, and every rule of the chart is
 * needed by one of those requests.
 */
class OperatorRbacTest {

  /**
   * What Kubernetes' default ClusterRole system:basic-user grants every authenticated user, so
   * the chart grants none of it
   * (https://kubernetes.io/docs/reference/access-authn-authz/rbac/#default-roles-and-role-bindings).
   */
  private static final Set<Permission> GRANTED_TO_EVERY_USER = Set.of(
      new Permission("create", "authorization.k8s.io", "selfsubjectaccessreviews"),
      new Permission("create", "authorization.k8s.io", "selfsubjectrulesreviews"),
      new Permission("create", "authentication.k8s.io", "selfsubjectreviews"));

  /**
   * Before it takes part in leader election, JOSDK asks a SelfSubjectRulesReview and refuses to
   * start unless it grants these on Leases, whether it sends them or not
   * (io.javaoperatorsdk.operator.LeaderElectionManager#checkLeaseAccess, 5.2.3).
   */
  private static final Set<Permission> CHECKED_BEFORE_LEADER_ELECTION = Set.of(
      new Permission("get", "coordination.k8s.io", "leases"),
      new Permission("create", "coordination.k8s.io", "leases"),
      new Permission("update", "coordination.k8s.io", "leases"));

  private static final Predicate<Permission> LEASES = p -> p.group().equals("coordination.k8s.io") && p.resource().equals("leases");

  private static SortedMap<Permission, ApiRequest> needed;
  private static Manifests twoReplicas;

  @BeforeAll
  static void readRequestsAndRender() {
    List<ApiRequest> requests = RequestLog.read().stream().filter(RequestLog.OPERATOR).toList();
    needed = Rbac.needed(requests);
    GRANTED_TO_EVERY_USER.forEach(needed::remove);
    if (requests.stream().anyMatch(r -> r.isResourceRequest() && r.resource().equals("selfsubjectrulesreviews"))) {
      CHECKED_BEFORE_LEADER_ELECTION.forEach(p -> needed.putIfAbsent(p,
          ApiRequest.of("flight-delay-operator", "POST", "/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")));
    }
    twoReplicas = Chart.template("replicaCount: 2");
  }

  @Test
  void theOperatorSentOnlyResourceRequests() {
    assertThat(RequestLog.read().stream().filter(RequestLog.OPERATOR).filter(r -> !r.isResourceRequest()))
        .as("requests outside the resource API (discovery, /version) are granted by default roles the chart does not control")
        .isEmpty();
  }

  @Test
  void everyRequestOfTheOperatorHasARule() {
    List<String> missing = new ArrayList<>();
    missing.addAll(Rbac.missing(needed, twoReplicas.one(ClusterRole.class), LEASES.negate()));
    missing.addAll(Rbac.missing(needed, leaseRole(twoReplicas), LEASES));

    assertThat(missing).as("requests without a rule").isEmpty();
  }

  @Test
  void everyRuleIsNeededByARequestOfTheOperator() {
    List<String> unused = new ArrayList<>();
    unused.addAll(Rbac.unused(needed, twoReplicas.one(ClusterRole.class), "the operator"));
    unused.addAll(Rbac.unused(needed, leaseRole(twoReplicas), "the operator"));

    assertThat(unused).as("rules no request used").isEmpty();
  }

  @Test
  void leasesAreGrantedOnlyInTheLeaseNamespaceAndOnlyWithLeaderElection() {
    assertThat(Rbac.granted(twoReplicas.one(ClusterRole.class).getRules())).noneMatch(LEASES);
    assertThat(leaseRole(twoReplicas).getMetadata().getNamespace()).isEqualTo(Chart.NAMESPACE);

    assertThat(Chart.template("replicaCount: 1").all(Role.class)).isEmpty();
  }

  @Test
  void watchedNamespacesGetTheSameRulesInARoleEachAndNothingClusterWide() {
    Manifests namespaced = Chart.template("watchNamespaces: [team-a, team-b]");

    assertThat(namespaced.all(ClusterRole.class)).isEmpty();
    assertThat(namespaced.all(ClusterRoleBinding.class)).isEmpty();
    assertThat(namespaced.all(Role.class)).extracting(r -> r.getMetadata().getNamespace())
        .containsExactlyInAnyOrder("team-a", "team-b");
    Set<Permission> clusterWide = Rbac.granted(twoReplicas.one(ClusterRole.class).getRules());
    assertThat(namespaced.all(Role.class)).allSatisfy(role -> assertThat(Rbac.granted(role.getRules())).isEqualTo(clusterWide));
    assertThat(namespaced.env()).containsEntry("FLIGHTDELAY_WATCH_NAMESPACES", "team-a,team-b");
  }

  private static Role leaseRole(Manifests rendered) {
    return rendered.all(Role.class).stream().filter(r -> r.getMetadata().getName().endsWith("-lease")).findFirst()
        .orElseThrow(() -> new AssertionError("no Lease Role rendered"));
  }
}
