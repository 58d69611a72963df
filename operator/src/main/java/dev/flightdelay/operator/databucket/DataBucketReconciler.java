package dev.flightdelay.operator.databucket;

import dev.flightdelay.api.v1alpha1.DataBucket;
import dev.flightdelay.api.v1alpha1.DataBucketSpec;
import dev.flightdelay.api.v1alpha1.DataBucketStatus;
import dev.flightdelay.api.v1alpha1.DataBucketStatus.Phase;
import dev.flightdelay.api.v1alpha1.DeletionPolicy;
import dev.flightdelay.api.v1alpha1.SeedObject;
import dev.flightdelay.api.v1alpha1.SeedStatus;
import dev.flightdelay.operator.OperatorConfig;
import dev.flightdelay.operator.aws.AwsClientFactory;
import dev.flightdelay.operator.aws.AwsIdentity;
import dev.flightdelay.operator.aws.AwsTarget;
import dev.flightdelay.operator.status.ReconcileErrors;
import dev.flightdelay.operator.status.Conditions;
import dev.flightdelay.operator.status.ErrorBackoff;
import dev.flightdelay.operator.status.EventRecorder;
import dev.flightdelay.operator.status.StatusWriter;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Keeps a DataBucket true: observe (validate the spec, find the bucket), act (create or adopt,
 * correct drifted settings, load seeds), record status, in that order every reconcile. On delete
 * it keeps the bucket unless the spec says Delete, and its data unless it says emptyOnDelete too.
 */
@ControllerConfiguration(name = "databucket")
public final class DataBucketReconciler implements Reconciler<DataBucket>, Cleaner<DataBucket> {

  private static final Logger LOG = LoggerFactory.getLogger(DataBucketReconciler.class);

  private final OperatorConfig config;
  private final AwsClientFactory clients;
  private final DataBucketValidator validator;
  private final BucketProvisioner provisioner;
  private final BucketSettings settings = new BucketSettings();
  private final SeedLoader seeds;
  private final BucketCleaner cleaner = new BucketCleaner();
  private final StatusWriter statusWriter;
  private final EventRecorder events;
  private final NamespaceTermination namespaces;
  private final Clock clock;
  private final ReconcileErrors errors;

  DataBucketReconciler(OperatorConfig config, AwsClientFactory clients, DataBucketValidator validator,
      BucketProvisioner provisioner, SeedLoader seeds, StatusWriter statusWriter, EventRecorder events,
      NamespaceTermination namespaces, Clock clock) {
    this.config = config;
    this.clients = clients;
    this.validator = validator;
    this.provisioner = provisioner;
    this.seeds = seeds;
    this.statusWriter = statusWriter;
    this.events = events;
    this.namespaces = namespaces;
    this.clock = clock;
    this.errors = new ReconcileErrors(statusWriter, events, clock);
  }

