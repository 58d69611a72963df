package dev.flightdelay.operator.aws;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/** Keys read from a credentials Secret. Never printed: toString shows the key id only. */
public record StaticCredentials(String accessKeyId, String secretAccessKey, String sessionToken) {

  AwsCredentials toSdk() {
    return sessionToken == null
        ? AwsBasicCredentials.create(accessKeyId, secretAccessKey)
        : AwsSessionCredentials.create(accessKeyId, secretAccessKey, sessionToken);
  }

  @Override
  public String toString() {
    return "StaticCredentials[accessKeyId=" + accessKeyId + ", secretAccessKey=***]";
  }
}
