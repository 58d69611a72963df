package dev.flightdelay.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flightdelay.api.v1alpha1.DataBucket;
import dev.flightdelay.api.v1alpha1.DataBucketSpec;
import dev.flightdelay.api.v1alpha1.LocalObjectRef;
import dev.flightdelay.testing.MotoExtension;
import dev.flightdelay.testing.MotoServer;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.time.Duration;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Two replicas, as the Helm chart runs them with replicaCount 2: one reconciles, the other takes over. */
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

    createBucket("led-by-first");
    awaitReady("led-by-first");
    assertThat(standby.awsCalls()).as("AWS calls of the standby replica").isZero();
    assertThat(holder()).isEqualTo(firstLeader);

    long stopped = System.nanoTime();
    harness.stopOperator();
    createBucket("led-by-standby");
    awaitReady("led-by-standby");
    Duration failover = Duration.ofNanos(System.nanoTime() - stopped);

    assertThat(holder()).isNotEqualTo(firstLeader);
    assertThat(standby.awsCalls()).isPositive();
    // The stopped leader does not let go of the Lease: the standby waits for it to expire (15 s).
    assertThat(failover).isLessThan(Duration.ofSeconds(40));
    System.out.printf("failover: a DataBucket created when the leader stopped was Ready after %d ms%n", failover.toMillis());
  }

  private String holder() {
    Lease lease = harness.client().leases().inNamespace(OperatorHarness.NAMESPACE).withName(OperatorHarness.LEASE).get();
    return lease == null ? null : lease.getSpec().getHolderIdentity();
  }

  private void createBucket(String name) {
    DataBucket bucket = new DataBucket();
    bucket.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(OperatorHarness.NAMESPACE).build());
    DataBucketSpec spec = new DataBucketSpec();
    spec.setBucketName(name);
    spec.setCredentialsSecretRef(new LocalObjectRef(OperatorHarness.CREDENTIALS_SECRET));
    bucket.setSpec(spec);
    harness.client().resource(bucket).create();
  }

  private void awaitReady(String name) {
    await().atMost(Duration.ofSeconds(60)).until(() -> {
      DataBucket seen = harness.client().resources(DataBucket.class).inNamespace(OperatorHarness.NAMESPACE).withName(name).get();
      return seen.getStatus() != null
          && seen.getStatus().condition("Ready").map(c -> "True".equals(c.getStatus())).orElse(false);
    });
  }
}
