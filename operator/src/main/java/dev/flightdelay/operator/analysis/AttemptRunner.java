package dev.flightdelay.operator.analysis;

import dev.flightdelay.api.v1alpha1.DelayAnalysis;
import io.javaoperatorsdk.operator.api.reconciler.Context;

/** Runs the driver of an attempt somewhere: a Kubernetes pod, or a child JVM of the operator. */
public interface AttemptRunner {

  /** Starts the driver; false when it already existed (a restarted operator found it). */
  boolean start(DelayAnalysis analysis, AttemptNames names, DataAccess access) throws RunnerException;

  AttemptObservation observe(DelayAnalysis analysis, AttemptNames names, Context<DelayAnalysis> context);

  /** Stops the driver of an attempt that must not go on (timed out, superseded, deleted). */
  void stop(DelayAnalysis analysis, AttemptNames names);

  /** Removes what finished attempts left (ttlSecondsAfterFinished); true when something was removed. */
  boolean removeFinished(DelayAnalysis analysis);

  /** A driver that cannot be started for a reason the user can act on. */
  final class RunnerException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String reason;

    public RunnerException(String reason, String message, Throwable cause) {
      super(message, cause);
      this.reason = reason;
    }

    public String reason() {
      return reason;
    }
  }
}
