package dev.flightdelay.helm;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/** Kubernetes manifests (what helm template printed, a file of examples/), read with Fabric8's model classes. */
record Manifests(String yaml, List<HasMetadata> resources) {

  static Manifests parse(String yaml) {
    List<HasMetadata> resources = new ArrayList<>();
    for (String document : yaml.split("(?m)^---\\s*$")) {
      if (document.lines().allMatch(line -> line.isBlank() || line.startsWith("#"))) {
        continue;
      }
      KubernetesResource resource = Serialization.unmarshal(document);
      if (resource instanceof KubernetesResourceList<?> list) {
        resources.addAll(list.getItems());
      } else {
        resources.add((HasMetadata) resource);
      }
    }
    return new Manifests(yaml, List.copyOf(resources));
  }

  <T extends HasMetadata> List<T> all(Class<T> type) {
    return resources.stream().filter(type::isInstance).map(type::cast).toList();
  }

  List<HasMetadata> ofKind(String kind) {
    return resources.stream().filter(r -> kind.equals(r.getKind())).toList();
  }

  <T extends HasMetadata> T one(Class<T> type) {
    return one(all(type), type);
  }

  <T extends HasMetadata> T one(Class<T> type, String namespace) {
    return one(all(type).stream().filter(r -> namespace.equals(r.getMetadata().getNamespace())).toList(), type);
  }

  private <T extends HasMetadata> T one(List<T> found, Class<T> type) {
    if (found.size() != 1) {
      throw new AssertionError("expected one " + type.getSimpleName() + ", rendered " + found.size() + ":\n" + yaml);
    }
    return found.get(0);
  }

  Deployment deployment() {
    return one(Deployment.class);
  }

  Container operatorContainer() {
    return deployment().getSpec().getTemplate().getSpec().getContainers().get(0);
  }

  /** The operator container's environment with literal values (valueFrom entries have null). */
  Map<String, String> env() {
    Map<String, String> env = new LinkedHashMap<>();
    operatorContainer().getEnv().forEach(e -> env.put(e.getName(), e.getValue()));
    return env;
  }

  EnvVar envVar(String name) {
    return operatorContainer().getEnv().stream().filter(e -> e.getName().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError(name + " is not set; the container's env: " + env().keySet()));
  }

  Stream<String> namespaces() {
    return resources.stream().map(r -> r.getMetadata().getNamespace()).filter(Objects::nonNull).distinct();
  }
}
