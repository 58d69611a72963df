package dev.flightdelay.operator.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flightdelay.api.v1alpha1.RestartPolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  @Test
  void doublesTheBackoffPerFailedAttemptUntilMaxAttempts() {
    RestartPolicy policy = new RestartPolicy();
    policy.setType(RestartPolicy.Type.OnFailure);
    policy.setMaxAttempts(4);
    policy.setBackoffSeconds(10);

    assertThat(RetryPolicy.nextAttemptAfter(policy, 1)).contains(Duration.ofSeconds(10));
    assertThat(RetryPolicy.nextAttemptAfter(policy, 2)).contains(Duration.ofSeconds(20));
    assertThat(RetryPolicy.nextAttemptAfter(policy, 3)).contains(Duration.ofSeconds(40));
    assertThat(RetryPolicy.nextAttemptAfter(policy, 4)).isEmpty();
  }

  @Test
  void neverRetriesWithoutOnFailure() {
    assertThat(RetryPolicy.nextAttemptAfter(null, 1)).isEmpty();
    RestartPolicy never = new RestartPolicy();
    never.setType(RestartPolicy.Type.Never);
    assertThat(RetryPolicy.nextAttemptAfter(never, 1)).isEmpty();
  }

  @Test
  void capsTheBackoffAtAnHour() {
    RestartPolicy policy = new RestartPolicy();
    policy.setType(RestartPolicy.Type.OnFailure);
    policy.setMaxAttempts(20);
    policy.setBackoffSeconds(3600);
    assertThat(RetryPolicy.nextAttemptAfter(policy, 19)).contains(Duration.ofHours(1));
  }
}
