package dev.flightdelay.api.v1alpha1;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The spec.spark.conf entries a namespace user may set: tuning keys only, each with a value of
 * its type. Spark's submitter runs inside the operator, so any other key could make it read the
 * operator's files (kerberos, pod templates, spark.files), mount a node's file system (volumes),
 * or change identity and credentials (service account, per-bucket S3A settings); and Spark
 * expands {@code ${env:X}}, {@code ${system:Y}} and {@code ${other.key}} in a value when it reads
 * it, so a free-form value would put the operator's environment into the pod, the status or an
 * error. One list: the CRD's CEL rules and description are generated from it, and the operator
 * checks the same list.
 */
public final class SparkConfAllowlist {

  /**
   * The values a key takes, as patterns that hold for Spark's and Hadoop's parsers alike and
   * that the API server's RE2 evaluates too. None admits '$', so nothing is ever expanded.
   */
  public enum ValueType {
    WHOLE_NUMBER("^[0-9]{1,9}$", "a whole number such as 200", "200"),
    NUMBER("^[0-9]{1,6}([.][0-9]{1,6})?$", "a number such as 0.6", "0.6"),
    SIZE("^[0-9]{1,12}[kKmMgGtT]?$", "a size such as 512m", "512m"),
    SIZE_OR_OFF("^(-1|[0-9]{1,12}[kKmMgGtT]?)$", "a size such as 10m, or -1 for none", "10m"),
    DURATION("^[0-9]{1,9}(ms|s|min|m|h|d)?$", "a duration such as 30s", "30s"),
    BOOLEAN("^(true|false)$", "true or false", "true"),
    CPU("^([0-9]{1,4}([.][0-9]{1,3})?|[0-9]{1,7}m)$", "a CPU amount such as 500m or 2", "500m"),
    TIME_ZONE("^([A-Za-z][A-Za-z0-9_+-]{0,31}(/[A-Za-z0-9_+-]{1,32}){0,2}|[+-][0-9]{2}:[0-9]{2})$",
        "a time zone such as UTC or Europe/Paris", "Europe/Paris"),
    FADVISE("^(normal|sequential|random|adaptive|whole-file)$",
        "one of normal, sequential, random, adaptive, whole-file", "random"),
    /** An event log would be written where the operator's pod or node chooses: off only. */
    OFF_ONLY("^false$", "false (it may be turned off, never on)", "false");

    private final String pattern;
    private final Pattern compiled;
    private final String description;
    private final String example;

    ValueType(String pattern, String description, String example) {
      this.pattern = pattern;
      this.compiled = Pattern.compile(pattern);
      this.description = description;
      this.example = example;
    }

    /** The regular expression (RE2 and java.util.regex alike) a value must match. */
    public String pattern() {
      return pattern;
    }

    /** What a value looks like, as a refusal names it: "a size such as 512m". */
    public String description() {
      return description;
    }

    /** A value of this type. */
    public String example() {
      return example;
    }

    public boolean accepts(String value) {
      return value != null && compiled.matcher(value).matches();
    }
  }

  /** The longest value the schema admits: bounds what the API server's CEL cost estimate assumes. */
  public static final int MAX_VALUE_LENGTH = 128;

