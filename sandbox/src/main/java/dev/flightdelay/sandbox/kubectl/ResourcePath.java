package dev.flightdelay.sandbox.kubectl;

import java.util.Optional;

/**
 * What a Kubernetes API path names: /api/v1/... (the core group, "") or /apis/GROUP/VERSION/...,
 * then [namespaces/NS/]RESOURCE[/NAME[/SUBRESOURCE]].
 */
record ResourcePath(String group, String version, String namespace, String resource, String name,
    String subresource) {

  static Optional<ResourcePath> parse(String path) {
    String[] parts = path.replaceAll("^/+|/+$", "").split("/");
    int at;
    String group;
    if (parts[0].equals("api") && parts.length >= 3) {
      group = "";
      at = 1;
    } else if (parts[0].equals("apis") && parts.length >= 4) {
      group = parts[1];
      at = 2;
    } else {
      return Optional.empty();
    }
    String version = parts[at];
    String namespace = null;
    int rest = at + 1;
    // namespaces/NS/RESOURCE...: a resource in a namespace; namespaces/NS alone: the Namespace itself
    if (parts[rest].equals("namespaces") && parts.length > rest + 2) {
      namespace = parts[rest + 1];
      rest += 2;
    }
    String resource = parts[rest];
    String name = parts.length > rest + 1 ? parts[rest + 1] : null;
    String subresource = parts.length > rest + 2 ? parts[rest + 2] : null;
    return Optional.of(new ResourcePath(group, version, namespace, resource, name, subresource));
  }

  /** A kind some CRD defines (not core, not the CRDs themselves). */
  boolean isCustomResource() {
    return !group.isEmpty() && !group.equals("apiextensions.k8s.io");
  }
}
