package dev.flightdelay.operator.policy;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Namespaces an admin lists for a permission: a comma-separated list, or {@code *} for every
 * namespace (which an admin writes only for a single-tenant operator, such as the sandbox).
 */
public record NamespaceSet(Set<String> names, boolean all) {

  public static final NamespaceSet NONE = new NamespaceSet(Set.of(), false);
  public static final NamespaceSet ALL = new NamespaceSet(Set.of(), true);

  public static NamespaceSet parse(String text) {
    Set<String> names = Arrays.stream(text == null ? new String[0] : text.split(",")).map(String::strip)
        .filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
    return names.contains("*") ? ALL : new NamespaceSet(names, false);
  }

  public static NamespaceSet of(String... names) {
    return new NamespaceSet(Set.of(names), false);
  }

  public boolean contains(String namespace) {
    return all || names.contains(namespace);
  }
}
