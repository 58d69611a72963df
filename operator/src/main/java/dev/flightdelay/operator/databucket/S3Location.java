package dev.flightdelay.operator.databucket;

import java.util.Optional;

/** An s3://bucket/key URI. */
record S3Location(String bucket, String key) {

  static Optional<S3Location> parse(String uri) {
    if (uri == null || !uri.startsWith("s3://")) {
      return Optional.empty();
    }
    String rest = uri.substring("s3://".length());
    int slash = rest.indexOf('/');
    if (slash <= 0 || slash == rest.length() - 1) {
      return Optional.empty();
    }
    return Optional.of(new S3Location(rest.substring(0, slash), rest.substring(slash + 1)));
  }
}
