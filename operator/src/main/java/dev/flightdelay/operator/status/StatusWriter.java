package dev.flightdelay.operator.status;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Replaces a resource's status (the status subresource) with the whole of the status in hand. A
 * replace, not a merge patch, so lists in status (conditions, seeds) are never merged.
 * On a conflict (the resource changed since it was read) the stored resource is read again: if
 * its status is still the one this writer last wrote (only spec or metadata moved), the status is
 * written again over it; if the status moved on (another replica, or a write this one did not
 * make), the write gives up with {@link StatusMovedOn} and the reconcile starts again from what is
 * stored, as Flink's StatusRecorder does. A resource this writer has not written yet (the first
 * write after a start) is written over.
 * Used for progress during a reconcile (the intent before a cloud call, seed progress) and at
 * its end.
 */
public final class StatusWriter {

  /** Conflicts apply takes before it gives up: each means another writer changed the resource meanwhile. */
  private static final int MAX_CONFLICTS = 3;

  private final KubernetesClient client;
  /** By uid, a digest of the status this writer last wrote: what a conflict is judged against. */
  private final Map<String, String> written = new ConcurrentHashMap<>();

  public StatusWriter(KubernetesClient client) {
    this.client = client;
  }

  /** The stored status changed since this writer wrote it: the reconcile must start again from it. */
  public static final class StatusMovedOn extends RuntimeException {
    StatusMovedOn(HasMetadata resource) {
      super("the status of " + resource.getKind() + " " + resource.getMetadata().getNamespace() + "/"
          + resource.getMetadata().getName() + " changed since this operator wrote it");
    }
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
        R stored = client.resource(statusOnly(latest, latest.getMetadata().getResourceVersion())).updateStatus();
        written.put(stored.getMetadata().getUid(), digest(stored.getStatus()));
        return stored;
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
      R stored;
      try {
        // The version in hand is nearly always the latest, which saves a GET of it.
        stored = client.resource(statusOnly(resource, meta.getResourceVersion())).updateStatus();
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409) {
          throw e;
        }
        stored = replaceAfterConflict(resource);
      }
      meta.setResourceVersion(stored.getMetadata().getResourceVersion());
      written.put(meta.getUid(), digest(stored.getStatus()));
      return stored;
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw e;
      }
      written.remove(meta.getUid());
      return null;
    }
  }

  private <S, R extends CustomResource<?, S>> R replaceAfterConflict(R resource) {
    R latest = client.resource(resource).get();
    if (latest == null) {
      throw new KubernetesClientException("gone", 404, null);
    }
    String known = written.get(resource.getMetadata().getUid());
    if (known != null && !known.equals(digest(latest.getStatus()))) {
      throw new StatusMovedOn(resource);
    }
    // A second conflict means another writer is active right now: it goes to the caller.
    return client.resource(statusOnly(resource, latest.getMetadata().getResourceVersion())).updateStatus();
  }

  private static String digest(Object status) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256")
          .digest(Serialization.asJson(status).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
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
