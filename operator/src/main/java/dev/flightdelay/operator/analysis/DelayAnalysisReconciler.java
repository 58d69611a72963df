package dev.flightdelay.operator.analysis;

import dev.flightdelay.api.v1alpha1.AttemptRecord;
import dev.flightdelay.api.v1alpha1.DataBucket;
import dev.flightdelay.api.v1alpha1.DelayAnalysis;
import dev.flightdelay.api.v1alpha1.DelayAnalysisSpec;
import dev.flightdelay.api.v1alpha1.DelayAnalysisStatus;
import dev.flightdelay.api.v1alpha1.DelayAnalysisStatus.Phase;
import dev.flightdelay.api.v1alpha1.SparkSpec;
import dev.flightdelay.operator.OperatorConfig;
import dev.flightdelay.operator.policy.TenancyPolicy;
import dev.flightdelay.operator.status.ReconcileErrors;
import dev.flightdelay.operator.status.Conditions;
import dev.flightdelay.operator.status.EventRecorder;
import dev.flightdelay.operator.status.StatusWriter;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a DelayAnalysis: observe (spec, input, the current attempt's driver), act (start an
 * attempt, retry, time out, collect results), record status, in that order every reconcile.
 * A run belongs to one generation: a new spec starts a new run; an unchanged spec never reruns.
 * Names of an attempt are recorded in status before its driver is created, so a restart finds it.
 */
@ControllerConfiguration(name = "delayanalysis")
public final class DelayAnalysisReconciler implements Reconciler<DelayAnalysis>, Cleaner<DelayAnalysis> {

  static final String BUCKET_INDEX = "dataBucketRef";
  private static final Logger LOG = LoggerFactory.getLogger(DelayAnalysisReconciler.class);
  private static final int HISTORY_LIMIT = 20;

  private final OperatorConfig config;
  private final ServiceAccountCheck serviceAccounts;
  private final AnalysisValidator validator;
  private final InputResolver inputs;
  private final KubernetesRunner kubernetes;
  private final LocalJobRunner local;
  private final StatusWriter statusWriter;
  private final EventRecorder events;
  private final AnalysisMetrics metrics;
  private final Clock clock;
  private final ReconcileErrors errors;

  DelayAnalysisReconciler(OperatorConfig config, KubernetesClient client, InputResolver inputs, KubernetesRunner kubernetes,
      LocalJobRunner local, StatusWriter statusWriter, EventRecorder events, AnalysisMetrics metrics, Clock clock) {
    this.config = config;
    this.validator = new AnalysisValidator(config.policy(), config.images());
    this.serviceAccounts = new ServiceAccountCheck(client, clock);
    this.inputs = inputs;
    this.kubernetes = kubernetes;
    this.local = local;
    this.statusWriter = statusWriter;
    this.events = events;
    this.metrics = metrics;
    this.clock = clock;
    this.errors = new ReconcileErrors(statusWriter, events, clock);
  }