  /** The keys allowed, in the order the CRD lists them, each with the type of its value. */
  public static final Map<String, ValueType> KEYS = keys(
      "spark.default.parallelism", ValueType.WHOLE_NUMBER,
      "spark.sql.shuffle.partitions", ValueType.WHOLE_NUMBER,
      "spark.sql.files.maxPartitionBytes", ValueType.SIZE,
      "spark.sql.files.openCostInBytes", ValueType.SIZE,
      "spark.sql.files.minPartitionNum", ValueType.WHOLE_NUMBER,
      "spark.sql.autoBroadcastJoinThreshold", ValueType.SIZE_OR_OFF,
      "spark.sql.session.timeZone", ValueType.TIME_ZONE,
      "spark.sql.ansi.enabled", ValueType.BOOLEAN,
      "spark.sql.codegen.wholeStage", ValueType.BOOLEAN,
      "spark.sql.parquet.enableVectorizedReader", ValueType.BOOLEAN,
      "spark.sql.adaptive.enabled", ValueType.BOOLEAN,
      "spark.sql.adaptive.coalescePartitions.enabled", ValueType.BOOLEAN,
      "spark.sql.adaptive.advisoryPartitionSizeInBytes", ValueType.SIZE,
      "spark.sql.adaptive.skewJoin.enabled", ValueType.BOOLEAN,
      "spark.driver.memoryOverhead", ValueType.SIZE,
      "spark.driver.memoryOverheadFactor", ValueType.NUMBER,
      "spark.executor.memoryOverhead", ValueType.SIZE,
      "spark.executor.memoryOverheadFactor", ValueType.NUMBER,
      "spark.memory.fraction", ValueType.NUMBER,
      "spark.memory.storageFraction", ValueType.NUMBER,
      "spark.memory.offHeap.enabled", ValueType.BOOLEAN,
      "spark.memory.offHeap.size", ValueType.SIZE,
      "spark.kubernetes.driver.request.cores", ValueType.CPU,
      "spark.kubernetes.driver.limit.cores", ValueType.CPU,
      "spark.kubernetes.executor.request.cores", ValueType.CPU,
      "spark.kubernetes.executor.limit.cores", ValueType.CPU,
      "spark.kubernetes.allocation.batch.size", ValueType.WHOLE_NUMBER,
      "spark.kubernetes.allocation.batch.delay", ValueType.DURATION,
      "spark.dynamicAllocation.enabled", ValueType.BOOLEAN,
      "spark.dynamicAllocation.minExecutors", ValueType.WHOLE_NUMBER,
      "spark.dynamicAllocation.maxExecutors", ValueType.WHOLE_NUMBER,
      "spark.dynamicAllocation.initialExecutors", ValueType.WHOLE_NUMBER,
      "spark.dynamicAllocation.executorIdleTimeout", ValueType.DURATION,
      "spark.dynamicAllocation.schedulerBacklogTimeout", ValueType.DURATION,
      "spark.dynamicAllocation.executorAllocationRatio", ValueType.NUMBER,
      "spark.dynamicAllocation.shuffleTracking.enabled", ValueType.BOOLEAN,
      "spark.dynamicAllocation.shuffleTracking.timeout", ValueType.DURATION,
      "spark.task.maxFailures", ValueType.WHOLE_NUMBER,
      "spark.task.cpus", ValueType.WHOLE_NUMBER,
      "spark.speculation", ValueType.BOOLEAN,
      "spark.network.timeout", ValueType.DURATION,
      "spark.executor.heartbeatInterval", ValueType.DURATION,
      "spark.locality.wait", ValueType.DURATION,
      "spark.eventLog.enabled", ValueType.OFF_ONLY,
      "spark.hadoop.fs.s3a.connection.maximum", ValueType.WHOLE_NUMBER,
      "spark.hadoop.fs.s3a.threads.max", ValueType.WHOLE_NUMBER,
      "spark.hadoop.fs.s3a.readahead.range", ValueType.SIZE,
      "spark.hadoop.fs.s3a.block.size", ValueType.SIZE,
      "spark.hadoop.fs.s3a.multipart.size", ValueType.SIZE,
      "spark.hadoop.fs.s3a.experimental.input.fadvise", ValueType.FADVISE);

  private SparkConfAllowlist() {}

  /**
   * Why key=value is refused, or empty when it is allowed. The reason names the type expected,
   * never the value: a value may hold what a substitution would have expanded.
   */
  public static Optional<Refusal> refusal(String key, String value) {
    ValueType type = KEYS.get(key);
    if (type == null) {
      return Optional.of(new Refusal(false, "is not a Spark tuning key this operator allows (see the allowlist in the"
          + " CRD description of spec.spark.conf)"));
    }
    if (type.accepts(value)) {
      return Optional.empty();
    }
    // Turning the event log on is well formed, and refused on principle, as a key off the list is.
    return Optional.of(new Refusal(type != ValueType.OFF_ONLY, "not " + type.description()));
  }

  /**
   * Why an entry is refused.
   *
   * @param malformed the key is allowed but its value is not of the key's type (an invalid
   *     spec, rather than a key or value the operator forbids)
   */
  public record Refusal(boolean malformed, String message) {}

  /** The CEL rules of spec.spark.conf: every key on the list, each value of its key's type. */
  public static List<Rule> celRules() {
    String keys = KEYS.keySet().stream().map(k -> "'" + k + "'").collect(Collectors.joining(", "));
    List<Rule> rules = new ArrayList<>();
    rules.add(new Rule("self.all(k, k in [" + keys + "])",
        "only the Spark tuning keys listed in the description are allowed"));
    KEYS.forEach((key, type) -> rules.add(new Rule(
        "!('" + key + "' in self) || self['" + key + "'].matches('" + type.pattern().replace("\\", "\\\\") + "')",
        key + ": not " + type.description())));
    return rules;
  }

  /** A CEL rule with the message the API server returns when it fails. */
  public record Rule(String rule, String message) {}

  /** The CRD description of spec.spark.conf, naming every allowed key. */
  public static String description() {
    return "Extra Spark configuration, merged last: Spark tuning keys only, each with a value of its type (a number,"
        + " a size such as 512m, a duration such as 30s, true or false; spark.eventLog.enabled only as false; never"
        + " a ${...} reference). Allowed keys: " + String.join(", ", KEYS.keySet()) + ".";
  }

  private static Map<String, ValueType> keys(Object... pairs) {
    Map<String, ValueType> keys = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      keys.put((String) pairs[i], (ValueType) pairs[i + 1]);
    }
    return Collections.unmodifiableMap(keys);
  }
}
