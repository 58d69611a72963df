package dev.flightdelay.operator.databucket;

import dev.flightdelay.operator.OperatorHarness;

/** Lets tests of other packages make a ready DataBucket. */
public final class DataBucketTestAccess {

  private DataBucketTestAccess() {}

  public static void createAndAwaitReady(OperatorHarness harness, String name, String bucket) {
    DataBuckets.create(harness.client(), name, s -> s.setBucketName(bucket));
    DataBuckets.awaitReady(harness.client(), name);
  }
}
