package dev.flightdelay.operator.databucket;

import dev.flightdelay.api.v1alpha1.BucketEncryption;
import dev.flightdelay.api.v1alpha1.DataBucketSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionByDefault;
import software.amazon.awssdk.services.s3.model.Tag;

/**
 * Brings encryption, public access block, tags and versioning to what the spec says: four reads
 * every reconcile, a write only for a setting that drifted.
 */
final class BucketSettings {

  /**
   * The settings that had to be written this time (empty: nothing had drifted).
   *
   * @param adopted the bucket was adopted: it is someone else's, so its settings are only
   *     tightened (public access blocked, encryption), never loosened (versioning suspended, the
   *     block lifted), and its tags are kept: a spec tag is added only where the key is free,
   *     since access policies may rest on the values already there
   */
  List<String> converge(S3Client s3, String bucket, DataBucketSpec spec, String ownerTag, Map<String, String> currentTags,
      boolean adopted) {
    List<String> corrected = new ArrayList<>();
    if (!encryptionMatches(s3, bucket, spec)) {
      writeEncryption(s3, bucket, spec);
      corrected.add("encryption");
    }
    PublicAccessBlockConfiguration wantedBlock = publicAccessBlock(!Boolean.FALSE.equals(spec.getPublicAccessBlock()));
    boolean loosens = Boolean.FALSE.equals(spec.getPublicAccessBlock());
    if (!(adopted && loosens) && !wantedBlock.equals(currentPublicAccessBlock(s3, bucket))) {
      s3.putPublicAccessBlock(p -> p.bucket(bucket).publicAccessBlockConfiguration(wantedBlock));
      corrected.add("publicAccessBlock");
    }
    Map<String, String> wantedTags = new LinkedHashMap<>(adopted ? currentTags : Map.of());
    (spec.getTags() == null ? Map.<String, String>of() : spec.getTags())
        .forEach(adopted ? wantedTags::putIfAbsent : wantedTags::put);
    wantedTags.put(BucketOwnership.TAG, ownerTag);
    if (adopted) {
      wantedTags.put(BucketOwnership.ADOPTED_TAG, "true");
    }
    if (!wantedTags.equals(currentTags)) {
      List<Tag> tags = wantedTags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
      s3.putBucketTagging(p -> p.bucket(bucket).tagging(t -> t.tagSet(tags)));
      corrected.add("tags");
    }
    BucketVersioningStatus current = s3.getBucketVersioning(v -> v.bucket(bucket)).status();
    boolean enabled = Boolean.TRUE.equals(spec.getVersioning());
    BucketVersioningStatus wanted = adopted && !enabled ? null : wantedVersioning(enabled, current);
    if (wanted != null && wanted != current) {
      s3.putBucketVersioning(p -> p.bucket(bucket).versioningConfiguration(v -> v.status(wanted)));
      corrected.add("versioning");
    }
    return corrected;
  }

  /** Off means never enabled, or suspended once it was: S3 cannot turn versioning back off. */
  private static BucketVersioningStatus wantedVersioning(boolean enabled, BucketVersioningStatus current) {
    if (enabled) {
      return BucketVersioningStatus.ENABLED;
    }
    return current == BucketVersioningStatus.ENABLED ? BucketVersioningStatus.SUSPENDED : null;
  }

  private static boolean encryptionMatches(S3Client s3, String bucket, DataBucketSpec spec) {
    ServerSideEncryptionByDefault current;
    try {
      current =
          s3.getBucketEncryption(e -> e.bucket(bucket)).serverSideEncryptionConfiguration().rules().stream()
              .map(r -> r.applyServerSideEncryptionByDefault())
              .filter(Objects::nonNull)
              .findFirst()
              .orElse(null);
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return false;
      }
      throw e;
    }
    if (current == null) {
      return false;
    }
    if (spec.getEncryption() == BucketEncryption.SSE_KMS) {
      return current.sseAlgorithm() == ServerSideEncryption.AWS_KMS && Objects.equals(current.kmsMasterKeyID(), spec.getKmsKeyId());
    }
    return current.sseAlgorithm() == ServerSideEncryption.AES256;
  }

  private static void writeEncryption(S3Client s3, String bucket, DataBucketSpec spec) {
    boolean kms = spec.getEncryption() == BucketEncryption.SSE_KMS;
    s3.putBucketEncryption(
        p -> p.bucket(bucket).serverSideEncryptionConfiguration(c -> c.rules(r -> {
          r.applyServerSideEncryptionByDefault(d -> {
            d.sseAlgorithm(kms ? ServerSideEncryption.AWS_KMS : ServerSideEncryption.AES256);
            if (kms) {
              d.kmsMasterKeyID(spec.getKmsKeyId());
            }
          });
          r.bucketKeyEnabled(kms);
        })));
  }

  private static PublicAccessBlockConfiguration publicAccessBlock(boolean block) {
    return PublicAccessBlockConfiguration.builder()
        .blockPublicAcls(block)
        .ignorePublicAcls(block)
        .blockPublicPolicy(block)
        .restrictPublicBuckets(block)
        .build();
  }

  private static PublicAccessBlockConfiguration currentPublicAccessBlock(S3Client s3, String bucket) {
    try {
      return s3.getPublicAccessBlock(p -> p.bucket(bucket)).publicAccessBlockConfiguration();
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return null;
      }
      throw e;
    }
  }
}
