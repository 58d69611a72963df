package dev.flightdelay.operator.databucket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flightdelay.api.v1alpha1.BucketEncryption;
import dev.flightdelay.api.v1alpha1.DataBucket;
import dev.flightdelay.api.v1alpha1.DataBucketStatus;
import dev.flightdelay.operator.OperatorHarness;
import dev.flightdelay.testing.MotoExtension;
import dev.flightdelay.testing.MotoServer;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.Tag;

/** Create, settings, drift: what a DataBucket makes of a bucket in moto. */
@ExtendWith(MotoExtension.class)
class DataBucketLifecycleTest {

  @AutoClose
  private OperatorHarness harness;

  @Test
  void createsAHardenedBucketAndReportsReady(MotoServer moto) {
    harness = OperatorHarness.start(moto);
    DataBuckets.create(harness.client(), "archive", s -> {
      s.setBucketName("flights-archive");
      s.setVersioning(true);
      s.setTags(Map.of("team", "data"));
    });

    DataBucket ready = DataBuckets.awaitReady(harness.client(), "archive");

    DataBucketStatus status = ready.getStatus();
    assertThat(status.getPhase()).isEqualTo(DataBucketStatus.Phase.Ready);
    assertThat(status.getBucketName()).isEqualTo("flights-archive");
    assertThat(status.getArn()).isEqualTo("arn:aws:s3:::flights-archive");
    assertThat(status.getRegion()).isEqualTo("us-east-1");
    assertThat(status.getEndpoint()).isEqualTo(moto.endpoint().toString());
    assertThat(status.getObjects()).isZero();
    assertThat(status.getObservedGeneration()).isEqualTo(ready.getMetadata().getGeneration());
    assertThat(status.condition("Synced")).hasValueSatisfying(c -> assertThat(c.getStatus()).isEqualTo("True"));
    try (S3Client s3 = moto.s3()) {
      assertThat(s3.getBucketEncryption(e -> e.bucket("flights-archive")).serverSideEncryptionConfiguration().rules())
          .singleElement()
          .satisfies(r -> assertThat(r.applyServerSideEncryptionByDefault().sseAlgorithm()).isEqualTo(ServerSideEncryption.AES256));
      var block = s3.getPublicAccessBlock(p -> p.bucket("flights-archive")).publicAccessBlockConfiguration();
      assertThat(block.blockPublicAcls()).isTrue();
      assertThat(block.ignorePublicAcls()).isTrue();
      assertThat(block.blockPublicPolicy()).isTrue();
      assertThat(block.restrictPublicBuckets()).isTrue();
      assertThat(s3.getBucketTagging(t -> t.bucket("flights-archive")).tagSet())
          .extracting(Tag::key, Tag::value)
          .containsExactlyInAnyOrder(
              org.assertj.core.groups.Tuple.tuple("team", "data"),
              org.assertj.core.groups.Tuple.tuple("flightdelay.dev/owner",
                  OperatorHarness.NAMESPACE + "/archive/" + ready.getMetadata().getUid()));
      assertThat(s3.getBucketVersioning(v -> v.bucket("flights-archive")).status()).isEqualTo(BucketVersioningStatus.ENABLED);
    }
  }

  @Test
  void correctsSettingsChangedBehindItsBack(MotoServer moto) {
    harness = OperatorHarness.start(moto);
    DataBuckets.create(harness.client(), "drifting", s -> {
      s.setBucketName("drifting-bucket");
      s.setEncryption(BucketEncryption.SSE_S3);
    });
    DataBuckets.awaitReady(harness.client(), "drifting");

    try (S3Client s3 = moto.s3()) {
      s3.deletePublicAccessBlock(d -> d.bucket("drifting-bucket"));
      s3.putBucketTagging(p -> p.bucket("drifting-bucket").tagging(t -> t.tagSet(Tag.builder().key("x").value("y").build())));
      s3.putBucketVersioning(p -> p.bucket("drifting-bucket").versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));

      org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
        assertThat(s3.getPublicAccessBlock(p -> p.bucket("drifting-bucket")).publicAccessBlockConfiguration().blockPublicPolicy()).isTrue();
        assertThat(s3.getBucketTagging(t -> t.bucket("drifting-bucket")).tagSet()).extracting(Tag::key).containsExactly("flightdelay.dev/owner");
        assertThat(s3.getBucketVersioning(v -> v.bucket("drifting-bucket")).status()).isEqualTo(BucketVersioningStatus.SUSPENDED);
      });
    }
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(harness.client().v1().events().inNamespace(OperatorHarness.NAMESPACE).list().getItems())
            .anyMatch(e -> "DriftCorrected".equals(e.getReason()) && e.getMessage().contains("publicAccessBlock")));
  }
}