  @Override
  public UpdateControl<DataBucket> reconcile(DataBucket resource, Context<DataBucket> context) {
    DataBucketStatus status = statusOf(resource);
    Snapshot before = Snapshot.of(status);
    long generation = resource.getMetadata().getGeneration();
    Instant now = clock.instant();
    DataBucketSpec spec = resource.getSpec();

    DataBucketValidator.Result check = validator.validate(resource);
    if (check instanceof InvalidSpec invalid) {
      // No AWS call, and no reschedule: only a new spec (a new generation) can mend it.
      boolean reported = status.condition(Conditions.READY)
          .map(c -> invalid.reason().equals(c.getReason()) && invalid.text().equals(c.getMessage())).orElse(false);
      status.setPhase(Phase.Failed);
      status.setMessage(invalid.text());
      Conditions.set(status, Conditions.READY, false, invalid.reason(), invalid.text(), generation, now);
      status.setObservedGeneration(generation);
      if (!reported) {
        events.warning(resource, invalid.reason(), invalid.text());
      }
      return finish(resource, before, null);
    }
    AwsTarget target = target(spec, ((DataBucketValidator.Valid) check).identity());
    String bucket = spec.getBucketName();
    try {
      S3Client s3 = clients.s3(target);
      // The status names the bucket once this resource called CreateBucket for it (the intent is
      // written first) or managed it; a bucket without owner tag that status names is ours.
      boolean knownToUs = bucket.equals(status.getBucketName());
      BucketProvisioner.Provisioned provisioned =
          provisioner.ensure(s3, bucket, target.region(), BucketOwnership.value(resource), knownToUs,
              Boolean.TRUE.equals(spec.getAdoptExisting()),
              () -> {
                status.setBucketName(bucket);
                status.setArn(null);
                status.setPhase(Phase.Provisioning);
                statusWriter.write(resource);
              });
      switch (provisioned.outcome()) {
        case OWNED_ELSEWHERE -> {
          status.setBucketName(null);
          return refuse(resource, before, "BucketOwnedElsewhere", "bucket " + bucket
              + " exists and was not created by this DataBucket; set spec.adoptExisting: true to manage it", now);
        }
        case OWNED_BY_ANOTHER_NAMESPACE -> {
          status.setBucketName(null);
          return refuse(resource, before, "BucketOwnedElsewhere", "bucket " + bucket
              + " belongs to a DataBucket in another namespace and cannot be managed from this one", now);
        }
        case NAME_TAKEN -> {
          status.setBucketName(null);
          return refuse(resource, before, "BucketNameTaken", "bucket name " + bucket
              + " is taken by another AWS account; choose another spec.bucketName", now);
        }
        case CREATED -> events.normal(resource, "BucketCreated", "created bucket " + bucket + " in " + target.region());
        case ADOPTED -> events.normal(resource, "BucketAdopted", "adopted existing bucket " + bucket);
        case OURS -> { }
      }
      status.setBucketName(bucket);
      status.setArn("arn:aws:s3:::" + bucket);
      status.setRegion(target.region());
      status.setEndpoint(target.endpointText());

      List<String> corrected =
          settings.converge(s3, bucket, spec, BucketOwnership.value(resource), provisioned.tags(), provisioned.adopted());
      if (!corrected.isEmpty() && provisioned.outcome() == BucketProvisioner.Outcome.OURS) {
        events.normal(resource, "DriftCorrected", "set " + String.join(", ", corrected) + " back to the spec");
      }
      Conditions.set(status, Conditions.SYNCED, true, "SettingsApplied",
          "encryption, public access block, tags and versioning match the spec", generation, now);

      if (!seedsLoaded(spec, status)) {
        status.setPhase(Phase.Seeding);
      }
      SeedLoader.Outcome seeded = seeds.sync(s3, resource, progressWriter(resource), events);
      countObjects(s3, bucket, status);
      status.setObservedGeneration(generation);
      if (seeded.allLoaded()) {
        status.setPhase(Phase.Ready);
        status.setMessage(null);
        Conditions.set(status, Conditions.READY, true, "BucketReady", "bucket " + bucket + " is ready with every seed object",
            generation, clock.instant());
        return finish(resource, before, config.resyncInterval());
      }
      String failures = String.join("; ", seeded.failures());
      status.setPhase(Phase.Seeding);
      status.setMessage(failures);
      Conditions.set(status, Conditions.READY, false, "SeedFailed", failures, generation, clock.instant());
      Duration untilRetry = seeded.nextAttempt().map(t -> Duration.between(clock.instant(), t)).orElse(config.resyncInterval());
      return finish(resource, before, ErrorBackoff.longer(Duration.ofSeconds(1), ErrorBackoff.shorter(untilRetry, config.resyncInterval())));
    } catch (SdkException e) {
      return awsError(resource, before, e, now);
    }
  }

  /** An exception the reconcile did not handle: said in Ready, retried with back-off. */
  @Override
  public ErrorStatusUpdateControl<DataBucket> updateErrorStatus(DataBucket resource, Context<DataBucket> context, Exception e) {
    return errors.report(resource, context, e, DataBucketStatus::new);
  }

