package dev.flightdelay.operator.databucket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flightdelay.api.v1alpha1.DataBucket;
import dev.flightdelay.api.v1alpha1.DeletionPolicy;
import dev.flightdelay.operator.OperatorHarness;
import dev.flightdelay.testing.MotoExtension;
import dev.flightdelay.testing.MotoServer;
import java.time.Duration;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** What deleting a DataBucket does to its bucket: user data goes only with both words. */
@ExtendWith(MotoExtension.class)
class DataBucketDeletionTest {

  @AutoClose
  private OperatorHarness harness;

  private void readyWithOneObject(MotoServer moto, String name, String bucket, DeletionPolicy policy) {
    DataBuckets.create(harness.client(), name, s -> {
      s.setBucketName(bucket);
      s.setDeletionPolicy(policy);
    });
    DataBuckets.awaitReady(harness.client(), name);
    try (S3Client s3 = moto.s3()) {
      s3.putObject(p -> p.bucket(bucket).key("user-data.csv"), RequestBody.fromString("carrier\nUA\n"));
    }
  }

  private void delete(String name) {
    harness.client().resources(DataBucket.class).inNamespace(OperatorHarness.NAMESPACE).withName(name).delete();
  }

  private void awaitGone(String name) {
    await().atMost(Duration.ofSeconds(30)).until(() -> DataBuckets.get(harness.client(), name) == null);
  }

  private static boolean exists(MotoServer moto, String bucket) {
    try (S3Client s3 = moto.s3()) {
      return s3.listBuckets().buckets().stream().anyMatch(b -> b.name().equals(bucket));
    }
  }

  @Test
  void deletesNothingWhenPolicyIsRetain(MotoServer moto) {
    harness = OperatorHarness.start(moto);
    readyWithOneObject(moto, "kept", "kept-bucket", DeletionPolicy.Retain);

    delete("kept");
    awaitGone("kept");

    try (S3Client s3 = moto.s3()) {
      assertThat(s3.getObjectAsBytes(g -> g.bucket("kept-bucket").key("user-data.csv")).asUtf8String()).contains("UA");
    }
  }

  @Test
  void deletesAnEmptyBucketWhenPolicyIsDelete(MotoServer moto) {
    harness = OperatorHarness.start(moto);
    DataBuckets.create(harness.client(), "empty", s -> {
      s.setBucketName("empty-bucket");
      s.setDeletionPolicy(DeletionPolicy.Delete);
    });
    DataBuckets.awaitReady(harness.client(), "empty");

    delete("empty");
    awaitGone("empty");

    assertThat(exists(moto, "empty-bucket")).isFalse();
  }

  @Test
  void keepsANonEmptyBucketUntilEmptyOnDeleteIsSet(MotoServer moto) {
    harness = OperatorHarness.start(moto);
    readyWithOneObject(moto, "full", "full-bucket", DeletionPolicy.Delete);

    delete("full");
    DataBucket waiting = DataBuckets.awaitReason(harness.client(), "full", "BucketNotEmpty");

    assertThat(waiting.getStatus().condition("Ready").orElseThrow().getMessage())
        .contains("1 object(s)").contains("spec.emptyOnDelete: true");
    assertThat(waiting.getMetadata().getFinalizers()).isNotEmpty();
    assertThat(exists(moto, "full-bucket")).isTrue();

    DataBuckets.edit(harness.client(), "full", s -> s.setEmptyOnDelete(true));
    awaitGone("full");

    assertThat(exists(moto, "full-bucket")).isFalse();
  }

  @Test
  void leavesANonEmptyBucketWhenItsNamespaceIsDeletedInsteadOfHangingIt(MotoServer moto) {
    harness = OperatorHarness.start(moto);
    readyWithOneObject(moto, "orphan", "orphan-bucket", DeletionPolicy.Delete);
    delete("orphan");
    DataBuckets.awaitReason(harness.client(), "orphan", "BucketNotEmpty");

    harness.client().namespaces().withName(OperatorHarness.NAMESPACE).delete();
    awaitGone("orphan");

    assertThat(exists(moto, "orphan-bucket")).isTrue();
    try (S3Client s3 = moto.s3()) {
      assertThat(s3.listObjectsV2(l -> l.bucket("orphan-bucket")).contents()).hasSize(1);
    }
    assertThat(harness.client().v1().events().inNamespace(OperatorHarness.NAMESPACE).list().getItems())
        .anyMatch(e -> "BucketLeftBehind".equals(e.getReason()) && e.getMessage().contains("orphan-bucket"));
  }
}
