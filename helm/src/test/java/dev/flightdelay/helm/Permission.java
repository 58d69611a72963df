package dev.flightdelay.helm;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import java.util.Comparator;
import java.util.List;

/** One verb on one resource (or resource/subresource) of one API group: what an RBAC rule grants and a request needs. */
record Permission(String verb, String group, String resource) implements Comparable<Permission> {

  private static final Comparator<Permission> ORDER = Comparator.comparing(Permission::group)
      .thenComparing(Permission::resource).thenComparing(Permission::verb);

  /** Every permission a rule grants: its verbs times its groups times its resources. */
  static List<Permission> of(PolicyRule rule) {
    return rule.getApiGroups().stream()
        .flatMap(group -> rule.getResources().stream()
            .flatMap(resource -> rule.getVerbs().stream().map(verb -> new Permission(verb, group, resource))))
        .toList();
  }

  @Override
  public int compareTo(Permission other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return verb + " " + (group.isEmpty() ? "" : group + "/") + resource;
  }
}
