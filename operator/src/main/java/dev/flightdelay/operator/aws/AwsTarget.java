package dev.flightdelay.operator.aws;

import java.net.URI;

/**
 * Where and as whom to call AWS: region, optional endpoint override (S3-compatible stores,
 * emulators) with path-style addressing, and the identity the resource is allowed.
 */
public record AwsTarget(String region, URI endpoint, boolean pathStyle, AwsIdentity identity) {

  /** The endpoint as users see it in status: empty for AWS itself. */
  public String endpointText() {
    return endpoint == null ? null : endpoint.toString();
  }
}
