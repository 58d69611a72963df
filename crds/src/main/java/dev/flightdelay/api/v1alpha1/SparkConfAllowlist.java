package dev.flightdelay.api.v1alpha1;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The spec.spark.conf keys a namespace user may set: tuning only. Spark's submitter runs inside
 * the operator, so any other key could make it read the operator's files (kerberos, pod
 * templates, spark.files), mount a node's file system (volumes), or change identity and
 * credentials (service account, per-bucket S3A settings). One list: the CRD's CEL rule and
 * description are generated from it, and the operator checks the same list.
 */
public final class SparkConfAllowlist {

  /** The keys allowed, each with any value unless VALUES restricts it. */
  public static final List<String> KEYS = List.of(
      "spark.default.parallelism",
      "spark.sql.shuffle.partitions",
      "spark.sql.files.maxPartitionBytes",
      "spark.sql.files.openCostInBytes",
      "spark.sql.files.minPartitionNum",
      "spark.sql.autoBroadcastJoinThreshold",
      "spark.sql.session.timeZone",
      "spark.sql.ansi.enabled",
      "spark.sql.codegen.wholeStage",
      "spark.sql.parquet.enableVectorizedReader",
      "spark.sql.adaptive.enabled",
      "spark.sql.adaptive.coalescePartitions.enabled",
      "spark.sql.adaptive.advisoryPartitionSizeInBytes",
      "spark.sql.adaptive.skewJoin.enabled",
      "spark.driver.memoryOverhead",
      "spark.driver.memoryOverheadFactor",
      "spark.executor.memoryOverhead",
      "spark.executor.memoryOverheadFactor",
      "spark.memory.fraction",
      "spark.memory.storageFraction",
      "spark.memory.offHeap.enabled",
      "spark.memory.offHeap.size",
      "spark.kubernetes.driver.request.cores",
      "spark.kubernetes.driver.limit.cores",
      "spark.kubernetes.executor.request.cores",
      "spark.kubernetes.executor.limit.cores",
      "spark.kubernetes.allocation.batch.size",
      "spark.kubernetes.allocation.batch.delay",
      "spark.dynamicAllocation.enabled",
      "spark.dynamicAllocation.minExecutors",
      "spark.dynamicAllocation.maxExecutors",
      "spark.dynamicAllocation.initialExecutors",
      "spark.dynamicAllocation.executorIdleTimeout",
      "spark.dynamicAllocation.schedulerBacklogTimeout",
      "spark.dynamicAllocation.executorAllocationRatio",
      "spark.dynamicAllocation.shuffleTracking.enabled",
      "spark.dynamicAllocation.shuffleTracking.timeout",
      "spark.task.maxFailures",
      "spark.task.cpus",
      "spark.speculation",
      "spark.network.timeout",
      "spark.executor.heartbeatInterval",
      "spark.locality.wait",
      "spark.eventLog.enabled",
      "spark.hadoop.fs.s3a.connection.maximum",
      "spark.hadoop.fs.s3a.threads.max",
      "spark.hadoop.fs.s3a.readahead.range",
      "spark.hadoop.fs.s3a.block.size",
      "spark.hadoop.fs.s3a.multipart.size",
      "spark.hadoop.fs.s3a.experimental.input.fadvise");

  /**
   * Keys allowed with one value only: an event log would be written to a directory the
   * operator's pod or node chooses, so it may be turned off, never on.
   */
  public static final Map<String, String> VALUES = Map.of("spark.eventLog.enabled", "false");

  private SparkConfAllowlist() {}

  /** Why key=value is refused, or empty when it is allowed. */
  public static Optional<String> refusal(String key, String value) {
    if (!KEYS.contains(key)) {
      return Optional.of("is not a Spark tuning key this operator allows (see the allowlist in the CRD description"
          + " of spec.spark.conf)");
    }
    String only = VALUES.get(key);
    if (only != null && !only.equals(value)) {
      return Optional.of("may only be " + only);
    }
    return Optional.empty();
  }

  /** The CEL rules of spec.spark.conf: every key on the list, restricted keys with their value. */
  public static List<String> celRules() {
    String keys = KEYS.stream().map(k -> "'" + k + "'").collect(Collectors.joining(", "));
    List<String> rules = new java.util.ArrayList<>();
    rules.add("self.all(k, k in [" + keys + "])");
    VALUES.forEach((key, value) -> rules.add("!('" + key + "' in self) || self['" + key + "'] == '" + value + "'"));
    return rules;
  }

  /** The CRD description of spec.spark.conf, naming every allowed key. */
  public static String description() {
    String restricted = VALUES.entrySet().stream().map(e -> e.getKey() + " only as " + e.getValue())
        .collect(Collectors.joining(", "));
    return "Extra Spark configuration, merged last: Spark tuning keys only (" + restricted + "). Allowed keys: "
        + String.join(", ", KEYS) + ".";
  }
}