  @Override
  public List<EventSource<?, DelayAnalysis>> prepareEventSources(EventSourceContext<DelayAnalysis> context) {
    context.getPrimaryCache().addIndexer(BUCKET_INDEX, analysis -> bucketKey(analysis).map(List::of).orElse(List.of()));
    InformerEventSource<Pod, DelayAnalysis> drivers = new InformerEventSource<>(
        InformerEventSourceConfiguration.from(Pod.class, DelayAnalysis.class)
            .withName("drivers")
            .withLabelSelector(DriverLabels.SELECTOR)
            .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(DelayAnalysis.class))
            .withNamespacesInheritedFromController()
            .build(),
        context);
    InformerEventSource<DataBucket, DelayAnalysis> buckets = new InformerEventSource<>(
        InformerEventSourceConfiguration.from(DataBucket.class, DelayAnalysis.class)
            .withName("buckets")
            .withSecondaryToPrimaryMapper(bucket -> context.getPrimaryCache()
                .byIndex(BUCKET_INDEX, bucket.getMetadata().getNamespace() + "/" + bucket.getMetadata().getName())
                .stream().map(ResourceID::fromResource).collect(Collectors.toSet()))
            .withPrimaryToSecondaryMapper((DelayAnalysis analysis) -> bucketKey(analysis)
                .map(key -> Set.of(new ResourceID(analysis.getSpec().getDataBucketRef().getName(),
                    analysis.getMetadata().getNamespace())))
                .orElse(Set.of()))
            .withNamespacesInheritedFromController()
            .build(),
        context);
    SimpleInboundEventSource<DelayAnalysis> localRuns = new SimpleInboundEventSource<>("local-runs");
    local.notifyOnExit(localRuns::propagateEvent);
    return List.of(drivers, buckets, localRuns);
  }

  @Override
  public UpdateControl<DelayAnalysis> reconcile(DelayAnalysis resource, Context<DelayAnalysis> context) {
    DelayAnalysisStatus status = statusOf(resource);
    String before = Serialization.asJson(status);
    Phase phaseBefore = status.getPhase();
    long generation = resource.getMetadata().getGeneration();
    Instant now = clock.instant();

    if (!Long.valueOf(generation).equals(status.getObservedGeneration())) {
      startNewRun(resource, status, generation);
    }
    if (validator.validate(resource) instanceof AnalysisValidator.Invalid invalid) {
      // Nothing is created and nothing is retried: only a new spec (a new generation) mends it.
      return refuse(resource, context, status, invalid, before, phaseBefore);
    }
    if (status.getPhase() == Phase.Succeeded || status.getPhase() == Phase.Failed) {
      return finish(resource, context, before, phaseBefore, afterRun(resource, status, now));
    }
    AttemptRunner runner = runnerFor(resource);
    boolean attemptActive = isActive(status);

    InputResolver.Resolution input = inputs.resolve(resource, context.getSecondaryResource(DataBucket.class));
    if (input instanceof InputResolver.Waiting waiting && !attemptActive) {
      // Re-queued by the DataBucket informer when it changes; the resync only as a safety net.
      status.setPhase(Phase.WaitingForData);
      status.setMessage(waiting.message());
      Conditions.set(status, Conditions.READY, false, waiting.reason(), waiting.message(), generation, now);
      if (phaseBefore != Phase.WaitingForData) {
        events.normal(resource, "WaitingForData", waiting.message());
      }
      return finish(resource, context, before, phaseBefore, config.resyncInterval());
    }
    if (!attemptActive && resource.getSpec().getRunner() != DelayAnalysisSpec.Runner.local) {
      String account = SparkConfFactory.serviceAccount(
          resource.getSpec().getSpark() == null ? new SparkSpec() : resource.getSpec().getSpark());
      if (!serviceAccounts.exists(resource.getMetadata().getNamespace(), account)) {
        String message = "ServiceAccount " + account + " does not exist in " + resource.getMetadata().getNamespace()
            + "; the driver needs it to create executors (see examples/spark-rbac.yaml)";
        status.setPhase(Phase.Pending);
        status.setMessage(message);
        Conditions.set(status, Conditions.READY, false, "ServiceAccountMissing", message, generation, now);
        if (!"ServiceAccountMissing".equals(readyReason(before))) {
          events.warning(resource, "ServiceAccountMissing", message);
        }
        return finish(resource, context, before, phaseBefore, config.resyncInterval());
      }
    }
    if (!attemptActive && status.getNextAttemptTime() != null) {
      Instant next = Instant.parse(status.getNextAttemptTime());
      if (now.isBefore(next)) {
        return finish(resource, context, before, phaseBefore, Duration.between(now, next));
      }
    }
    DataAccess access = input instanceof InputResolver.Available available ? available.access() : null;
    if (access != null && !attemptActive && runner == local && usesOperatorIdentity(resource, access)) {
      return refuse(resource, context, status, AnalysisValidator.Invalid.forbidden(new TenancyPolicy.Refusal("spec.runner",
          "a local job without a credentials Secret would read S3 as the operator itself, which namespace "
              + resource.getMetadata().getNamespace() + " is not allowed (FLIGHTDELAY_OPERATOR_IDENTITY_NAMESPACES)")),
          before, phaseBefore);
    }
    boolean fresh = !attemptActive;
    if (fresh) {
      beginAttempt(resource, context, status, generation, now);
    }
    AttemptNames names = AttemptNames.of(resource, generation, status.getAttempts());
    // A fresh attempt's names are new: nothing can exist under them yet, so no need to look.
    AttemptObservation seen = fresh ? AttemptObservation.of(AttemptObservation.State.MISSING)
        : runner.observe(resource, names, context);
    Duration requeue = switch (seen.state()) {
      case MISSING -> {
        if (status.getPhase() == Phase.Pending) {
          if (access == null) {
            yield config.resyncInterval();
          }
          yield submit(resource, status, runner, names, access, generation);
        }
        yield attemptFailed(resource, status, seen.reason() == null ? "DriverPodMissing" : seen.reason(),
            seen.message() == null ? "driver pod " + names.driverPod() + " disappeared" : seen.message(), generation);
      }
      case PENDING -> pending(resource, status, runner, names, access, seen, generation);
      case RUNNING -> {
        if (status.getPhase() != Phase.Running) {
          status.setPhase(Phase.Running);
          lastAttempt(status).setPhase(Phase.Running.name());
          events.normal(resource, "Running", "driver " + names.driverPod() + " is running");
        }
        setProgress(status, Phase.Running, "driver " + names.driverPod() + " is running", generation);
        yield config.resyncInterval();
      }
      case SUCCEEDED -> succeeded(resource, status, seen, generation);
      case FAILED -> attemptFailed(resource, status, seen.reason(), failureMessage(seen), generation);
    };
    return finish(resource, context, before, phaseBefore, requeue);
  }

  /** An exception the reconcile did not handle: said in Ready, retried with back-off. */
  @Override
  public ErrorStatusUpdateControl<DelayAnalysis> updateErrorStatus(DelayAnalysis resource, Context<DelayAnalysis> context, Exception e) {
    return errors.report(resource, context, e, DelayAnalysisStatus::new);
  }

  @Override
  public DeleteControl cleanup(DelayAnalysis resource, Context<DelayAnalysis> context) {
    // Driver pods go with their owner (the garbage collector); local runs die with the resource.
    local.stopAll(resource);
    return DeleteControl.defaultDelete();
  }

  /** Nothing is created and nothing is retried: only a new spec (a new generation) mends it. */
  private UpdateControl<DelayAnalysis> refuse(DelayAnalysis resource, Context<DelayAnalysis> context,
      DelayAnalysisStatus status, AnalysisValidator.Invalid invalid, String before, Phase phaseBefore) {
    long generation = resource.getMetadata().getGeneration();
    boolean reported = status.getPhase() == Phase.Failed && status.condition(Conditions.READY)
        .map(c -> invalid.reason().equals(c.getReason()) && invalid.text().equals(c.getMessage())).orElse(false);
    status.setPhase(Phase.Failed);
    status.setMessage(invalid.text());
    Conditions.set(status, Conditions.READY, false, invalid.reason(), invalid.text(), generation, clock.instant());
    if (!reported) {
      events.warning(resource, invalid.reason(), invalid.text());
    }
    return finish(resource, context, before, phaseBefore, null);
  }

  /** A local job reads S3 with the Secret it is given, else with whatever identity the operator's pod has. */
  private boolean usesOperatorIdentity(DelayAnalysis resource, DataAccess access) {
    return access.s3() != null && access.s3().credentialsSecret() == null
        && !config.policy().operatorIdentityNamespaces().contains(resource.getMetadata().getNamespace());
  }

  /** A new generation: the run of the old spec, if any, is stopped and the new one starts afresh. */
  private void startNewRun(DelayAnalysis resource, DelayAnalysisStatus status, long generation) {
    if (isActive(status) && status.getObservedGeneration() != null) {
      AttemptNames old = AttemptNames.of(resource, status.getObservedGeneration(), status.getAttempts());
      kubernetes.stop(resource, old);
      local.stop(resource, old);
      AttemptRecord last = lastAttempt(status);
      last.setPhase("Superseded");
      last.setReason("SpecChanged");
      last.setEndTime(timestamp(clock.instant()));
      events.normal(resource, "SpecChanged", "spec changed: stopped " + old.driverPod() + ", starting a new run");
    }
    status.setObservedGeneration(generation);
    status.setPhase(Phase.Pending);
    status.setMessage(null);
    status.setAttempts(0);
    status.setApplicationId(null);
    status.setDriverPod(null);
    status.setStartTime(null);
    status.setFinishTime(null);
    status.setNextAttemptTime(null);
    status.setDurationMillis(null);
    status.setInput(null);
    status.setSchema(null);
    status.setRowsRead(null);
    status.setRowsRejected(null);
    status.setFlights(null);
    status.setMostDelayedCarrier(null);
    status.setCarriers(new ArrayList<>());
    status.setResultsUri(null);
    status.setChartUri(null);
    status.setSparkVersion(null);
  }

  /** Records the next attempt's names before anything is created. */
  private void beginAttempt(DelayAnalysis resource, Context<DelayAnalysis> context, DelayAnalysisStatus status,
      long generation, Instant now) {
    int attempt = (status.getAttempts() == null ? 0 : status.getAttempts()) + 1;
    AttemptNames names = AttemptNames.of(resource, generation, attempt);
    status.setAttempts(attempt);
    status.setApplicationId(names.applicationId());
    status.setDriverPod(names.driverPod());
    status.setPhase(Phase.Pending);
    status.setNextAttemptTime(null);
    if (status.getStartTime() == null) {
      status.setStartTime(timestamp(now));
    }
    AttemptRecord record = new AttemptRecord();
    record.setAttempt(attempt);
    record.setApplicationId(names.applicationId());
    record.setDriverPod(names.driverPod());
    record.setPhase(Phase.Pending.name());
    record.setStartTime(timestamp(now));
    List<AttemptRecord> history = new ArrayList<>(status.getHistory() == null ? List.of() : status.getHistory());
    history.add(record);
    while (history.size() > HISTORY_LIMIT) {
      history.remove(0);
    }
    status.setHistory(history);
    setProgress(status, Phase.Pending, "submitting attempt " + attempt, generation);
    statusWriter.write(resource, context);
  }

  private Duration submit(DelayAnalysis resource, DelayAnalysisStatus status, AttemptRunner runner, AttemptNames names,
      DataAccess access, long generation) {
    Instant started = clock.instant();
    boolean created;
    try {
      created = runner.start(resource, names, access);
    } catch (AttemptRunner.RunnerException e) {
      return attemptFailed(resource, status, e.reason(), e.getMessage(), generation);
    }
    metrics.submitted(Duration.between(started, clock.instant()));
    status.setPhase(Phase.Submitted);
    lastAttempt(status).setPhase(Phase.Submitted.name());
    String where = runner == local ? "local driver " : "driver pod ";
    setProgress(status, Phase.Submitted, where + names.driverPod() + " submitted (attempt " + status.getAttempts() + ")", generation);
    events.normal(resource, "Submitted", (created ? "submitted " : "found already submitted ") + where + names.driverPod()
        + " for application " + names.applicationId());
    return startTimeout(resource);
  }

  private Duration pending(DelayAnalysis resource, DelayAnalysisStatus status, AttemptRunner runner, AttemptNames names,
      DataAccess access, AttemptObservation seen, long generation) {
    if (status.getPhase() == Phase.Pending && access != null) {
      // Created by an operator that died before recording it: submitting again adopts the pod
      // and makes any of its dependents that the crash left out.
      return submit(resource, status, runner, names, access, generation);
    }
    Instant deadline = Instant.parse(lastAttempt(status).getStartTime()).plus(startTimeout(resource));
    Instant now = clock.instant();
    if (!now.isBefore(deadline)) {
      runner.stop(resource, names);
      return attemptFailed(resource, status, "DriverStartTimeout", "driver " + names.driverPod() + " did not start within "
          + startTimeout(resource).toSeconds() + "s" + (seen.reason() == null ? "" : " (" + seen.reason() + ")"), generation);
    }
    if (seen.reason() != null) {
      setProgress(status, Phase.Submitted, "waiting for driver " + names.driverPod() + " to start: " + seen.reason(),
          generation);
    }
    return Duration.between(now, deadline).plusMillis(100);
  }

  private Duration succeeded(DelayAnalysis resource, DelayAnalysisStatus status, AttemptObservation seen, long generation) {
    Optional<JobSummary> summary = JobSummary.parse(seen.summary());
    if (summary.isEmpty() || !summary.get().ranked()) {
      return attemptFailed(resource, status, "NoResults",
          "driver succeeded but left no summary in its termination message", generation);
    }
    Instant now = clock.instant();
    summary.get().copyTo(status, resource.getSpec().getTopN() == null ? 10 : resource.getSpec().getTopN());
    status.setPhase(Phase.Succeeded);
    status.setFinishTime(timestamp(now));
    AttemptRecord last = lastAttempt(status);
    last.setPhase(Phase.Succeeded.name());
    last.setEndTime(timestamp(now));
    String message = status.getMostDelayedCarrier() == null
        ? "no carrier had enough flights to rank"
        : "most delayed carrier: " + status.getMostDelayedCarrier() + " of " + status.getFlights() + " flights";
    status.setMessage(message);
    Conditions.set(status, Conditions.READY, true, "Succeeded", message, generation, now);
    events.normal(resource, "Succeeded", message);
    metrics.runEnded("succeeded");
    return afterRun(resource, status, now);
  }

  /** An attempt ended badly: retried after the back-off, or the run fails. */
  private Duration attemptFailed(DelayAnalysis resource, DelayAnalysisStatus status, String reason, String message,
      long generation) {
    Instant now = clock.instant();
    AttemptRecord last = lastAttempt(status);
    last.setPhase(Phase.Failed.name());
    last.setReason(reason);
    last.setEndTime(timestamp(now));
    int attempts = status.getAttempts();
    events.warning(resource, reason, "attempt " + attempts + " failed: " + message);
    Optional<Duration> retry = RetryPolicy.nextAttemptAfter(resource.getSpec().getRestartPolicy(), attempts);
    if (retry.isPresent()) {
      Instant next = now.plus(retry.get());
      status.setPhase(Phase.Retrying);
      status.setNextAttemptTime(timestamp(next));
      String text = "attempt " + attempts + " of " + RetryPolicy.maxAttempts(resource.getSpec().getRestartPolicy())
          + " failed (" + reason + ": " + message + "); next attempt at " + timestamp(next);
      status.setMessage(text);
      Conditions.set(status, Conditions.READY, false, "Retrying", text, generation, now);
      events.normal(resource, "Retrying", text);
      return Duration.between(now, next).plusMillis(100);
    }
    status.setPhase(Phase.Failed);
    status.setFinishTime(timestamp(now));
    String text = "attempt " + attempts + " failed (" + reason + "): " + message;
    status.setMessage(text);
    Conditions.set(status, Conditions.READY, false, reason, text, generation, now);
    events.warning(resource, "Failed", "run failed after " + attempts + " attempt(s): " + message);
    metrics.runEnded("failed");
    return afterRun(resource, status, now);
  }

  /** After a run: the driver is removed ttlSecondsAfterFinished after the end, if set. */
  private Duration afterRun(DelayAnalysis resource, DelayAnalysisStatus status, Instant now) {
    Integer ttl = resource.getSpec().getTtlSecondsAfterFinished();
    if (ttl == null || status.getFinishTime() == null) {
      return null;
    }
    Instant due = Instant.parse(status.getFinishTime()).plusSeconds(ttl);
    if (now.isBefore(due)) {
      return Duration.between(now, due).plusMillis(100);
    }
    if (runnerFor(resource).removeFinished(resource)) {
      events.normal(resource, "DriverRemoved", "removed the driver of the finished run (ttlSecondsAfterFinished: " + ttl + ")");
    }
    return null;
  }

  private static String failureMessage(AttemptObservation seen) {
    return JobSummary.parse(seen.summary()).map(JobSummary::error).map(error -> seen.message() + ": " + error)
        .orElse(seen.summary() == null || seen.summary().isBlank() ? seen.message() : seen.message() + ": " + tail(seen.summary()));
  }

  private static String tail(String text) {
    String trimmed = text.strip();
    return trimmed.length() <= 1000 ? trimmed : "..." + trimmed.substring(trimmed.length() - 1000);
  }

  private void setProgress(DelayAnalysisStatus status, Phase phase, String message, long generation) {
    status.setMessage(message);
    Conditions.set(status, Conditions.READY, false, phase.name(), message, generation, clock.instant());
  }

  private Duration startTimeout(DelayAnalysis resource) {
    Integer seconds = resource.getSpec().getDriverStartTimeoutSeconds();
    return Duration.ofSeconds(seconds == null ? 300 : seconds);
  }

  private AttemptRunner runnerFor(DelayAnalysis resource) {
    return resource.getSpec().getRunner() == DelayAnalysisSpec.Runner.local ? local : kubernetes;
  }

  private UpdateControl<DelayAnalysis> finish(DelayAnalysis resource, Context<DelayAnalysis> context, String before,
      Phase phaseBefore, Duration requeue) {
    if (!Serialization.asJson(resource.getStatus()).equals(before)) {
      statusWriter.write(resource, context);
    }
    if (phaseBefore != resource.getStatus().getPhase()) {
      LOG.info("DelayAnalysis {}/{}: phase {} -> {}", resource.getMetadata().getNamespace(),
          resource.getMetadata().getName(), phaseBefore, resource.getStatus().getPhase());
    }
    UpdateControl<DelayAnalysis> control = UpdateControl.noUpdate();
    return requeue == null ? control : control.rescheduleAfter(requeue);
  }

  private static String readyReason(String statusJson) {
    DelayAnalysisStatus status = Serialization.unmarshal(statusJson, DelayAnalysisStatus.class);
    return status.condition(Conditions.READY).map(c -> c.getReason()).orElse(null);
  }

  /** An attempt has names in status and has not ended. */
  private static boolean isActive(DelayAnalysisStatus status) {
    return status.getDriverPod() != null
        && (status.getPhase() == Phase.Pending || status.getPhase() == Phase.Submitted || status.getPhase() == Phase.Running);
  }

  private static AttemptRecord lastAttempt(DelayAnalysisStatus status) {
    return status.getHistory().get(status.getHistory().size() - 1);
  }

  private static Optional<String> bucketKey(DelayAnalysis analysis) {
    if (analysis.getSpec() == null || analysis.getSpec().getDataBucketRef() == null
        || analysis.getSpec().getDataBucketRef().getName() == null) {
      return Optional.empty();
    }
    return Optional.of(analysis.getMetadata().getNamespace() + "/" + analysis.getSpec().getDataBucketRef().getName());
  }

  private static String timestamp(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  private static DelayAnalysisStatus statusOf(DelayAnalysis resource) {
    if (resource.getStatus() == null) {
      resource.setStatus(new DelayAnalysisStatus());
    }
    return resource.getStatus();
  }
}
