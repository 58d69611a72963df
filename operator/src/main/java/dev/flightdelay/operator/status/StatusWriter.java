package dev.flightdelay.operator.status;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * Replaces a resource's status (the status subresource) without optimistic locking: the
 * operator is the only writer of status and writes the whole of it, so the last write is the
 * truth. A replace, not a merge patch, so lists in status (conditions, seeds) are never merged.
 * Used for progress during a reconcile (the intent before a cloud call, seed progress) and at
 * its end.
 */
public final class StatusWriter {

  private final KubernetesClient client;

  public StatusWriter(KubernetesClient client) {
    this.client = client;
  }

  public <S, R extends CustomResource<?, S>> void write(R resource) {
    @SuppressWarnings("unchecked")
    R copy = (R) Serialization.clone(resource);
    ObjectMeta meta = resource.getMetadata();
    copy.setMetadata(new ObjectMetaBuilder().withName(meta.getName()).withNamespace(meta.getNamespace()).build());
    try {
      HasMetadata written = client.resource(copy).updateStatus();
      meta.setResourceVersion(written.getMetadata().getResourceVersion());
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw e;
      }
    }
  }
}
