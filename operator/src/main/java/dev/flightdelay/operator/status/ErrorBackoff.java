package dev.flightdelay.operator.status;

import java.time.Duration;
import java.time.Instant;

/**
 * How long to wait before retrying a cloud failure: 10 s after the first failure, then twice the
 * time it has been failing, up to 5 minutes, so a lasting outage is not retried hot.
 */
public final class ErrorBackoff {

  static final Duration MIN = Duration.ofSeconds(10);
  static final Duration MAX = Duration.ofMinutes(5);

  private ErrorBackoff() {}

  /**
   * @param ready the Ready condition before this reconcile
   * @param readySince when that condition last changed, null when never set
   */
  public static Duration after(boolean ready, Instant readySince, Instant now) {
    if (readySince == null || ready) {
      return MIN;
    }
    return shorter(longer(MIN, Duration.between(readySince, now).multipliedBy(2)), MAX);
  }

  public static Duration shorter(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  public static Duration longer(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
