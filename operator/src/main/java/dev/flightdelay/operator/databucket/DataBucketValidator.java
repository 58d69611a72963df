package dev.flightdelay.operator.databucket;

import dev.flightdelay.api.v1alpha1.BucketEncryption;
import dev.flightdelay.api.v1alpha1.DataBucket;
import dev.flightdelay.api.v1alpha1.DataBucketSpec;
import dev.flightdelay.api.v1alpha1.SeedObject;
import dev.flightdelay.operator.aws.AwsIdentity;
import dev.flightdelay.operator.aws.IdentityResolver;
import dev.flightdelay.operator.policy.Cidr;
import dev.flightdelay.operator.policy.TenancyPolicy;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The checks a CRD schema cannot make, before any AWS call: the credentials Secret and its
 * keys, the seed sources, the KMS key; and what the admin's policy allows the namespace: the
 * AWS identity, adoption, seed URL schemes and literal addresses. The schema's own rules are checked again, so a resource
 * stored before the CRD had them is still refused cleanly.
 */
final class DataBucketValidator {

  /** The outcome: a spec the operator can act on, or the first problem found. */
  sealed interface Result permits Valid, InvalidSpec {}

  /** A spec the operator can act on, with the AWS identity the namespace is allowed. */
  record Valid(AwsIdentity identity) implements Result {}

  private final KubernetesClient client;
  private final IdentityResolver identities;
  private final TenancyPolicy policy;
  private final URI adminEndpoint;

  /** @param adminEndpoint the S3 endpoint the admin configured (FLIGHTDELAY_S3_ENDPOINT), null for AWS */
  DataBucketValidator(KubernetesClient client, IdentityResolver identities, TenancyPolicy policy, URI adminEndpoint) {
    this.client = client;
    this.identities = identities;
    this.policy = policy;
    this.adminEndpoint = adminEndpoint;
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
    if (Boolean.TRUE.equals(spec.getAdoptExisting()) && !policy.mayAdopt(namespace)) {
      return new InvalidSpec(TenancyPolicy.FORBIDDEN, "spec.adoptExisting", "adopting a bucket this operator did not"
          + " create is not allowed in namespace " + namespace + " (FLIGHTDELAY_ADOPT_NAMESPACES)");
    }
    return identity(bucket);
  }

  /** Only the identity: all that deleting needs (its seeds' ConfigMaps may be gone by then). */
  Result identity(DataBucket bucket) {
    if (bucket.getSpec().getEndpoint() != null && bucket.getSpec().getCredentialsSecretRef() == null) {
      // A role's or the operator's credentials sign requests for AWS only, never for a store the user names.
      return new InvalidSpec(TenancyPolicy.FORBIDDEN, "spec.endpoint",
          "a custom S3 endpoint needs spec.credentialsSecretRef: the namespace's role and the operator's own"
              + " identity are only used with AWS or the endpoint the admin set (FLIGHTDELAY_S3_ENDPOINT)");
    }
    String endpoint = bucket.getSpec().getEndpoint();
    if (endpoint != null && !isAdminEndpoint(endpoint)) {
      Optional<InvalidSpec> endpointProblem = validateUrl("spec.endpoint", endpoint, "a resource's own endpoint");
      if (endpointProblem.isPresent()) {
        return endpointProblem.get();
      }
    }
    try {
      return new Valid(identities.resolve(bucket.getMetadata().getNamespace(),
          bucket.getSpec().getCredentialsSecretRef(), "spec.credentialsSecretRef"));
    } catch (IdentityResolver.NoIdentity e) {
      return new InvalidSpec(e.reason(), e.field(), e.getMessage());
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
      if (seed.getUrl() != null) {
        Optional<InvalidSpec> urlProblem = validateUrl(field + ".url", seed.getUrl(), "seeds");
        if (urlProblem.isPresent()) {
          return urlProblem;
        }
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

  /**
   * The scheme, and an address written into the URL, checked before anything is fetched; a host
   * name is checked where it is resolved, at connect time.
   */
  private boolean isAdminEndpoint(String endpoint) {
    try {
      return URI.create(endpoint).equals(adminEndpoint);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** @param purpose what connects there, for the message: "seeds", "a resource's own endpoint" */
  private Optional<InvalidSpec> validateUrl(String field, String url, String purpose) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      return Optional.of(new InvalidSpec(field, "is not an http(s) URL"));
    }
    if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
      return Optional.of(new InvalidSpec(field, "is not an http(s) URL"));
    }
    if (!policy.seeds().allowsScheme(uri.getScheme())) {
      return Optional.of(new InvalidSpec(TenancyPolicy.FORBIDDEN, field,
          "plain http is not allowed for " + purpose + " on this operator; use https (FLIGHTDELAY_SEED_ALLOW_HTTP)"));
    }
    String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
    if (host.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*") || "localhost".equalsIgnoreCase(host)) {
      try {
        for (InetAddress address : InetAddress.getAllByName(host)) {
          Optional<Cidr> range = policy.seeds().refusedRange(address);
          if (range.isPresent()) {
            return Optional.of(new InvalidSpec(TenancyPolicy.FORBIDDEN, field, "names " + address.getHostAddress()
                + ", in " + range.get() + ", an internal range " + purpose + " may not reach (FLIGHTDELAY_SEED_ALLOWED_CIDRS)"));
          }
        }
      } catch (UnknownHostException e) {
        return Optional.of(new InvalidSpec(field, "has an address that is not valid"));
      }
    }
    return Optional.empty();
  }
}
