package dev.flightdelay.operator.analysis;

/**
 * What a runner saw of an attempt's driver.
 *
 * @param state where the driver is
 * @param reason a CamelCase reason when it failed or is stuck (e.g. ImagePullBackOff)
 * @param message what happened, for status and events
 * @param summary the job's summary (its termination message) once it terminated, else null
 */
public record AttemptObservation(State state, String reason, String message, String summary) {

  /** The driver's life, as far as the operator cares. */
  public enum State {
    MISSING,
    PENDING,
    RUNNING,
    SUCCEEDED,
    FAILED
  }

  public static AttemptObservation of(State state) {
    return new AttemptObservation(state, null, null, null);
  }
}
