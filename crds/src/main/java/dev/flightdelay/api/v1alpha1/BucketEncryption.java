package dev.flightdelay.api.v1alpha1;

/** Server-side default encryption of a bucket. */
public enum BucketEncryption {
  /** AES-256 with keys S3 manages. */
  SSE_S3,
  /** A KMS key named by kmsKeyId. */
  SSE_KMS
}
