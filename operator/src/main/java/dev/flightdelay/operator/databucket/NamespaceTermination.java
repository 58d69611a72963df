package dev.flightdelay.operator.databucket;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Tells whether a resource's namespace is being deleted: then nobody is left to answer a
 * resource that waits for a decision (such as emptyOnDelete), and waiting would hang the
 * namespace in Terminating.
 */
final class NamespaceTermination {

  private final KubernetesClient client;

  NamespaceTermination(KubernetesClient client) {
    this.client = client;
  }

  /** Being deleted, or gone; false when it cannot be told (no right to read namespaces). */
  boolean isTerminating(String namespace) {
    try {
      Namespace found = client.namespaces().withName(namespace).get();
      return found == null || found.getMetadata().getDeletionTimestamp() != null;
    } catch (KubernetesClientException e) {
      return false;
    }
  }
}
