package dev.flightdelay.operator.analysis;

import dev.flightdelay.api.v1alpha1.DelayAnalysis;
import dev.flightdelay.api.v1alpha1.DelayAnalysisSpec;
import java.util.List;
import java.util.Map;

/**
 * The checks the CRD schema makes with CEL, made again by the reconciler (an API server without
 * CEL, or an object stored before a rule existed, must not reach Spark), and the Spark conf keys
 * the operator owns.
 */
public final class AnalysisValidator {

  /** Keys whose value the operator sets; a user value would break the run or leak a secret. */
  public static final List<String> OWNED_CONF_KEYS = List.of(
      "spark.master",
      "spark.submit.deployMode",
      "spark.app.id",
      "spark.app.name",
      "spark.driver.host",
      "spark.driver.bindAddress",
      "spark.driver.cores",
      "spark.driver.memory",
      "spark.executor.instances",
      "spark.executor.cores",
      "spark.executor.memory",
      "spark.kubernetes.namespace",
      "spark.kubernetes.container.image",
      "spark.kubernetes.driver.pod.name",
      "spark.kubernetes.executor.podNamePrefix",
      "spark.kubernetes.authenticate.driver.serviceAccountName",
      "spark.kubernetes.submission.waitAppCompletion",
      "spark.hadoop.fs.s3a.endpoint",
      "spark.hadoop.fs.s3a.endpoint.region",
      "spark.hadoop.fs.s3a.path.style.access",
      "spark.hadoop.fs.s3a.connection.ssl.enabled",
      "spark.hadoop.fs.s3a.access.key",
      "spark.hadoop.fs.s3a.secret.key",
      "spark.hadoop.fs.s3a.session.token");

  /** Key prefixes the operator owns: its labels, and credentials, which go only through Secrets. */
  public static final List<String> OWNED_CONF_PREFIXES = List.of(
      "spark.kubernetes.driver.label." + DriverLabels.PREFIX,
      "spark.kubernetes.driver.secretKeyRef.",
      "spark.kubernetes.executor.secretKeyRef.",
      "spark.kubernetes.driverEnv.AWS_",
      "spark.executorEnv.AWS_");

  /** The outcome: a spec to run, or the field that stops it. */
  public sealed interface Result permits Valid, Invalid {}

  public record Valid() implements Result {}

  public record Invalid(String field, String message) implements Result {
    public String text() {
      return field + ": " + message;
    }
  }

  public Result validate(DelayAnalysis analysis) {
    DelayAnalysisSpec spec = analysis.getSpec();
    if (spec == null) {
      return new Invalid("spec", "is required");
    }
    boolean bucket = spec.getDataBucketRef() != null;
    if (bucket && isBlank(spec.getDataBucketRef().getName())) {
      return new Invalid("spec.dataBucketRef.name", "is required");
    }
    if (bucket == (spec.getInputUri() != null)) {
      return new Invalid("spec.inputUri", "exactly one input: dataBucketRef (with key) or inputUri");
    }
    if (!bucket && spec.getKey() != null) {
      return new Invalid("spec.dataBucketRef", "key " + spec.getKey() + " needs dataBucketRef naming the DataBucket that holds it");
    }
    if (bucket && isBlank(spec.getKey())) {
      return new Invalid("spec.key", "is required with dataBucketRef");
    }
    if (spec.getInputUri() != null && !isDataUri(spec.getInputUri())) {
      return new Invalid("spec.inputUri", "must be s3a://bucket/key or file:/path, got " + spec.getInputUri());
    }
    if (spec.getOutputKey() != null && spec.getOutputUri() != null) {
      return new Invalid("spec.outputUri", "set outputKey or outputUri, not both");
    }
    if (spec.getOutputKey() != null && !bucket) {
      return new Invalid("spec.outputKey", "names a prefix in the dataBucketRef bucket: it needs dataBucketRef");
    }
    if (spec.getOutputUri() != null && !isDataUri(spec.getOutputUri())) {
      return new Invalid("spec.outputUri", "must be s3a://bucket/prefix or file:/dir, got " + spec.getOutputUri());
    }
    boolean custom = spec.getSchema() == DelayAnalysisSpec.Schema.custom;
    if (custom && (spec.getColumns() == null || isBlank(spec.getColumns().getCarrier())
        || isBlank(spec.getColumns().getArrivalDelay()))) {
      return new Invalid("spec.columns", "schema custom needs columns with at least carrier and arrivalDelay");
    }
    if (!custom && spec.getColumns() != null) {
      return new Invalid("spec.columns", "is only used with schema: custom");
    }
    Map<String, String> conf = spec.getSpark() == null ? null : spec.getSpark().getConf();
    if (conf != null) {
      for (String key : conf.keySet()) {
        if (!key.startsWith("spark.")) {
          return new Invalid("spec.spark.conf[" + key + "]", "conf keys must start with spark.");
        }
        if (isOwned(key)) {
          return new Invalid("spec.spark.conf[" + key + "]",
              "is set by the operator (from the spec, the DataBucket or its Secret) and cannot be overridden");
        }
      }
    }
    return new Valid();
  }

  static boolean isOwned(String key) {
    return OWNED_CONF_KEYS.contains(key) || OWNED_CONF_PREFIXES.stream().anyMatch(key::startsWith);
  }

  private static boolean isDataUri(String uri) {
    return uri.matches("^(s3a://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/.*)?|file:/.*)$");
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
