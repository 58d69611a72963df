package dev.flightdelay.api.v1alpha1;

/**
 * Regular expressions shared by the schema. They avoid look-around because the API server
 * evaluates {@code pattern} with RE2, which has none.
 */
final class Patterns {

  /** A Kubernetes object name (RFC 1123 subdomain). */
  static final String DNS_SUBDOMAIN =
      "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";

  /** A ConfigMap or Secret data key. */
  static final String CONFIG_MAP_KEY = "^[-._a-zA-Z0-9]+$";

  /** S3 bucket naming rules that a pattern can hold: 3-63 characters of a-z, 0-9, '.', '-'. */
  static final String BUCKET_NAME = "^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$";

  /** An AWS region such as us-east-1 or eu-central-2. */
  static final String AWS_REGION = "^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-[0-9]+$";

  /** An http(s) endpoint URL without path, query or credentials. */
  static final String ENDPOINT_URL = "^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?/?$";

  /** An IPv4 CIDR block such as 203.0.113.0/24. */
  static final String IPV4_CIDR =
      "^((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}"
          + "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])/(3[0-2]|[12]?[0-9])$";

  /** A Spark / Kubernetes memory amount as Spark reads it: 512m, 2g, 4096 (MiB). */
  static final String SPARK_MEMORY = "^[1-9][0-9]*[kKmMgGtT]?$";

  /** A dotted version such as 4.1.1 or 3. */
  static final String VERSION = "^[0-9]+(\\.[0-9]+){0,2}$";

  /** An S3 object key: 1 to 1024 characters, no leading slash. */
  static final String OBJECT_KEY = "^[^/].{0,1023}$";

  /** A data location Spark reads or writes: s3a://bucket/key or file:/path. */
  static final String DATA_URI = "^(s3a://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]/[^\\s]*|file:/[^\\s]*)$";

  /**
   * A container image reference as the distribution grammar defines it: an optional registry
   * (host[:port]/), lower-case path components, an optional tag and an optional digest. No '$',
   * space or '..': Spark would expand a ${...} in it inside the operator.
   */
  static final String IMAGE_REFERENCE =
      "^([a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?(\\.[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?)*(:[0-9]{1,5})?/)?"
          + "[a-z0-9]+(([._]|__|-+)[a-z0-9]+)*(/[a-z0-9]+(([._]|__|-+)[a-z0-9]+)*)*"
          + "(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(@[A-Za-z][A-Za-z0-9]*([-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?$";

  private Patterns() {}
}