  @Override
  public DeleteControl cleanup(DataBucket resource, Context<DataBucket> context) {
    DataBucketStatus status = statusOf(resource);
    DataBucketSpec spec = resource.getSpec();
    String bucket = status.getBucketName();
    String namespace = resource.getMetadata().getNamespace();
    if (spec.getDeletionPolicy() != DeletionPolicy.Delete || bucket == null) {
      if (bucket != null) {
        LOG.info("DataBucket {}/{} deleted; bucket {} retained", namespace, resource.getMetadata().getName(), bucket);
      }
      return DeleteControl.defaultDelete();
    }
    Snapshot before = Snapshot.of(status);
    Instant now = clock.instant();
    long generation = resource.getMetadata().getGeneration();
    status.setPhase(Phase.Deleting);
    DataBucketValidator.Result check = validator.identity(resource);
    if (check instanceof InvalidSpec invalid) {
      return waitForCredentials(resource, before, bucket, invalid.text(), now);
    }
    try {
      S3Client s3 = clients.s3(target(spec, ((DataBucketValidator.Valid) check).identity()));
      BucketCleaner.Outcome outcome = cleaner.delete(s3, bucket, BucketOwnership.value(resource),
          Boolean.TRUE.equals(spec.getEmptyOnDelete()), config.policy().mayEmptyAdopted(namespace));
      if (outcome == BucketCleaner.Outcome.NOT_EMPTY || outcome == BucketCleaner.Outcome.ADOPTED_NOT_EMPTY) {
        long count = cleaner.objectCount(s3, bucket);
        String holds = "bucket " + bucket + " still holds " + (count >= BucketCleaner.COUNT_LIMIT ? count + " or more" : count)
            + " object(s); ";
        String message = outcome == BucketCleaner.Outcome.NOT_EMPTY
            ? holds + "set spec.emptyOnDelete: true to delete them with the bucket, or"
                + " spec.deletionPolicy: Retain to keep the bucket"
            : holds + "it was adopted, and emptyOnDelete does not empty adopted buckets in namespace " + namespace
                + " (FLIGHTDELAY_EMPTY_ADOPTED_NAMESPACES); set spec.deletionPolicy: Retain to keep the bucket";
        if (namespaces.isTerminating(namespace)) {
          leaveBehind(resource, "bucket " + bucket + " left in place with its objects: namespace " + namespace
              + " is being deleted, and " + (outcome == BucketCleaner.Outcome.NOT_EMPTY
                  ? "spec.emptyOnDelete is not set" : "emptyOnDelete does not empty adopted buckets there"));
          return DeleteControl.defaultDelete();
        }
        status.setMessage(message);
        Conditions.set(status, Conditions.READY, false, "BucketNotEmpty", message, generation, now);
        if (!"BucketNotEmpty".equals(before.readyReason())) {
          events.warning(resource, "BucketNotEmpty", message);
        }
        finish(resource, before, null);
        return DeleteControl.noFinalizerRemoval().rescheduleAfter(config.resyncInterval());
      }
      LOG.info("DataBucket {}/{} deleted; bucket {}: {}", namespace, resource.getMetadata().getName(), bucket, outcome);
      return DeleteControl.defaultDelete();
    } catch (S3Exception e) {
      if (e.statusCode() == 403) {
        return waitForCredentials(resource, before, bucket, "AWS refused the credentials: " + e.getMessage(), now);
      }
      return deleteFailed(resource, before, bucket, e, now);
    } catch (SdkException e) {
      return deleteFailed(resource, before, bucket, e, now);
    }
  }

