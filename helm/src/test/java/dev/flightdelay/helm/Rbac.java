package dev.flightdelay.helm;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/** Comparing what clients asked of the API server with the rules a Role or ClusterRole grants. */
final class Rbac {

  private Rbac() {}

  static SortedMap<Permission, ApiRequest> needed(List<ApiRequest> requests) {
    SortedMap<Permission, ApiRequest> needed = new TreeMap<>();
    requests.stream().filter(ApiRequest::isResourceRequest).forEach(r -> needed.putIfAbsent(r.permission(), r));
    return needed;
  }

  static Set<Permission> granted(List<PolicyRule> rules) {
    Set<Permission> granted = new TreeSet<>();
    rules.forEach(rule -> granted.addAll(Permission.of(rule)));
    return granted;
  }

  static List<PolicyRule> rules(HasMetadata role) {
    return role instanceof ClusterRole clusterRole ? clusterRole.getRules() : ((Role) role).getRules();
  }

  static String describe(HasMetadata role) {
    return role.getKind() + " " + (role.getMetadata().getNamespace() == null ? "" : role.getMetadata().getNamespace() + "/")
        + role.getMetadata().getName();
  }

  /**
   * One line per needed permission that role does not grant, naming the permission and a request
   * that needed it; only the permissions that belong to role count.
   */
  static List<String> missing(Map<Permission, ApiRequest> needed, HasMetadata role, Predicate<Permission> belongs) {
    Set<Permission> granted = granted(rules(role));
    List<String> missing = new ArrayList<>();
    needed.forEach((permission, request) -> {
      if (belongs.test(permission) && !granted.contains(permission)) {
        missing.add("no rule of " + describe(role) + " grants '" + permission + "', which " + request + " needed");
      }
    });
    return missing;
  }

  /** One line per permission role grants that no request needed. */
  static List<String> unused(Map<Permission, ApiRequest> needed, HasMetadata role, String whose) {
    List<String> unused = new ArrayList<>();
    granted(rules(role)).forEach(permission -> {
      if (!needed.containsKey(permission)) {
        unused.add(describe(role) + " grants '" + permission + "', which no request of " + whose + " in the tests needed");
      }
    });
    return unused;
  }
}
