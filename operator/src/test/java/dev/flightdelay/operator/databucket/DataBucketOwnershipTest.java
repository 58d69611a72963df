package dev.flightdelay.operator.databucket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flightdelay.api.v1alpha1.DataBucket;
import dev.flightdelay.operator.FlightDelayOperator;
import dev.flightdelay.operator.OperatorHarness;
import dev.flightdelay.operator.policy.NamespaceSet;
import dev.flightdelay.operator.policy.TenancyPolicy;
import dev.flightdelay.operator.status.ReconcileErrors;
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
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
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
      // The exception that plays the crash may reach status before the stop; nothing else does.
      assertThat(DataBuckets.ready(DataBuckets.get(harness.client(), "crashy")).map(c -> c.getReason()))
          .satisfiesAnyOf(reason -> assertThat(reason).isEmpty(), reason -> assertThat(reason).contains(ReconcileErrors.REASON));
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

  @Test
  void keepsTheTagsOfAnAdoptedBucketAndAddsItsOwn(MotoServer moto) {
    try (S3Client s3 = moto.s3()) {
      s3.createBucket(b -> b.bucket("finance-data"));
      s3.putBucketTagging(p -> p.bucket("finance-data").tagging(t -> t.tagSet(Tag.builder().key("cost-center").value("finance").build())));
    }
    harness = OperatorHarness.start(moto);
    DataBuckets.create(harness.client(), "adopter", s -> {
      s.setBucketName("finance-data");
      s.setAdoptExisting(true);
      s.setTags(java.util.Map.of("team", "flights"));
    });
    DataBucket adopted = DataBuckets.awaitReady(harness.client(), "adopter");

    try (S3Client s3 = moto.s3()) {
      assertThat(s3.getBucketTagging(t -> t.bucket("finance-data")).tagSet()).extracting(Tag::key, Tag::value)
          .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("cost-center", "finance"),
              org.assertj.core.groups.Tuple.tuple("team", "flights"),
              org.assertj.core.groups.Tuple.tuple("flightdelay.dev/owner",
                  OperatorHarness.NAMESPACE + "/adopter/" + adopted.getMetadata().getUid()),
              org.assertj.core.groups.Tuple.tuple("flightdelay.dev/adopted", "true"));
    }
  }

  @Test
  void neverAdoptsABucketOfADataBucketInAnotherNamespace(MotoServer moto) {
    Tag teamA = Tag.builder().key("flightdelay.dev/owner").value("team-a/data/0000-1111").build();
    try (S3Client s3 = moto.s3()) {
      s3.createBucket(b -> b.bucket("team-a-data"));
      s3.putBucketTagging(p -> p.bucket("team-a-data").tagging(t -> t.tagSet(teamA)));
    }
    harness = OperatorHarness.start(moto);
    DataBuckets.create(harness.client(), "takeover", s -> {
      s.setBucketName("team-a-data");
      s.setAdoptExisting(true);
    });

    DataBucket refused = DataBuckets.awaitReason(harness.client(), "takeover", "BucketOwnedElsewhere");

    assertThat(refused.getStatus().condition("Ready").orElseThrow().getMessage()).contains("another namespace");
    try (S3Client s3 = moto.s3()) {
      assertThat(s3.getBucketTagging(t -> t.bucket("team-a-data")).tagSet()).containsExactly(teamA);
    }
  }

  @Test
  void emptyOnDeleteNeverEmptiesAnAdoptedBucketUnlessTheAdminAllows(MotoServer moto) {
    try (S3Client s3 = moto.s3()) {
      s3.createBucket(b -> b.bucket("shared-archive"));
      s3.putObject(p -> p.bucket("shared-archive").key("keep.csv"), software.amazon.awssdk.core.sync.RequestBody.fromString("a,b\n"));
    }
    harness = OperatorHarness.start(moto);
    DataBuckets.create(harness.client(), "borrower", s -> {
      s.setBucketName("shared-archive");
      s.setAdoptExisting(true);
      s.setDeletionPolicy(dev.flightdelay.api.v1alpha1.DeletionPolicy.Delete);
      s.setEmptyOnDelete(true);
    });
    DataBuckets.awaitReady(harness.client(), "borrower");

    harness.client().resources(DataBucket.class).inNamespace(OperatorHarness.NAMESPACE).withName("borrower").delete();
    DataBucket waiting = DataBuckets.awaitReason(harness.client(), "borrower", "BucketNotEmpty");

    assertThat(waiting.getStatus().condition("Ready").orElseThrow().getMessage())
        .contains("adopted", "FLIGHTDELAY_EMPTY_ADOPTED_NAMESPACES");
    try (S3Client s3 = moto.s3()) {
      assertThat(s3.listObjectsV2(l -> l.bucket("shared-archive")).contents()).extracting(o -> o.key()).containsExactly("keep.csv");
    }

    harness.stopOperator();
    TenancyPolicy trusting = OperatorHarness.trustingPolicy();
    harness.startOperator(FlightDelayOperator.NO_HOOKS, new TenancyPolicy(trusting.operatorIdentityNamespaces(),
        trusting.namespaceRoles(), trusting.adoptNamespaces(), NamespaceSet.of(OperatorHarness.NAMESPACE),
        trusting.localRunner(), trusting.fileRoots(), trusting.seeds(), trusting.releaseWithoutCredentialsAfter()));
    await().atMost(Duration.ofSeconds(30)).until(() -> DataBuckets.get(harness.client(), "borrower") == null);
    try (S3Client s3 = moto.s3()) {
      assertThat(s3.listBuckets().buckets()).isEmpty();
    }
  }

  @Test
  void neverRewritesATagValueNorLoosensTheSettingsOfAnAdoptedBucket(MotoServer moto) {
    try (S3Client s3 = moto.s3()) {
      s3.createBucket(b -> b.bucket("team-a-shared"));
      s3.putBucketTagging(p -> p.bucket("team-a-shared").tagging(t -> t.tagSet(Tag.builder().key("team").value("team-a").build())));
      s3.putBucketVersioning(p -> p.bucket("team-a-shared").versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
    }
    harness = OperatorHarness.start(moto);
    DataBuckets.create(harness.client(), "taker", s -> {
      s.setBucketName("team-a-shared");
      s.setAdoptExisting(true);
      s.setTags(java.util.Map.of("team", "team-b"));
      s.setPublicAccessBlock(false);
      s.setVersioning(false);
    });
    DataBuckets.awaitReady(harness.client(), "taker");

    try (S3Client s3 = moto.s3()) {
      assertThat(s3.getBucketTagging(t -> t.bucket("team-a-shared")).tagSet()).extracting(Tag::key, Tag::value)
          .contains(org.assertj.core.groups.Tuple.tuple("team", "team-a"))
          .doesNotContain(org.assertj.core.groups.Tuple.tuple("team", "team-b"));
      assertThat(s3.getBucketVersioning(v -> v.bucket("team-a-shared")).status()).isEqualTo(BucketVersioningStatus.ENABLED);
    }
  }
}
