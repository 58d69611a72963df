package dev.flightdelay.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.Tag;

/**
 * The sandbox's S3 through the real AWS SDK, as the operator uses it: s3proxy's objects, and in
 * front of it the bucket settings s3proxy lacks, behind the same signature check.
 */
class EmbeddedS3Test {

  @TempDir
  Path root;
  private EmbeddedS3 s3;
  private S3Client client;

  @BeforeEach
  void start() {
    s3 = EmbeddedS3.start(root);
    client = client(s3.secretAccessKey());
    client.createBucket(b -> b.bucket("flights"));
  }

  @AfterEach
  void stop() {
    client.close();
    s3.close();
  }

  @Test
  void keepsTagsEncryptionAndPublicAccessBlockOfABucket() {
    assertThat(status(() -> client.getBucketTagging(t -> t.bucket("flights")))).isEqualTo("NoSuchTagSet");
    client.putBucketTagging(p -> p.bucket("flights").tagging(t -> t.tagSet(Tag.builder().key("owner").value("me").build())));
    assertThat(client.getBucketTagging(t -> t.bucket("flights")).tagSet())
        .containsExactly(Tag.builder().key("owner").value("me").build());

    assertThat(status(() -> client.getBucketEncryption(e -> e.bucket("flights"))))
        .isEqualTo("ServerSideEncryptionConfigurationNotFoundError");
    client.putBucketEncryption(p -> p.bucket("flights").serverSideEncryptionConfiguration(c -> c.rules(
        r -> r.applyServerSideEncryptionByDefault(d -> d.sseAlgorithm(ServerSideEncryption.AES256)))));
    assertThat(client.getBucketEncryption(e -> e.bucket("flights")).serverSideEncryptionConfiguration().rules().get(0)
        .applyServerSideEncryptionByDefault().sseAlgorithm()).isEqualTo(ServerSideEncryption.AES256);

    client.putPublicAccessBlock(p -> p.bucket("flights").publicAccessBlockConfiguration(b -> b.blockPublicAcls(true)
        .ignorePublicAcls(true).blockPublicPolicy(true).restrictPublicBuckets(true)));
    assertThat(client.getPublicAccessBlock(p -> p.bucket("flights")).publicAccessBlockConfiguration().blockPublicPolicy())
        .isTrue();

    assertThat(client.getBucketVersioning(v -> v.bucket("flights")).status()).isNull();
    assertThat(status(() -> client.getBucketTagging(t -> t.bucket("no-such-bucket")))).isEqualTo("NoSuchBucket");
  }

  @Test
  void refusesSettingsSignedWithAnotherKeyAndVersioningItCannotKeep() {
    try (S3Client stranger = client("not-the-secret")) {
      assertThat(status(() -> stranger.putBucketTagging(p -> p.bucket("flights")
          .tagging(t -> t.tagSet(Tag.builder().key("owner").value("stranger").build())))))
          .isEqualTo("SignatureDoesNotMatch");
      assertThat(status(() -> stranger.getBucketTagging(t -> t.bucket("flights")))).isEqualTo("SignatureDoesNotMatch");
    }
    assertThat(status(() -> client.getBucketTagging(t -> t.bucket("flights")))).isEqualTo("NoSuchTagSet");

    assertThat(status(() -> client.putBucketVersioning(p -> p.bucket("flights")
        .versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED))))).isEqualTo("NotImplemented");
  }

  @Test
  void passesObjectsThroughToTheFilesystemStore() throws Exception {
    byte[] part = new byte[5 << 20];
    new Random(13).nextBytes(part);
    String upload = client.createMultipartUpload(c -> c.bucket("flights").key("data/big.bin")).uploadId();
    String etag1 = client.uploadPart(u -> u.bucket("flights").key("data/big.bin").uploadId(upload).partNumber(1),
        RequestBody.fromBytes(part)).eTag();
    String etag2 = client.uploadPart(u -> u.bucket("flights").key("data/big.bin").uploadId(upload).partNumber(2),
        RequestBody.fromString("tail")).eTag();
    client.completeMultipartUpload(c -> c.bucket("flights").key("data/big.bin").uploadId(upload).multipartUpload(m -> m.parts(
        CompletedPart.builder().partNumber(1).eTag(etag1).build(), CompletedPart.builder().partNumber(2).eTag(etag2).build())));

    assertThat(client.headObject(h -> h.bucket("flights").key("data/big.bin")).contentLength()).isEqualTo(part.length + 4L);
    byte[] read = client.getObjectAsBytes(g -> g.bucket("flights").key("data/big.bin")).asByteArray();
    assertThat(read).hasSize(part.length + 4);
    assertThat(java.util.Arrays.copyOf(read, part.length)).isEqualTo(part);
    assertThat(s3.file("flights", "data/big.bin")).isRegularFile().hasSize(part.length + 4L);
  }

  private S3Client client(String secret) {
    return S3Client.builder().endpointOverride(s3.endpoint()).region(Region.US_EAST_1).forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(EmbeddedS3.ACCESS_KEY_ID, secret)))
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED).build();
  }

  private static String status(Runnable call) {
    try {
      call.run();
    } catch (S3Exception e) {
      return e.awsErrorDetails().errorCode();
    }
    throw new AssertionError("no error");
  }
}
