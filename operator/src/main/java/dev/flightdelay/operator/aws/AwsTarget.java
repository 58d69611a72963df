package dev.flightdelay.operator.aws;

import java.net.URI;

/**
 * Where and as whom to call AWS: region, optional endpoint override (S3-compatible stores,
 * emulators) with path-style addressing, and credentials from a Secret or, when null, the SDK's
 * default chain (environment, IRSA web identity, instance profile).
 */
public record AwsTarget(String region, URI endpoint, boolean pathStyle, StaticCredentials credentials) {

  /** The endpoint as users see it in status: empty for AWS itself. */
  public String endpointText() {
    return endpoint == null ? null : endpoint.toString();
  }
}
