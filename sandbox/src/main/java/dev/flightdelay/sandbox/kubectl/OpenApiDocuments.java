package dev.flightdelay.sandbox.kubectl;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIGroupList;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscovery;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The OpenAPI v3 documents kubectl reads before it writes (/openapi/v3 and one per group
 * version), built from the same discovery documents: each resource's PATCH operation, tagged
 * with its kind and accepting fieldValidation, and each CRD's schema (for kubectl explain).
 *
 * <p>kubectl checks there whether the server validates fields itself; finding that it does, it
 * leaves validation to the server instead of downloading the
 * OpenAPI v2 document the mock server does not have.
 */
final class OpenApiDocuments {

  private static final String PREFIX = "/openapi/v3";
  private static final String GVK = "x-kubernetes-group-version-kind";
  private static final ObjectMapper JSON = Serialization.jsonMapper();

  private OpenApiDocuments() {}

  /** The document at path, if it is an OpenAPI v3 path of a group version the server serves. */
  static Optional<ObjectNode> document(String path, List<CustomResourceDefinition> crds) {
    String rest = path.replaceAll("/+$", "");
    if (!rest.startsWith(PREFIX)) {
      return Optional.empty();
    }
    rest = rest.substring(PREFIX.length()).replaceAll("^/+", "");
    if (rest.isEmpty()) {
      return Optional.of(index(crds));
    }
    return ApiDiscovery.document("/" + rest, crds)
        .filter(APIResourceList.class::isInstance)
        .map(list -> groupVersion((APIResourceList) list, crds));
  }

  private static ObjectNode index(List<CustomResourceDefinition> crds) {
    ObjectNode index = JSON.createObjectNode();
    ObjectNode paths = index.putObject("paths");
    for (String groupVersion : groupVersionPaths(crds)) {
      paths.putObject(groupVersion).put("serverRelativeURL", PREFIX + "/" + groupVersion);
    }
    return index;
  }

  private static List<String> groupVersionPaths(List<CustomResourceDefinition> crds) {
    List<String> paths = new ArrayList<>(List.of("api/v1"));
    ApiDiscovery.document("/apis", crds).map(APIGroupList.class::cast).ifPresent(groups -> {
      for (APIGroup group : groups.getGroups()) {
        for (GroupVersionForDiscovery version : group.getVersions()) {
          paths.add("apis/" + version.getGroupVersion());
        }
      }
    });
    return paths;
  }

  private static ObjectNode groupVersion(APIResourceList list, List<CustomResourceDefinition> crds) {
    String groupVersion = list.getGroupVersion();
    String group = groupVersion.contains("/") ? groupVersion.substring(0, groupVersion.indexOf('/')) : "";
    String version = groupVersion.substring(groupVersion.indexOf('/') + 1);
    ObjectNode document = JSON.createObjectNode();
    document.put("openapi", "3.0.0");
    document.putObject("info").put("title", "flight-delay-sandbox").put("version", version);
    ObjectNode paths = document.putObject("paths");
    ObjectNode schemas = document.putObject("components").putObject("schemas");
    String base = group.isEmpty() ? "/api/v1" : "/apis/" + groupVersion;
    for (APIResource resource : list.getResources()) {
      if (resource.getName().contains("/")) {
        continue;
      }
      String item = base + (Boolean.TRUE.equals(resource.getNamespaced()) ? "/namespaces/{namespace}/" : "/")
          + resource.getName() + "/{name}";
      ObjectNode patch = paths.putObject(item).putObject("patch");
      // an operation names one kind (an object), a schema the kinds it serves (a list)
      patch.putObject(GVK).put("group", group).put("version", version).put("kind", resource.getKind());
      patch.putArray("parameters").addObject().put("name", "fieldValidation").put("in", "query")
          .putObject("schema").put("type", "string");
      patch.putObject("responses").putObject("200").put("description", "OK");
    }
    for (CustomResourceDefinition crd : crds) {
      if (!crd.getSpec().getGroup().equals(group)) {
        continue;
      }
      ApiDiscovery.served(crd, version).filter(v -> v.getSchema() != null).ifPresent(v -> {
        ObjectNode schema = JSON.valueToTree(v.getSchema().getOpenAPIV3Schema());
        schema.putArray(GVK).addObject()
            .put("group", group).put("version", version).put("kind", crd.getSpec().getNames().getKind());
        schemas.set(reverse(group) + "." + version + "." + crd.getSpec().getNames().getKind(), schema);
      });
    }
    return document;
  }

  /** flightdelay.dev → dev.flightdelay, as the API server names schemas. */
  private static String reverse(String group) {
    List<String> parts = new ArrayList<>(List.of(group.split("\\.")));
    Collections.reverse(parts);
    return String.join(".", parts);
  }
}
