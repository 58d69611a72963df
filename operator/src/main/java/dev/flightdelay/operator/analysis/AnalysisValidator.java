package dev.flightdelay.operator.analysis;

import dev.flightdelay.api.v1alpha1.DelayAnalysis;
import dev.flightdelay.api.v1alpha1.DelayAnalysisSpec;
import dev.flightdelay.api.v1alpha1.SparkConfAllowlist;
import dev.flightdelay.api.v1alpha1.SparkSpec;
import dev.flightdelay.operator.policy.ImagePolicy;
import dev.flightdelay.operator.policy.TenancyPolicy;
import java.util.Map;
import java.util.Optional;

/**
 * The checks the CRD schema makes with CEL, made again by the reconciler (an API server without
 * CEL, or an object stored before a rule existed, must not reach Spark), and what the admin's
 * policy allows the namespace: the Spark conf allowlist, the image, the local runner, file: URIs.
 * Spark expands ${...} in any setting it reads, inside the operator: no value that reaches it
 * may hold one, and no refusal repeats a value that could.
 */
public final class AnalysisValidator {

  private final TenancyPolicy policy;
  private final ImagePolicy images;

  public AnalysisValidator(TenancyPolicy policy, ImagePolicy images) {
    this.policy = policy;
    this.images = images;
  }

  /** The outcome: a spec to run, or the field that stops it. */
  public sealed interface Result permits Valid, Invalid {}

  public record Valid() implements Result {}

  /** The field that stops the run: InvalidSpec, or Forbidden by the admin's policy. */
  public record Invalid(String reason, String field, String message) implements Result {
    public Invalid(String field, String message) {
      this("InvalidSpec", field, message);
    }

    static Invalid forbidden(TenancyPolicy.Refusal refusal) {
      return new Invalid(TenancyPolicy.FORBIDDEN, refusal.field(), refusal.message());
    }

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
    SparkSpec spark = spec.getSpark() == null ? new SparkSpec() : spec.getSpark();
    if (spark.getConf() != null) {
      for (Map.Entry<String, String> entry : spark.getConf().entrySet()) {
        Optional<SparkConfAllowlist.Refusal> refusal = SparkConfAllowlist.refusal(entry.getKey(), entry.getValue());
        if (refusal.isPresent()) {
          // A key off the list is the admin's refusal; a listed key with a value of another type is a mistake.
          return new Invalid(refusal.get().malformed() ? "InvalidSpec" : TenancyPolicy.FORBIDDEN,
              "spec.spark.conf[" + entry.getKey() + "]", refusal.get().message());
        }
      }
    }
    if (spark.getImage() != null && !spark.getImage().matches(SparkSpec.IMAGE_PATTERN)) {
      return new Invalid("spec.spark.image", "not an image reference such as ghcr.io/acme/flight-delay-job:1.0.0");
    }
    Optional<TenancyPolicy.Refusal> refused = images.refusal("spec.spark.image", spark.getImage())
        .or(() -> spec.getRunner() == DelayAnalysisSpec.Runner.local
            ? policy.localRunnerRefusal() : Optional.<TenancyPolicy.Refusal>empty())
        .or(() -> policy.fileRefusal("spec.inputUri", spec.getInputUri()))
        .or(() -> policy.fileRefusal("spec.outputUri", spec.getOutputUri()));
    return refused.<Result>map(Invalid::forbidden).orElseGet(Valid::new);
  }

  /** Whether a spark.conf entry may reach Spark: on the allowlist (checked again where it is used). */
  static boolean isAllowed(String key, String value) {
    return SparkConfAllowlist.refusal(key, value).isEmpty();
  }

  private static boolean isDataUri(String uri) {
    return uri.matches("^(s3a://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/.*)?|file:/.*)$");
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