  /**
   * An AWS failure while deleting: retried with back-off, but not for ever. Once the namespace is
   * going, or the deletion has failed for as long as it may wait without credentials, the bucket
   * is left behind: a store that keeps failing must not hold the namespace in Terminating.
   */
  private DeleteControl deleteFailed(DataBucket resource, Snapshot before, String bucket, SdkException e, Instant now) {
    Duration waited = Duration.between(Instant.parse(resource.getMetadata().getDeletionTimestamp()), now);
    Duration limit = config.policy().releaseWithoutCredentialsAfter();
    String namespace = resource.getMetadata().getNamespace();
    boolean namespaceGoing = namespaces.isTerminating(namespace);
    if (namespaceGoing || waited.compareTo(limit) >= 0) {
      leaveBehind(resource, "bucket " + bucket + " left in place: deleting it failed ("
          + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ") "
          + (namespaceGoing ? "while namespace " + namespace + " is being deleted" : "for " + limit.toSeconds() + "s"));
      return DeleteControl.defaultDelete();
    }
    awsError(resource, before, e, now);
    return DeleteControl.noFinalizerRemoval().rescheduleAfter(ErrorBackoff.shorter(errorBackoff(before, now), limit.minus(waited)));
  }

  /**
   * Deleting without usable credentials (as when the namespace goes: its Secrets go first) waits
   * a bounded time for them, then lets go and leaves the bucket, so a namespace never hangs.
   */
  private DeleteControl waitForCredentials(DataBucket resource, Snapshot before, String bucket, String problem,
      Instant now) {
    Instant deleted = Instant.parse(resource.getMetadata().getDeletionTimestamp());
    Duration waited = Duration.between(deleted, now);
    Duration limit = config.policy().releaseWithoutCredentialsAfter();
    if (waited.compareTo(limit) >= 0) {
      leaveBehind(resource, "bucket " + bucket + " left in place: no usable credentials to delete it for "
          + limit.toSeconds() + "s (" + problem + ")");
      return DeleteControl.defaultDelete();
    }
    String message = "cannot delete bucket " + bucket + ": " + problem + "; the bucket is left in place after "
        + limit.toSeconds() + "s without usable credentials";
    DataBucketStatus status = resource.getStatus();
    status.setMessage(message);
    Conditions.set(status, Conditions.READY, false, "CredentialsUnavailable", message,
        resource.getMetadata().getGeneration(), now);
    if (!"CredentialsUnavailable".equals(before.readyReason())) {
      events.warning(resource, "CredentialsUnavailable", message);
    }
    finish(resource, before, null);
    return DeleteControl.noFinalizerRemoval().rescheduleAfter(ErrorBackoff.shorter(limit.minus(waited), config.resyncInterval()));
  }

  /** Lets the resource go without deleting its bucket, and says so where its owner looks. */
  private void leaveBehind(DataBucket resource, String message) {
    LOG.warn("DataBucket {}/{}: {}", resource.getMetadata().getNamespace(), resource.getMetadata().getName(), message);
    events.warning(resource, "BucketLeftBehind", message);
  }

  private UpdateControl<DataBucket> refuse(DataBucket resource, Snapshot before, String reason, String message, Instant now) {
    DataBucketStatus status = resource.getStatus();
    long generation = resource.getMetadata().getGeneration();
    status.setPhase(Phase.Failed);
    status.setMessage(message);
    status.setArn(null);
    Conditions.set(status, Conditions.READY, false, reason, message, generation, now);
    status.setObservedGeneration(generation);
    if (!reason.equals(before.readyReason())) {
      events.warning(resource, reason, message);
    }
    return finish(resource, before, config.resyncInterval());
  }

  /** An AWS failure: said in status, retried after a back-off that doubles while it lasts. */
  private UpdateControl<DataBucket> awsError(DataBucket resource, Snapshot before, SdkException e, Instant now) {
    DataBucketStatus status = resource.getStatus();
    String reason = "AwsError";
    if (e instanceof S3Exception s3 && s3.awsErrorDetails() != null && s3.awsErrorDetails().errorCode() != null) {
      reason = s3.awsErrorDetails().errorCode();
    }
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    Duration backoff = errorBackoff(before, now);
    status.setPhase(Phase.Failed);
    status.setMessage(message);
    Conditions.set(status, Conditions.READY, false, reason, message, resource.getMetadata().getGeneration(), now);
    if (!resource.isMarkedForDeletion()) {
      status.setObservedGeneration(resource.getMetadata().getGeneration());
    }
    if (!reason.equals(before.readyReason())) {
      events.warning(resource, reason, message);
    }
    return finish(resource, before, backoff);
  }

