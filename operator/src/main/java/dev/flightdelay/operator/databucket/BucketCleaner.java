package dev.flightdelay.operator.databucket;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.Tag;

/** Deletes a bucket on deletionPolicy Delete; its objects only with emptyOnDelete as well. */
final class BucketCleaner {

  /** What deleting found. */
  enum Outcome {
    DELETED,
    ALREADY_GONE,
    NOT_OURS,
    NOT_EMPTY,
    ADOPTED_NOT_EMPTY
  }

  /**
   * The bucket, and (with emptyOnDelete) every object version in it, when it is ours.
   *
   * @param mayEmptyAdopted the admin lets emptyOnDelete empty a bucket that was adopted
   */
  Outcome delete(S3Client s3, String bucket, String ownerTag, boolean emptyOnDelete, boolean mayEmptyAdopted) {
    boolean adopted;
    try {
      Map<String, String> tags = s3.getBucketTagging(t -> t.bucket(bucket)).tagSet().stream()
          .collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> a));
      if (!ownerTag.equals(tags.get(BucketOwnership.TAG))) {
        return Outcome.NOT_OURS;
      }
      adopted = tags.containsKey(BucketOwnership.ADOPTED_TAG);
    } catch (S3Exception e) {
      String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
      if ("NoSuchTagSet".equals(code)) {
        return Outcome.NOT_OURS;
      }
      if (e.statusCode() == 404) {
        return Outcome.ALREADY_GONE;
      }
      throw e;
    }
    if (!isEmpty(s3, bucket)) {
      if (!emptyOnDelete) {
        return Outcome.NOT_EMPTY;
      }
      if (adopted && !mayEmptyAdopted) {
        return Outcome.ADOPTED_NOT_EMPTY;
      }
      deleteEveryVersion(s3, bucket);
    }
    s3.deleteBucket(d -> d.bucket(bucket));
    return Outcome.DELETED;
  }

  /** Counting stops here: a message needs no exact figure beyond it. */
  static final int COUNT_LIMIT = 1000;

  /** Object versions in the bucket, up to COUNT_LIMIT. */
  long objectCount(S3Client s3, String bucket) {
    return s3.listObjectVersions(l -> l.bucket(bucket).maxKeys(COUNT_LIMIT)).versions().size();
  }

  private static boolean isEmpty(S3Client s3, String bucket) {
    ListObjectVersionsResponse page = s3.listObjectVersions(l -> l.bucket(bucket).maxKeys(1));
    return page.versions().isEmpty() && page.deleteMarkers().isEmpty();
  }

  private static void deleteEveryVersion(S3Client s3, String bucket) {
    for (ListObjectVersionsResponse page : s3.listObjectVersionsPaginator(l -> l.bucket(bucket).maxKeys(1000))) {
      List<ObjectIdentifier> ids = new ArrayList<>();
      page.versions().forEach(v -> ids.add(ObjectIdentifier.builder().key(v.key()).versionId(v.versionId()).build()));
      page.deleteMarkers().forEach(m -> ids.add(ObjectIdentifier.builder().key(m.key()).versionId(m.versionId()).build()));
      if (!ids.isEmpty()) {
        s3.deleteObjects(d -> d.bucket(bucket).delete(x -> x.objects(ids).quiet(true)));
      }
    }
  }
}
