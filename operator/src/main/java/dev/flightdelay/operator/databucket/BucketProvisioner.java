package dev.flightdelay.operator.databucket;

import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyExistsException;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.Tag;

/**
 * Makes sure the bucket exists and may be managed: creates it when absent, tells ours (the
 * ownership tag, or the intent recorded in status before a create that a crash interrupted)
 * from a bucket someone else made.
 */
final class BucketProvisioner {

  /** What the provisioner found or did. */
  enum Outcome {
    CREATED,
    OURS,
    ADOPTED,
    OWNED_ELSEWHERE,
    OWNED_BY_ANOTHER_NAMESPACE,
    NAME_TAKEN
  }

  /** What the provisioner found or did, and the bucket's tags as they were read. */
  record Provisioned(Outcome outcome, Map<String, String> tags) {
    /** Adopted now or before: the bucket was not created by this operator. */
    boolean adopted() {
      return outcome == Outcome.ADOPTED || tags.containsKey(BucketOwnership.ADOPTED_TAG);
    }
  }

  /** Called right after CreateBucket succeeds; tests use it to crash the operator there. */
  interface AfterCreate {
    void created(String bucket);
  }

  private final AfterCreate afterCreate;

  BucketProvisioner(AfterCreate afterCreate) {
    this.afterCreate = afterCreate;
  }

  /**
   * @param ownerTag the flightdelay.dev/owner value of this DataBucket
   * @param knownToUs the status names this bucket: this resource created it (a crash may have
   *     come before the ownership tag was written) or managed it
   * @param recordIntent run right before CreateBucket, to record that intent
   */
  Provisioned ensure(S3Client s3, String bucket, String region, String ownerTag, boolean knownToUs,
      boolean adoptExisting, Runnable recordIntent) {
    Map<String, String> tags;
    try {
      tags = tags(s3, bucket);
    } catch (NoSuchBucket e) {
      recordIntent.run();
      return new Provisioned(create(s3, bucket, region), Map.of());
    }
    String owner = tags.get(BucketOwnership.TAG);
    if (ownerTag.equals(owner) || (owner == null && knownToUs)) {
      return new Provisioned(Outcome.OURS, tags);
    }
    if (BucketOwnership.otherNamespace(owner, ownerTag)) {
      // Another tenant's bucket: no setting lets one namespace take over another's.
      return new Provisioned(Outcome.OWNED_BY_ANOTHER_NAMESPACE, tags);
    }
    return new Provisioned(adoptExisting ? Outcome.ADOPTED : Outcome.OWNED_ELSEWHERE, tags);
  }

  private Outcome create(S3Client s3, String bucket, String region) {
    try {
      s3.createBucket(
          b -> {
            b.bucket(bucket);
            if (!"us-east-1".equals(region)) {
              b.createBucketConfiguration(c -> c.locationConstraint(region));
            }
          });
    } catch (BucketAlreadyOwnedByYouException e) {
      return Outcome.OURS;
    } catch (BucketAlreadyExistsException e) {
      return Outcome.NAME_TAKEN;
    }
    afterCreate.created(bucket);
    return Outcome.CREATED;
  }

  /** The tags of an existing bucket (empty: none); NoSuchBucket if there is no such bucket. */
  private static Map<String, String> tags(S3Client s3, String bucket) throws NoSuchBucket {
    try {
      Map<String, String> tags = new LinkedHashMap<>();
      for (Tag tag : s3.getBucketTagging(t -> t.bucket(bucket)).tagSet()) {
        tags.put(tag.key(), tag.value());
      }
      return tags;
    } catch (S3Exception e) {
      String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
      if ("NoSuchTagSet".equals(code)) {
        return Map.of();
      }
      if (e.statusCode() == 404) {
        throw new NoSuchBucket();
      }
      throw e;
    }
  }

  /** The bucket does not exist. */
  private static final class NoSuchBucket extends Exception {
    private static final long serialVersionUID = 1L;

    NoSuchBucket() {
      super(null, null, false, false);
    }
  }
}
