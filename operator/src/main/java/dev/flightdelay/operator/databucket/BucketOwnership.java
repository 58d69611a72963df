package dev.flightdelay.operator.databucket;

import dev.flightdelay.api.v1alpha1.DataBucket;

/** The tag that marks a bucket as made (or adopted) by one DataBucket. */
final class BucketOwnership {

  static final String TAG = "flightdelay.dev/owner";

  private BucketOwnership() {}

  /** namespace/name/uid: a deleted and re-created DataBucket of the same name is another owner. */
  static String value(DataBucket bucket) {
    return bucket.getMetadata().getNamespace() + "/" + bucket.getMetadata().getName() + "/"
        + bucket.getMetadata().getUid();
  }
}
