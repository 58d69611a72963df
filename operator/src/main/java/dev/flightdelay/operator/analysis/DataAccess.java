package dev.flightdelay.operator.analysis;

import java.net.URI;

/**
 * Where the job reads and writes, and how it reaches S3.
 *
 * @param input the input URI (s3a:// or file:)
 * @param output the output directory URI, or null for status only
 * @param s3 the S3A settings, or null when the job touches no S3 store the operator knows of
 */
public record DataAccess(String input, String output, S3Access s3) {

  /**
   * How S3A reaches the store of a DataBucket.
   *
   * @param endpoint the endpoint override, null for AWS S3
   * @param region the region of the bucket
   * @param pathStyle path-style addressing (S3-compatible stores)
   * @param credentialsSecret the Secret with accessKeyId / secretAccessKey (and maybe
   *     sessionToken), null for the default chain (IRSA, instance profile)
   * @param sessionToken whether that Secret holds a sessionToken
   */
  public record S3Access(URI endpoint, String region, boolean pathStyle, String credentialsSecret, boolean sessionToken) {}
}
