package dev.flightdelay.operator.databucket;

import dev.flightdelay.api.v1alpha1.DataBucket;

/** The tag that marks a bucket as made (or adopted) by one DataBucket. */
final class BucketOwnership {

  static final String TAG = "flightdelay.dev/owner";
  /**
   * Marks a bucket this operator adopted rather than created: its other tags are someone
   * else's and are kept, and emptyOnDelete does not apply unless an admin allows it.
   */
  static final String ADOPTED_TAG = "flightdelay.dev/adopted";

  private BucketOwnership() {}

  /** namespace/name/uid: a deleted and re-created DataBucket of the same name is another owner. */
  static String value(DataBucket bucket) {
    return bucket.getMetadata().getNamespace() + "/" + bucket.getMetadata().getName() + "/"
        + bucket.getMetadata().getUid();
  }

  /** Whether an owner tag value names a DataBucket in another namespace than ownerTag's. */
  static boolean otherNamespace(String owner, String ownerTag) {
    return owner != null && !owner.startsWith(ownerTag.substring(0, ownerTag.indexOf('/') + 1));
  }
}
