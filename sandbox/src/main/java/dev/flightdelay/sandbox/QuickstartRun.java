package dev.flightdelay.sandbox;

import dev.flightdelay.api.v1alpha1.DataBucket;
import dev.flightdelay.api.v1alpha1.DataBucketStatus;
import dev.flightdelay.api.v1alpha1.DelayAnalysis;
import dev.flightdelay.api.v1alpha1.DelayAnalysisStatus;
import dev.flightdelay.api.v1alpha1.FlightDelayStatus;
import dev.flightdelay.api.v1alpha1.SparkHost;
import dev.flightdelay.api.v1alpha1.SparkHostStatus;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The quick start applied to the sandbox and followed to its end: Succeeded (with the ranking)
 * or the first resource that failed, with its Ready condition's reason and message.
 */
final class QuickstartRun {

  private static final Duration POLL = Duration.ofMillis(200);

  /** How the run ended: the analysis that succeeded, or what failed and why. */
  record Outcome(DelayAnalysis analysis, String failed, String reason, String message, Instant bucketReady,
      Instant succeeded) {

    boolean success() {
      return failed == null;
    }
  }

  private final KubernetesClient client;
  private final ProgressScreen screen;
  private final Duration timeout;

  QuickstartRun(KubernetesClient client, ProgressScreen screen, Duration timeout) {
    this.client = client;
    this.screen = screen;
    this.timeout = timeout;
  }

  /** Applies the quick start (and host, when not null) and waits for its end. */
  Outcome run(Quickstart quickstart, SparkHost host) {
    quickstart.apply(client);
    if (host != null) {
      client.resource(host).inNamespace(Quickstart.NAMESPACE).create();
    }
    Instant deadline = Instant.now().plus(timeout);
    Instant bucketReady = null;
    while (true) {
      DataBucket bucket = get(DataBucket.class, quickstart.bucket());
      DelayAnalysis analysis = get(DelayAnalysis.class, quickstart.analysis());
      SparkHost sparkHost = host == null ? null : get(SparkHost.class, host);
      Instant now = Instant.now();
      screen.show(bucket, analysis, sparkHost, now);
      DataBucketStatus.Phase bucketPhase = bucket.getStatus() == null ? null : bucket.getStatus().getPhase();
      DelayAnalysisStatus.Phase phase = analysis.getStatus() == null ? null : analysis.getStatus().getPhase();
      if (bucketReady == null && bucketPhase == DataBucketStatus.Phase.Ready) {
        bucketReady = now;
      }
      if (phase == DelayAnalysisStatus.Phase.Succeeded) {
        return new Outcome(analysis, null, null, null, bucketReady, now);
      }
      if (phase == DelayAnalysisStatus.Phase.Failed) {
        return failure(analysis, analysis.getStatus(), bucketReady);
      }
      if (bucketPhase == DataBucketStatus.Phase.Failed) {
        return failure(bucket, bucket.getStatus(), bucketReady);
      }
      if (sparkHost != null && sparkHost.getStatus() != null
          && sparkHost.getStatus().getPhase() == SparkHostStatus.Phase.Failed) {
        return failure(sparkHost, sparkHost.getStatus(), bucketReady);
      }
      if (now.isAfter(deadline)) {
        HasMetadata waiting = bucketPhase == DataBucketStatus.Phase.Ready ? analysis : bucket;
        FlightDelayStatus status = waiting == analysis ? analysis.getStatus() : bucket.getStatus();
        Outcome stuck = failure(waiting, status, bucketReady);
        return new Outcome(null, stuck.failed(), "Timeout", "not done after " + timeout.toMinutes() + " min; "
            + stuck.reason() + ": " + stuck.message(), bucketReady, null);
      }
      Sandbox.sleep(POLL);
    }
  }

  private static Outcome failure(HasMetadata resource, FlightDelayStatus status, Instant bucketReady) {
    Optional<Condition> ready = status == null ? Optional.empty() : status.condition("Ready");
    return new Outcome(null, resource.getKind() + "/" + resource.getMetadata().getName(),
        ready.map(Condition::getReason).orElse("Unknown"), ready.map(Condition::getMessage).orElse("no Ready condition"),
        bucketReady, null);
  }

  private <T extends HasMetadata> T get(Class<T> type, HasMetadata object) {
    T found = client.resources(type).inNamespace(Quickstart.NAMESPACE).withName(object.getMetadata().getName()).get();
    if (found == null) {
      throw new IllegalStateException(object.getKind() + "/" + object.getMetadata().getName() + " was deleted");
    }
    return found;
  }

  /** When the job wrote its summary (the end of the Spark run as the driver saw it). */
  static Optional<Instant> summaryWritten(Path runs, DelayAnalysis analysis) {
    DelayAnalysisStatus status = analysis.getStatus();
    if (status == null || status.getDriverPod() == null) {
      return Optional.empty();
    }
    Path summary = runs.resolve(analysis.getMetadata().getNamespace()).resolve(analysis.getMetadata().getUid())
        .resolve(status.getDriverPod()).resolve("summary.json");
    try {
      return Optional.of(Files.getLastModifiedTime(summary).toInstant());
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
