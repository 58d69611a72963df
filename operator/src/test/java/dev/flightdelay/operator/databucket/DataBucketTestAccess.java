package dev.flightdelay.operator.databucket;

import dev.flightdelay.api.v1alpha1.DataBucketSpec;
import dev.flightdelay.api.v1alpha1.SeedObject;
import java.util.function.Consumer;
import dev.flightdelay.operator.OperatorHarness;

/** Lets tests of other packages make a ready DataBucket. */
public final class DataBucketTestAccess {

  private DataBucketTestAccess() {}

  public static void createAndAwaitReady(OperatorHarness harness, String name, String bucket) {
    create(harness, name, bucket, s -> { });
    DataBuckets.awaitReady(harness.client(), name);
  }

  /** A DataBucket with the test's credentials Secret, spec changed by more. */
  public static void create(OperatorHarness harness, String name, String bucket, Consumer<DataBucketSpec> more) {
    DataBuckets.create(harness.client(), name, s -> {
      s.setBucketName(bucket);
      more.accept(s);
    });
  }

  /** A seed that cannot load (nothing listens at its URL): the DataBucket stays not Ready. */
  public static SeedObject unreachableSeed(String key) {
    return DataBuckets.urlSeed(key, "http://127.0.0.1:9/" + key);
  }

  public static void edit(OperatorHarness harness, String name, Consumer<DataBucketSpec> change) {
    DataBuckets.edit(harness.client(), name, change);
  }
}
