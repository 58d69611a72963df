package dev.flightdelay.operator.analysis;

import dev.flightdelay.api.v1alpha1.DataBucket;
import dev.flightdelay.api.v1alpha1.DataBucketSpec;
import dev.flightdelay.api.v1alpha1.DataBucketStatus;
import dev.flightdelay.api.v1alpha1.DelayAnalysis;
import dev.flightdelay.api.v1alpha1.DelayAnalysisSpec;
import dev.flightdelay.operator.OperatorConfig;
import dev.flightdelay.operator.aws.CredentialsSecretReader;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the spec's input into what the job reads: a URI as given, or the key in a DataBucket's
 * bucket once that DataBucket is Ready, with the S3A settings and the Secret of that DataBucket.
 */
public final class InputResolver {

  /** The data is there to read, or why the analysis waits. */
  public sealed interface Resolution permits Available, Waiting {}

  public record Available(DataAccess access) implements Resolution {}

  public record Waiting(String reason, String message) implements Resolution {}

  private final OperatorConfig config;
  private final KubernetesClient client;

  public InputResolver(OperatorConfig config, KubernetesClient client) {
    this.config = config;
    this.client = client;
  }

  public Resolution resolve(DelayAnalysis analysis, Optional<DataBucket> referenced) {
    DelayAnalysisSpec spec = analysis.getSpec();
    if (spec.getDataBucketRef() == null) {
      boolean s3 = spec.getInputUri().startsWith("s3a:") || (spec.getOutputUri() != null && spec.getOutputUri().startsWith("s3a:"));
      DataAccess.S3Access access = s3
          ? new DataAccess.S3Access(config.s3Endpoint(), config.defaultRegion(), config.s3Endpoint() != null, null, false)
          : null;
      return new Available(new DataAccess(spec.getInputUri(), spec.getOutputUri(), access));
    }
    String name = spec.getDataBucketRef().getName();
    if (referenced.isEmpty()) {
      return new Waiting("DataBucketNotFound", "DataBucket " + name + " does not exist (yet)");
    }
    DataBucket bucket = referenced.get();
    DataBucketStatus status = bucket.getStatus();
    boolean ready = status != null && status.getPhase() == DataBucketStatus.Phase.Ready && status.getBucketName() != null
        && status.condition("Ready").map(c -> "True".equals(c.getStatus())).orElse(false);
    if (!ready) {
      String phase = status == null || status.getPhase() == null ? "Pending" : status.getPhase().name();
      String why = status == null || status.getMessage() == null ? "" : ": " + status.getMessage();
      return new Waiting("DataBucketNotReady", "DataBucket " + name + " is " + phase + why);
    }
    String root = "s3a://" + status.getBucketName() + "/";
    String output = spec.getOutputUri() != null ? spec.getOutputUri()
        : root + (spec.getOutputKey() != null ? spec.getOutputKey()
            : "results/" + analysis.getMetadata().getNamespace() + "/" + analysis.getMetadata().getName() + "/");
    DataBucketSpec bucketSpec = bucket.getSpec();
    boolean pathStyle = bucketSpec.getEndpoint() != null
        ? Boolean.TRUE.equals(bucketSpec.getForcePathStyle())
        : config.s3Endpoint() != null || Boolean.TRUE.equals(bucketSpec.getForcePathStyle());
    String secret = bucketSpec.getCredentialsSecretRef() == null ? null : bucketSpec.getCredentialsSecretRef().getName();
    DataAccess.S3Access access = new DataAccess.S3Access(
        status.getEndpoint() == null ? null : URI.create(status.getEndpoint()),
        status.getRegion(), pathStyle, secret, secret != null && hasSessionToken(analysis.getMetadata().getNamespace(), secret));
    return new Available(new DataAccess(root + spec.getKey(), output, access));
  }

  /** Only which keys the Secret has; its values are never read here. */
  private boolean hasSessionToken(String namespace, String secretName) {
    Secret secret = client.secrets().inNamespace(namespace).withName(secretName).get();
    if (secret == null) {
      return false;
    }
    Map<String, String> data = secret.getData();
    Map<String, String> stringData = secret.getStringData();
    return (data != null && data.containsKey(CredentialsSecretReader.SESSION_TOKEN))
        || (stringData != null && stringData.containsKey(CredentialsSecretReader.SESSION_TOKEN));
  }
}
