package dev.flightdelay.operator.analysis;

import dev.flightdelay.api.v1alpha1.RestartPolicy;
import java.time.Duration;
import java.util.Optional;

/** Whether a failed attempt is retried, and after how long: backoffSeconds, doubled per further attempt. */
public final class RetryPolicy {

  private static final Duration MAX_BACKOFF = Duration.ofHours(1);

  private RetryPolicy() {}

  /** The wait before the next attempt after attemptsMade failed ones; empty when there is none. */
  public static Optional<Duration> nextAttemptAfter(RestartPolicy policy, int attemptsMade) {
    if (policy == null || policy.getType() != RestartPolicy.Type.OnFailure) {
      return Optional.empty();
    }
    int max = policy.getMaxAttempts() == null ? 3 : policy.getMaxAttempts();
    if (attemptsMade >= max) {
      return Optional.empty();
    }
    long base = policy.getBackoffSeconds() == null ? 10 : policy.getBackoffSeconds();
    int doublings = Math.min(Math.max(attemptsMade - 1, 0), 20);
    Duration wait = Duration.ofSeconds(base).multipliedBy(1L << doublings);
    return Optional.of(wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait);
  }

  public static int maxAttempts(RestartPolicy policy) {
    if (policy == null || policy.getType() != RestartPolicy.Type.OnFailure) {
      return 1;
    }
    return policy.getMaxAttempts() == null ? 3 : policy.getMaxAttempts();
  }
}
