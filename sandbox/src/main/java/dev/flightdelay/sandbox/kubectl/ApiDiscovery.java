package dev.flightdelay.sandbox.kubectl;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIGroupBuilder;
import io.fabric8.kubernetes.api.model.APIGroupListBuilder;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceBuilder;
import io.fabric8.kubernetes.api.model.APIResourceListBuilder;
import io.fabric8.kubernetes.api.model.APIVersionsBuilder;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscovery;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The discovery documents kubectl reads before anything else (/api, /apis, and the resources of
 * each group version), built from the CRDs stored in the API server and the core kinds the
 * operator and its users touch. The mock server has none of them, so kubectl finds nothing.
 */
final class ApiDiscovery {

  private static final List<String> VERBS =
      List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");
  private static final String CRD_GROUP = "apiextensions.k8s.io";

  /** The core kinds the operator writes or reads, and that kubectl describe lists (events). */
  private static final List<APIResource> CORE = List.of(
      resource("namespaces", "namespace", "Namespace", false, "ns"),
      resource("pods", "pod", "Pod", true, "po"),
      resource("services", "service", "Service", true, "svc"),
      resource("configmaps", "configmap", "ConfigMap", true, "cm"),
      resource("secrets", "secret", "Secret", true),
      resource("serviceaccounts", "serviceaccount", "ServiceAccount", true, "sa"),
      resource("events", "event", "Event", true, "ev"));

  private static final APIResource CRDS =
      resource("customresourcedefinitions", "customresourcedefinition", "CustomResourceDefinition", false, "crd", "crds");

  private ApiDiscovery() {}

  /** The document at path, if path is a discovery path; empty for any other path. */
  static Optional<Object> document(String path, List<CustomResourceDefinition> crds) {
    String[] parts = path.replaceAll("^/+|/+$", "").split("/");
    if (parts[0].equals("api") && parts.length == 1) {
      return Optional.of(new APIVersionsBuilder().withVersions("v1").build());
    }
    if (parts[0].equals("api") && parts.length == 2 && parts[1].equals("v1")) {
      return Optional.of(new APIResourceListBuilder().withGroupVersion("v1").withResources(CORE).build());
    }
    if (!parts[0].equals("apis") || parts.length > 3) {
      return Optional.empty();
    }
    Map<String, APIGroup> groups = groups(crds);
    if (parts.length == 1) {
      return Optional.of(new APIGroupListBuilder().withGroups(List.copyOf(groups.values())).build());
    }
    APIGroup group = groups.get(parts[1]);
    if (group == null) {
      return Optional.empty();
    }
    if (parts.length == 2) {
      return Optional.of(group);
    }
    String version = parts[2];
    if (group.getVersions().stream().noneMatch(v -> v.getVersion().equals(version))) {
      return Optional.empty();
    }
    List<APIResource> resources = new ArrayList<>();
    if (group.getName().equals(CRD_GROUP)) {
      resources.add(CRDS);
    }
    crds.stream()
        .filter(crd -> crd.getSpec().getGroup().equals(group.getName()) && served(crd, version).isPresent())
        .forEach(crd -> resources.addAll(resourcesOf(crd, served(crd, version).get())));
    return Optional.of(new APIResourceListBuilder().withGroupVersion(group.getName() + "/" + version)
        .withResources(resources).build());
  }

  /** The CRD's version of that name, if the server serves it. */
  static Optional<CustomResourceDefinitionVersion> served(CustomResourceDefinition crd, String version) {
    return crd.getSpec().getVersions().stream()
        .filter(v -> v.getName().equals(version) && Boolean.TRUE.equals(v.getServed())).findFirst();
  }

  private static Map<String, APIGroup> groups(List<CustomResourceDefinition> crds) {
    Map<String, List<String>> versions = new LinkedHashMap<>();
    versions.put(CRD_GROUP, List.of("v1"));
    for (CustomResourceDefinition crd : crds) {
      List<String> served = versions.computeIfAbsent(crd.getSpec().getGroup(), g -> new ArrayList<>());
      crd.getSpec().getVersions().stream()
          .filter(v -> Boolean.TRUE.equals(v.getServed()) && !served.contains(v.getName()))
          .forEach(v -> served.add(v.getName()));
    }
    Map<String, APIGroup> groups = new LinkedHashMap<>();
    versions.forEach((name, names) -> {
      List<GroupVersionForDiscovery> list = names.stream()
          .map(v -> new GroupVersionForDiscovery(name + "/" + v, v)).toList();
      groups.put(name, new APIGroupBuilder().withName(name).withVersions(list)
          .withPreferredVersion(list.get(0)).build());
    });
    return groups;
  }

  private static List<APIResource> resourcesOf(CustomResourceDefinition crd, CustomResourceDefinitionVersion version) {
    var names = crd.getSpec().getNames();
    boolean namespaced = "Namespaced".equals(crd.getSpec().getScope());
    APIResource main = new APIResourceBuilder(resource(names.getPlural(), names.getSingular(), names.getKind(),
        namespaced, names.getShortNames().toArray(String[]::new)))
        .withCategories(names.getCategories()).build();
    List<APIResource> resources = new ArrayList<>(List.of(main));
    if (version.getSubresources() != null && version.getSubresources().getStatus() != null) {
      resources.add(new APIResourceBuilder().withName(names.getPlural() + "/status").withKind(names.getKind())
          .withNamespaced(namespaced).withVerbs("get", "patch", "update").build());
    }
    return resources;
  }

  private static APIResource resource(String plural, String singular, String kind, boolean namespaced,
      String... shortNames) {
    return new APIResourceBuilder().withName(plural).withSingularName(singular).withKind(kind)
        .withNamespaced(namespaced).withVerbs(VERBS).withShortNames(shortNames).build();
  }
}
