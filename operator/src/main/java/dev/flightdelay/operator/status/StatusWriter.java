package dev.flightdelay.operator.status;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * Writes a resource's status as a merge patch of the status subresource, without optimistic
 * locking: the operator is the only writer of status, and it writes the whole of it. Used for
 * progress during a reconcile (the intent before a cloud call, seed progress) and at its end.
 */
public final class StatusWriter {

  private final KubernetesClient client;

  public StatusWriter(KubernetesClient client) {
    this.client = client;
  }

  public <S, R extends CustomResource<?, S>> void write(R resource) {
    @SuppressWarnings("unchecked")
    R patch = (R) Serialization.clone(resource);
    ObjectMeta meta = resource.getMetadata();
    patch.setMetadata(new ObjectMetaBuilder().withName(meta.getName()).withNamespace(meta.getNamespace()).build());
    patch.setSpec(null);
    try {
      HasMetadata written = client.resource(patch).patchStatus();
      meta.setResourceVersion(written.getMetadata().getResourceVersion());
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw e;
      }
    }
  }
}
