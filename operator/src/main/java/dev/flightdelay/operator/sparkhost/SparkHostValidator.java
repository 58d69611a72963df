package dev.flightdelay.operator.sparkhost;

import dev.flightdelay.api.v1alpha1.SparkHost;
import dev.flightdelay.api.v1alpha1.SparkHostSpec;
import dev.flightdelay.operator.aws.AwsIdentity;
import dev.flightdelay.operator.aws.IdentityResolver;
import dev.flightdelay.operator.policy.Cidr;
import dev.flightdelay.operator.policy.TenancyPolicy;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checks a CRD schema cannot make, before any AWS call: the credentials Secret and what
 * the namespace's policy allows, the CIDRs (host bits, repeats), the ports, the tags the
 * operator reserves. The schema's own rules are checked again, so a resource stored before the
 * CRD had them (or by an API server that skips CEL) is refused cleanly too.
 */
final class SparkHostValidator {

  /** The outcome: a spec the operator can act on, or the first problem found. */
  sealed interface Result permits Valid, InvalidSpec {}

  /** A spec the operator can act on: its AWS identity and what it opens to which networks. */
  record Valid(AwsIdentity identity, Access access) implements Result {}

  private final IdentityResolver identities;

  SparkHostValidator(IdentityResolver identities) {
    this.identities = identities;
  }

  Result validate(SparkHost host) {
    SparkHostSpec spec = host.getSpec();
    if (spec == null) {
      return new InvalidSpec("spec", "is required");
    }
    if (spec.getImageId() != null && spec.getImageFilter() != null) {
      return new InvalidSpec("spec.imageFilter", "set imageId or imageFilter, not both");
    }
    if (spec.getImageFilter() != null && (spec.getImageFilter().getName() == null || spec.getImageFilter().getName().isBlank())) {
      return new InvalidSpec("spec.imageFilter.name", "is required");
    }
    Access access = Access.of(spec);
    if (access.sshPort() != null && access.sshPort().equals(access.jupyterPort())) {
      return new InvalidSpec("spec.jupyter.port", "is " + access.jupyterPort() + ", the SSH port too");
    }
    List<String> cidrs = spec.getAllowedCidrs() == null ? List.of() : spec.getAllowedCidrs();
    if (access.opensPorts() && cidrs.isEmpty()) {
      return new InvalidSpec("spec.allowedCidrs", "needs at least one CIDR while SSH or Jupyter is open");
    }
    Set<String> seen = new LinkedHashSet<>();
    for (int i = 0; i < cidrs.size(); i++) {
      String field = "spec.allowedCidrs[" + i + "]";
      String text = cidrs.get(i) == null ? "" : cidrs.get(i).strip();
      Cidr cidr;
      try {
        cidr = Cidr.parse(text);
      } catch (IllegalArgumentException e) {
        return new InvalidSpec(field, "'" + text + "' is not an IPv4 CIDR block");
      }
      if (cidr.network().length != 4 || !text.contains("/")) {
        return new InvalidSpec(field, "'" + text + "' is not an IPv4 CIDR block such as 203.0.113.0/24");
      }
      String network = networkOf(cidr);
      if (!network.equals(text)) {
        return new InvalidSpec(field, "'" + text + "' has bits set after its prefix; the block is " + network);
      }
      if (!seen.add(network)) {
        return new InvalidSpec(field, "'" + text + "' is listed twice");
      }
    }
    Map<String, String> tags = spec.getTags() == null ? Map.of() : spec.getTags();
    for (String key : tags.keySet()) {
      if (key.regionMatches(true, 0, "aws:", 0, 4)) {
        return new InvalidSpec("spec.tags", "key '" + key + "': the aws: prefix is reserved by AWS");
      }
      if (key.startsWith("flightdelay.dev/") || key.startsWith("app.kubernetes.io/")) {
        return new InvalidSpec("spec.tags", "key '" + key + "' is set by the operator");
      }
    }
    if (spec.getEndpoint() != null && spec.getCredentialsSecretRef() == null) {
      // A role's or the operator's credentials sign requests for AWS only, never for an endpoint the user names.
      return new InvalidSpec(TenancyPolicy.FORBIDDEN, "spec.endpoint",
          "a custom endpoint needs spec.credentialsSecretRef: the namespace's role and the operator's own"
              + " identity are only used with AWS or the endpoint the admin set (FLIGHTDELAY_EC2_ENDPOINT)");
    }
    try {
      AwsIdentity identity = identities.resolve(host.getMetadata().getNamespace(), spec.getCredentialsSecretRef(),
          "spec.credentialsSecretRef");
      return new Valid(identity, access.withCidrs(new ArrayList<>(seen)));
    } catch (IdentityResolver.NoIdentity e) {
      return new InvalidSpec(e.reason(), e.field(), e.getMessage());
    }
  }

  /** Only the identity: all that deleting needs. */
  Result identity(SparkHost host) {
    SparkHostSpec spec = host.getSpec();
    if (spec.getEndpoint() != null && spec.getCredentialsSecretRef() == null) {
      return new InvalidSpec(TenancyPolicy.FORBIDDEN, "spec.endpoint", "a custom endpoint needs spec.credentialsSecretRef");
    }
    try {
      return new Valid(identities.resolve(host.getMetadata().getNamespace(), spec.getCredentialsSecretRef(),
          "spec.credentialsSecretRef"), Access.of(spec));
    } catch (IdentityResolver.NoIdentity e) {
      return new InvalidSpec(e.reason(), e.field(), e.getMessage());
    }
  }

  private static String networkOf(Cidr cidr) {
    byte[] bytes = cidr.network().clone();
    int prefix = cidr.prefixLength();
    for (int i = 0; i < bytes.length; i++) {
      int keep = Math.max(0, Math.min(8, prefix - i * 8));
      bytes[i] = (byte) (bytes[i] & (0xff << (8 - keep)));
    }
    return (bytes[0] & 0xff) + "." + (bytes[1] & 0xff) + "." + (bytes[2] & 0xff) + "." + (bytes[3] & 0xff) + "/" + prefix;
  }
}
