package dev.flightdelay.operator.status;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.function.Consumer;

/**
 * Replaces a resource's status (the status subresource), in effect without optimistic locking:
 * the operator is the only writer of status and writes the whole of it, so the last write is the
 * truth; a conflict (someone changed the spec or metadata meanwhile) is written again over the
 * latest version. A replace, not a merge patch, so lists in status (conditions, seeds) are never
 * merged.
 * Used for progress during a reconcile (the intent before a cloud call, seed progress) and at
 * its end.
 */
public final class StatusWriter {

  /** Conflicts apply takes before it gives up: each means another writer changed the resource meanwhile. */
  private static final int MAX_CONFLICTS = 3;

  private final KubernetesClient client;

  public StatusWriter(KubernetesClient client) {
    this.client = client;
  }

  public <S, R extends CustomResource<?, S>> void write(R resource) {
    replace(resource);
  }

  /**
   * Writes, then hands the written resource to the reconciler's cache, so the next reconcile
   * starts from this status even before the informer has seen it.
   */
  public <S, R extends CustomResource<?, S>> void write(R resource, Context<R> context) {
    R before = copyMetadataOnly(resource);
    R written = replace(resource);
    if (written != null) {
      context.eventSourceRetriever().getControllerEventSource()
          .handleRecentResourceUpdate(ResourceID.fromResource(resource), written, before);
    }
  }

  /**
   * Changes the stored status rather than the one in hand: reads the resource, applies change to
   * it and writes its status with the version read, reading and applying again on a conflict.
   * For a change of one part of status (a condition) by a caller whose copy may hold changes it
   * must not write. Null when the resource is gone.
   */
  public <S, R extends CustomResource<?, S>> R apply(R resource, Consumer<R> change) {
    for (int attempt = 1; ; attempt++) {
      R latest = client.resource(resource).get();
      if (latest == null) {
        return null;
      }
      change.accept(latest);
      try {
        return client.resource(statusOnly(latest, latest.getMetadata().getResourceVersion())).updateStatus();
      } catch (KubernetesClientException e) {
        if (e.getCode() == 404) {
          return null;
        }
        if (e.getCode() != 409 || attempt == MAX_CONFLICTS) {
          throw e;
        }
      }
    }
  }

  private <S, R extends CustomResource<?, S>> R replace(R resource) {
    ObjectMeta meta = resource.getMetadata();
    try {
      R written;
      try {
        // The version in hand is nearly always the latest, which saves the client a GET of it.
        written = client.resource(statusOnly(resource, meta.getResourceVersion())).updateStatus();
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409) {
          throw e;
        }
        written = client.resource(statusOnly(resource, null)).updateStatus();
      }
      meta.setResourceVersion(written.getMetadata().getResourceVersion());
      return written;
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw e;
      }
      return null;
    }
  }

  private static <S, R extends CustomResource<?, S>> R statusOnly(R resource, String resourceVersion) {
    @SuppressWarnings("unchecked")
    R copy = (R) Serialization.clone(resource);
    ObjectMeta meta = resource.getMetadata();
    copy.setMetadata(new ObjectMetaBuilder().withName(meta.getName()).withNamespace(meta.getNamespace())
        .withResourceVersion(resourceVersion).build());
    return copy;
  }

  private static <R extends CustomResource<?, ?>> R copyMetadataOnly(R resource) {
    try {
      @SuppressWarnings("unchecked")
      R copy = (R) resource.getClass().getDeclaredConstructor().newInstance();
      copy.setMetadata(new ObjectMetaBuilder(resource.getMetadata()).build());
      return copy;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}
