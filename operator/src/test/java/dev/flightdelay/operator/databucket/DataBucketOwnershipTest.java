package dev.flightdelay.operator.databucket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flightdelay.api.v1alpha1.DataBucket;
import dev.flightdelay.operator.OperatorHarness;
import dev.flightdelay.testing.MotoExtension;
import dev.flightdelay.testing.MotoServer;
import io.fabric8.kubernetes.api.model.Event;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Tag;

/** Which buckets a DataBucket takes: its own, foreign ones only when told, and after a crash. */
@ExtendWith(MotoExtension.class)
class DataBucketOwnershipTest {

  @AutoClose
  private OperatorHarness harness;

  private List<String> eventReasons() {
    return harness.client().v1().events().inNamespace(OperatorHarness.NAMESPACE).list().getItems().stream()
        .map(Event::getReason).toList();
  }

  @Test
  void refusesAForeignBucketUntilAdoptExistingIsSet(MotoServer moto) {
    try (S3Client s3 = moto.s3()) {
      s3.createBucket(b -> b.bucket("someone-elses"));
      s3.putObject(p -> p.bucket("someone-elses").key("keep.csv"), software.amazon.awssdk.core.sync.RequestBody.fromString("a,b\n"));
    }
    harness = OperatorHarness.start(moto);
    DataBuckets.create(harness.client(), "foreign", s -> s.setBucketName("someone-elses"));

    DataBucket refused = DataBuckets.awaitReason(harness.client(), "foreign", "BucketOwnedElsewhere");
    assertThat(refused.getStatus().condition("Ready").orElseThrow().getMessage()).contains("spec.adoptExisting: true");
    try (S3Client s3 = moto.s3()) {
      assertThat(s3.getBucketTagging(t -> t.bucket("someone-elses")).tagSet()).as("nothing written to a foreign bucket").isEmpty();
    } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
      assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchTagSet");
    }

    DataBuckets.edit(harness.client(), "foreign", s -> s.setAdoptExisting(true));
    DataBucket adopted = DataBuckets.awaitReady(harness.client(), "foreign");

    assertThat(adopted.getStatus().getObjects()).isEqualTo(1);
    assertThat(eventReasons()).contains("BucketOwnedElsewhere", "BucketAdopted").doesNotContain("BucketCreated");
    try (S3Client s3 = moto.s3()) {
      assertThat(s3.getBucketTagging(t -> t.bucket("someone-elses")).tagSet()).extracting(Tag::key).contains("flightdelay.dev/owner");
      assertThat(s3.listBuckets().buckets()).hasSize(1);
    }
  }

  @Test
  void adoptsItsOwnBucketSilentlyWhenStatusIsLost(MotoServer moto) {
    harness = OperatorHarness.start(moto);
    DataBuckets.create(harness.client(), "mine", s -> s.setBucketName("my-own-bucket"));
    DataBuckets.awaitReady(harness.client(), "mine");
    harness.stopOperator();
    DataBucket lost = DataBuckets.get(harness.client(), "mine");
    lost.setStatus(null);
    harness.client().resource(lost).updateStatus();
    harness.client().v1().events().inNamespace(OperatorHarness.NAMESPACE).delete();

    harness.startOperator(DataBucketController.NONE);
    DataBuckets.awaitReady(harness.client(), "mine");

    assertThat(eventReasons()).doesNotContain("BucketAdopted", "BucketCreated", "BucketOwnedElsewhere");
  }

  @Test
  void createsExactlyOneBucketWhenTheOperatorDiesRightAfterCreateBucket(MotoServer moto) {
    AtomicBoolean crashed = new AtomicBoolean();
    harness = OperatorHarness.start(moto, new DataBucketController.Hooks(bucket -> {
      crashed.set(true);
      throw new IllegalStateException("operator killed after CreateBucket " + bucket);
    }));
    DataBuckets.create(harness.client(), "crashy", s -> s.setBucketName("crash-safe-bucket"));
    await().atMost(Duration.ofSeconds(30)).untilTrue(crashed);
    harness.stopOperator();
    try (S3Client s3 = moto.s3()) {
      assertThat(s3.listBuckets().buckets()).extracting(b -> b.name()).containsExactly("crash-safe-bucket");
      assertThat(DataBuckets.ready(DataBuckets.get(harness.client(), "crashy"))).isEmpty();
    }

    harness.startOperator(DataBucketController.NONE);
    DataBucket ready = DataBuckets.awaitReady(harness.client(), "crashy");

    assertThat(ready.getStatus().getBucketName()).isEqualTo("crash-safe-bucket");
    try (S3Client s3 = moto.s3()) {
      assertThat(s3.listBuckets().buckets()).extracting(b -> b.name()).containsExactly("crash-safe-bucket");
      assertThat(s3.getBucketTagging(t -> t.bucket("crash-safe-bucket")).tagSet()).extracting(Tag::value)
          .contains(OperatorHarness.NAMESPACE + "/crashy/" + ready.getMetadata().getUid());
    }
    assertThat(eventReasons()).doesNotContain("BucketOwnedElsewhere");
  }
}