  private static Duration errorBackoff(Snapshot before, Instant now) {
    return ErrorBackoff.after(before.ready(), before.readySince(), now);
  }

  private UpdateControl<DataBucket> finish(DataBucket resource, Snapshot before, Duration requeue) {
    statusWriter.write(resource);
    Snapshot after = Snapshot.of(resource.getStatus());
    if (!after.equals(before)) {
      LOG.info("DataBucket {}/{}: phase {} -> {}, Ready {} ({})", resource.getMetadata().getNamespace(),
          resource.getMetadata().getName(), before.phase(), after.phase(), after.ready(), after.readyReason());
    }
    UpdateControl<DataBucket> control = UpdateControl.noUpdate();
    return requeue == null ? control : control.rescheduleAfter(requeue);
  }

  /** Seed progress is written when an object starts, after each part (5 MiB or more), and at its end. */
  private Runnable progressWriter(DataBucket resource) {
    return () -> statusWriter.write(resource);
  }

  /** Every spec.seed object is recorded as loaded (whether it still is, the seed loader checks). */
  private static boolean seedsLoaded(DataBucketSpec spec, DataBucketStatus status) {
    List<SeedObject> seeds = spec.getSeed() == null ? List.of() : spec.getSeed();
    List<SeedStatus> loaded = status.getSeeds() == null ? List.of() : status.getSeeds();
    return seeds.stream().allMatch(seed -> loaded.stream()
        .anyMatch(s -> seed.getKey().equals(s.getKey()) && s.getState() == SeedStatus.State.Loaded));
  }

  private static void countObjects(S3Client s3, String bucket, DataBucketStatus status) {
    long objects = 0;
    long bytes = 0;
    for (S3Object object : s3.listObjectsV2Paginator(l -> l.bucket(bucket)).contents()) {
      objects++;
      bytes += object.size();
    }
    status.setObjects(objects);
    status.setBytes(bytes);
  }

  private AwsTarget target(DataBucketSpec spec, AwsIdentity identity) {
    String region = spec.getRegion() == null ? config.defaultRegion() : spec.getRegion();
    if (spec.getEndpoint() != null) {
      return new AwsTarget(region, java.net.URI.create(spec.getEndpoint()), Boolean.TRUE.equals(spec.getForcePathStyle()),
          identity);
    }
    return new AwsTarget(region, config.s3Endpoint(), config.s3Endpoint() != null || Boolean.TRUE.equals(spec.getForcePathStyle()),
        identity);
  }

  private static DataBucketStatus statusOf(DataBucket resource) {
    if (resource.getStatus() == null) {
      resource.setStatus(new DataBucketStatus());
    }
    return resource.getStatus();
  }

  /** What a log line and an event compare before and after a reconcile. */
  private record Snapshot(Phase phase, boolean ready, String readyReason, Instant readySince) {
    static Snapshot of(DataBucketStatus status) {
      var ready = status.condition(Conditions.READY);
      return new Snapshot(
          status.getPhase(),
          ready.map(c -> Conditions.TRUE.equals(c.getStatus())).orElse(false),
          ready.map(c -> c.getReason()).orElse(null),
          ready.map(c -> Instant.parse(c.getLastTransitionTime())).orElse(null));
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Snapshot s && phase == s.phase && ready == s.ready && Objects.equals(readyReason, s.readyReason);
    }

    @Override
    public int hashCode() {
      return Objects.hash(phase, ready, readyReason);
    }
  }
}
