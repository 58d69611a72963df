package dev.flightdelay.operator.status;

import dev.flightdelay.api.v1alpha1.FlightDelayStatus;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.OperatorException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.RetryInfo;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * JOSDK's error-status hook, the same for every kind: an exception a reconcile did not handle
 * itself (but a status that moved on under it, which is only retried) is said in status (Ready=False, reason {@value #REASON}) and the reconcile is retried
 * with JOSDK's back-off. Only the Ready condition of the stored status changes: what the failed
 * reconcile had changed in its own copy is not written. The message names the exception and its
 * causes by type only, as their messages may quote requests, responses or Secret data; the
 * operator's log has the stack trace.
 */
public final class ReconcileErrors {

  public static final String REASON = "ReconcileError";

  private final StatusWriter statusWriter;
  private final EventRecorder events;
  private final Clock clock;

  public ReconcileErrors(StatusWriter statusWriter, EventRecorder events, Clock clock) {
    this.statusWriter = statusWriter;
    this.events = events;
    this.clock = clock;
  }

  /**
   * Records e on the resource, then lets JOSDK retry.
   *
   * @param emptyStatus the kind's status, for a resource that has none yet
   */
  public <S extends FlightDelayStatus, R extends CustomResource<?, S>> ErrorStatusUpdateControl<R> report(
      R resource, Context<R> context, Exception e, Supplier<S> emptyStatus) {
    if (e instanceof StatusWriter.StatusMovedOn) {
      // Not an error: the retry reconciles again from the status that moved on.
      return ErrorStatusUpdateControl.noStatusUpdate();
    }
    String message = message(e, context.getRetryInfo());
    boolean[] reportedBefore = new boolean[1];
    R written = statusWriter.apply(resource, latest -> {
      if (latest.getStatus() == null) {
        latest.setStatus(emptyStatus.get());
      }
      reportedBefore[0] = latest.getStatus().condition(Conditions.READY).map(c -> REASON.equals(c.getReason())).orElse(false);
      Conditions.set(latest.getStatus(), Conditions.READY, false, REASON, message, latest.getMetadata().getGeneration(),
          clock.instant());
    });
    // After the write that records it, and once a run of failures: a retry does not repeat it.
    if (written != null && !reportedBefore[0]) {
      events.warning(resource, REASON, message);
    }
    return ErrorStatusUpdateControl.noStatusUpdate();
  }

  static String message(Exception e, Optional<RetryInfo> retry) {
    List<String> types = new ArrayList<>();
    Throwable thrown = e;
    // JOSDK wraps what a reconciler throws: the reconciler's own exception is the one to name.
    while (thrown instanceof OperatorException && thrown.getCause() != null) {
      thrown = thrown.getCause();
    }
    for (Throwable t = thrown; t != null && types.size() < 4; t = t.getCause() == t ? null : t.getCause()) {
      types.add(t.getClass().getSimpleName());
    }
    String what = types.get(0) + (types.size() > 1 ? " (caused by " + String.join(", ", types.subList(1, types.size())) + ")" : "");
    String next = retry.filter(RetryInfo::isLastAttempt).isPresent()
        ? "retries used up: tried again at the next change or resync"
        : "retried with back-off";
    return "unexpected " + what + " while reconciling; " + next + "; the operator log has the details";
  }
}
