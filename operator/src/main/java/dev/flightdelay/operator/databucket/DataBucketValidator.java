package dev.flightdelay.operator.databucket;

import dev.flightdelay.api.v1alpha1.BucketEncryption;
import dev.flightdelay.api.v1alpha1.DataBucket;
import dev.flightdelay.api.v1alpha1.DataBucketSpec;
import dev.flightdelay.api.v1alpha1.SeedObject;
import dev.flightdelay.operator.aws.CredentialsSecretReader;
import dev.flightdelay.operator.aws.StaticCredentials;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The checks a CRD schema cannot make, before any AWS call: the credentials Secret and its
 * keys, the seed sources, the KMS key. The schema's own rules are checked again, so a resource
 * stored before the CRD had them is still refused cleanly.
 */
final class DataBucketValidator {

  /** The outcome: a spec the operator can act on, or the first problem found. */
  sealed interface Result permits Valid, InvalidSpec {}

  /** A spec the operator can act on, with the credentials to use (empty: the default chain). */
  record Valid(Optional<StaticCredentials> credentials) implements Result {}

  private final KubernetesClient client;
  private final CredentialsSecretReader secrets;

  DataBucketValidator(KubernetesClient client, CredentialsSecretReader secrets) {
    this.client = client;
    this.secrets = secrets;
  }

  Result validate(DataBucket bucket) {
    DataBucketSpec spec = bucket.getSpec();
    String namespace = bucket.getMetadata().getNamespace();
    if (spec == null || spec.getBucketName() == null || spec.getBucketName().isBlank()) {
      return new InvalidSpec("spec.bucketName", "is required");
    }
    if (spec.getEncryption() == BucketEncryption.SSE_KMS && (spec.getKmsKeyId() == null || spec.getKmsKeyId().isBlank())) {
      return new InvalidSpec("spec.kmsKeyId", "is required when encryption is SSE_KMS");
    }
    Optional<InvalidSpec> seedProblem = validateSeeds(namespace, spec.getSeed() == null ? List.of() : spec.getSeed());
    if (seedProblem.isPresent()) {
      return seedProblem.get();
    }
    try {
      return new Valid(secrets.read(namespace, spec.getCredentialsSecretRef()));
    } catch (CredentialsSecretReader.UnusableSecret e) {
      return new InvalidSpec("spec.credentialsSecretRef", e.getMessage());
    }
  }

  private Optional<InvalidSpec> validateSeeds(String namespace, List<SeedObject> seeds) {
    Set<String> keys = new HashSet<>();
    for (int i = 0; i < seeds.size(); i++) {
      SeedObject seed = seeds.get(i);
      String field = "spec.seed[" + i + "]";
      if (seed.getKey() == null || seed.getKey().isBlank()) {
        return Optional.of(new InvalidSpec(field + ".key", "is required"));
      }
      if (!keys.add(seed.getKey())) {
        return Optional.of(new InvalidSpec(field + ".key", "'" + seed.getKey() + "' is loaded by an earlier seed too"));
      }
      int sources = (seed.getUrl() == null ? 0 : 1) + (seed.getS3Uri() == null ? 0 : 1) + (seed.getConfigMapRef() == null ? 0 : 1);
      if (sources != 1) {
        return Optional.of(new InvalidSpec(field, "needs exactly one of url, s3Uri or configMapRef"));
      }
      if (seed.getUrl() != null && !isHttpUrl(seed.getUrl())) {
        return Optional.of(new InvalidSpec(field + ".url", "is not an http(s) URL"));
      }
      if (seed.getS3Uri() != null && S3Location.parse(seed.getS3Uri()).isEmpty()) {
        return Optional.of(new InvalidSpec(field + ".s3Uri", "is not s3://bucket/key"));
      }
      if (seed.getConfigMapRef() != null) {
        ConfigMap configMap =
            client.configMaps().inNamespace(namespace).withName(seed.getConfigMapRef().getName()).get();
        String key = seed.getConfigMapRef().getKey();
        if (configMap == null) {
          return Optional.of(new InvalidSpec(field + ".configMapRef", "ConfigMap " + seed.getConfigMapRef().getName() + " does not exist"));
        }
        boolean hasKey =
            (configMap.getData() != null && configMap.getData().containsKey(key))
                || (configMap.getBinaryData() != null && configMap.getBinaryData().containsKey(key));
        if (!hasKey) {
          return Optional.of(new InvalidSpec(field + ".configMapRef.key", "ConfigMap " + seed.getConfigMapRef().getName() + " has no key " + key));
        }
      }
    }
    return Optional.empty();
  }

  private static boolean isHttpUrl(String url) {
    try {
      URI uri = URI.create(url);
      return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
