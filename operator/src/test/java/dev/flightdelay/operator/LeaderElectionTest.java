package dev.flightdelay.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flightdelay.operator.databucket.DataBucketTestAccess;
import dev.flightdelay.testing.MotoExtension;
import dev.flightdelay.testing.MotoServer;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.time.Duration;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two replicas in one JVM, as the Helm chart runs them with replicaCount 2: one reconciles, the
 * other takes over when the first stops cleanly. LeaderFailoverIT kills a packaged one instead.
 */
@ExtendWith(MotoExtension.class)
class LeaderElectionTest {

  @AutoClose
  private OperatorHarness harness;

  @Test
  void onlyTheLeaseHolderReconcilesAndTheStandbyTakesOverWhenItStops(MotoServer moto) {
    harness = OperatorHarness.startWithLeaderElection(moto);
    await().atMost(Duration.ofSeconds(30)).until(() -> holder() != null);
    String firstLeader = holder();
    FlightDelayOperator standby = harness.startReplica();

    DataBucketTestAccess.createAndAwaitReady(harness, "led-by-first", "led-by-first");
    assertThat(standby.awsCalls()).as("AWS calls of the standby replica").isZero();
    assertThat(holder()).isEqualTo(firstLeader);

    long stopped = System.nanoTime();
    harness.stopOperator();
    DataBucketTestAccess.createAndAwaitReady(harness, "led-by-standby", "led-by-standby");
    Duration failover = Duration.ofNanos(System.nanoTime() - stopped);

    assertThat(holder()).isNotEqualTo(firstLeader);
    assertThat(standby.awsCalls()).isPositive();
    // The stopped leader does not let go of the Lease: the standby waits for it to expire.
    assertThat(failover).isLessThan(OperatorHarness.LEASE_TIMING.duration().plusSeconds(25));
    System.out.printf("failover: a DataBucket created when the leader stopped was Ready after %d ms%n", failover.toMillis());
  }

  private String holder() {
    Lease lease = harness.client().leases().inNamespace(OperatorHarness.NAMESPACE).withName(OperatorHarness.LEASE).get();
    return lease == null ? null : lease.getSpec().getHolderIdentity();
  }
}
