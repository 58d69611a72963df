package dev.flightdelay.operator.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.flightdelay.api.v1alpha1.DataBucket;
import dev.flightdelay.api.v1alpha1.DataBucketSpec;
import dev.flightdelay.api.v1alpha1.DataBucketStatus;
import dev.flightdelay.testing.KubernetesMockApi;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class StatusWriterTest {

  @Test
  void writesStatusWithoutTouchingSpecAndWatchersSeeIt() {
    try (KubernetesMockApi api = KubernetesMockApi.startWithCrds()) {
      DataBucket created = createBucket(api);
      List<DataBucketStatus.Phase> seen = new CopyOnWriteArrayList<>();
      var watch = api.client().resources(DataBucket.class).inNamespace("default").watch(new Watcher<>() {
        @Override
        public void eventReceived(Action action, DataBucket resource) {
          if (resource.getStatus() != null) {
            seen.add(resource.getStatus().getPhase());
          }
        }

        @Override
        public void onClose(WatcherException cause) {}
      });

      created.setStatus(new DataBucketStatus());
      created.getStatus().setPhase(DataBucketStatus.Phase.Provisioning);
      new StatusWriter(api.client()).write(created);
      dev.flightdelay.api.v1alpha1.SeedStatus seed = new dev.flightdelay.api.v1alpha1.SeedStatus();
      seed.setKey("a.csv");
      seed.setState(dev.flightdelay.api.v1alpha1.SeedStatus.State.Loading);
      created.getStatus().setSeeds(List.of(seed));
      new StatusWriter(api.client()).write(created);
      seed.setState(dev.flightdelay.api.v1alpha1.SeedStatus.State.Loaded);
      created.getStatus().setPhase(DataBucketStatus.Phase.Ready);
      new StatusWriter(api.client()).write(created);

      DataBucket stored = api.client().resources(DataBucket.class).inNamespace("default").withName("b").get();
      assertThat(stored.getSpec().getBucketName()).isEqualTo("my-bucket");
      assertThat(stored.getStatus().getPhase()).isEqualTo(DataBucketStatus.Phase.Ready);
      assertThat(stored.getStatus().getSeeds()).extracting(s -> s.getState()).containsExactly(dev.flightdelay.api.v1alpha1.SeedStatus.State.Loaded);
      await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
          assertThat(seen).containsExactly(DataBucketStatus.Phase.Provisioning, DataBucketStatus.Phase.Provisioning, DataBucketStatus.Phase.Ready));
      watch.close();
    }
  }

  @Test
  void writesOverAChangeMadeSinceTheResourceWasRead() {
    try (KubernetesMockApi api = KubernetesMockApi.startWithCrds()) {
      DataBucket read = createBucket(api);
      api.client().resources(DataBucket.class).inNamespace("default").withName("b")
          .edit(b -> {
            b.getSpec().setVersioning(true);
            return b;
          });

      read.setStatus(new DataBucketStatus());
      read.getStatus().setPhase(DataBucketStatus.Phase.Provisioning);
      new StatusWriter(api.client()).write(read);

      DataBucket stored = api.client().resources(DataBucket.class).inNamespace("default").withName("b").get();
      assertThat(stored.getStatus().getPhase()).isEqualTo(DataBucketStatus.Phase.Provisioning);
      assertThat(stored.getSpec().getVersioning()).isTrue();
      assertThat(read.getMetadata().getResourceVersion()).isEqualTo(stored.getMetadata().getResourceVersion());
    }
  }

  @Test
  void writesAgainOverASpecChangeWhenTheStoredStatusIsTheOneItWrote() {
    try (KubernetesMockApi api = KubernetesMockApi.startWithCrds()) {
      StatusWriter writer = new StatusWriter(api.client());
      DataBucket mine = createdAndWritten(api, writer, DataBucketStatus.Phase.Provisioning);
      editSpec(api);

      mine.getStatus().setPhase(DataBucketStatus.Phase.Ready);
      writer.write(mine);

      DataBucket stored = stored(api);
      assertThat(stored.getStatus().getPhase()).isEqualTo(DataBucketStatus.Phase.Ready);
      assertThat(stored.getSpec().getVersioning()).isTrue();
    }
  }

  @Test
  void givesUpWhenTheStoredStatusMovedOnSinceItsLastWrite() {
    try (KubernetesMockApi api = KubernetesMockApi.startWithCrds()) {
      StatusWriter writer = new StatusWriter(api.client());
      DataBucket mine = createdAndWritten(api, writer, DataBucketStatus.Phase.Provisioning);
      // Another replica (one that still believes it leads) records a later phase.
      DataBucket theirs = stored(api);
      theirs.getStatus().setPhase(DataBucketStatus.Phase.Failed);
      new StatusWriter(api.client()).write(theirs);
      String theirVersion = stored(api).getMetadata().getResourceVersion();

      mine.getStatus().setPhase(DataBucketStatus.Phase.Ready);
      assertThatThrownBy(() -> writer.write(mine)).isInstanceOf(StatusWriter.StatusMovedOn.class)
          .hasMessageContaining("DataBucket default/b");

      DataBucket stored = stored(api);
      assertThat(stored.getStatus().getPhase()).isEqualTo(DataBucketStatus.Phase.Failed);
      assertThat(stored.getMetadata().getResourceVersion()).isEqualTo(theirVersion);
    }
  }

  @Test
  void appliesAChangeToTheStoredStatusKeepingWhatMovedOn() {
    try (KubernetesMockApi api = KubernetesMockApi.startWithCrds()) {
      DataBucket stale = createBucket(api);
      DataBucket current = stored(api);
      current.setStatus(new DataBucketStatus());
      current.getStatus().setPhase(DataBucketStatus.Phase.Seeding);
      new StatusWriter(api.client()).write(current);

      stale.setStatus(new DataBucketStatus());
      stale.getStatus().setPhase(DataBucketStatus.Phase.Pending);
      new StatusWriter(api.client()).apply(stale, b -> b.getStatus().setMessage("noted"));

      DataBucket stored = stored(api);
      assertThat(stored.getStatus().getPhase()).isEqualTo(DataBucketStatus.Phase.Seeding);
      assertThat(stored.getStatus().getMessage()).isEqualTo("noted");
    }
  }

  /** A DataBucket whose status writer wrote once, with phase. */
  private static DataBucket createdAndWritten(KubernetesMockApi api, StatusWriter writer, DataBucketStatus.Phase phase) {
    DataBucket bucket = createBucket(api);
    bucket.setStatus(new DataBucketStatus());
    bucket.getStatus().setPhase(phase);
    writer.write(bucket);
    return bucket;
  }

  private static DataBucket stored(KubernetesMockApi api) {
    return api.client().resources(DataBucket.class).inNamespace("default").withName("b").get();
  }

  private static void editSpec(KubernetesMockApi api) {
    api.client().resources(DataBucket.class).inNamespace("default").withName("b").edit(b -> {
      b.getSpec().setVersioning(true);
      return b;
    });
  }

  private static DataBucket createBucket(KubernetesMockApi api) {
    DataBucket bucket = new DataBucket();
    bucket.setMetadata(new ObjectMetaBuilder().withName("b").withNamespace("default").build());
    DataBucketSpec spec = new DataBucketSpec();
    spec.setBucketName("my-bucket");
    bucket.setSpec(spec);
    return api.client().resource(bucket).create();
  }
}
