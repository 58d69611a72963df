package dev.flightdelay.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** One object to load into a bucket, and where its content comes from. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "(has(self.url) ? 1 : 0) + (has(self.s3Uri) ? 1 : 0) + (has(self.configMapRef) ? 1 : 0) == 1",
    message = "exactly one of url, s3Uri or configMapRef must be set")
public class SeedObject {

  @Required
  @Pattern(Patterns.OBJECT_KEY)
  @JsonPropertyDescription("Key of the object in the bucket, e.g. nycflights13/flights.csv.gz.")
  private String key;

  @Pattern("^https?://[^\\s]+$")
  @JsonPropertyDescription("An http(s) URL to stream the object from.")
  private String url;

  @Pattern("^s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]/[^\\s]+$")
  @JsonPropertyDescription(
      "An object in another bucket, s3://bucket/key, copied server-side with this bucket's"
          + " credentials.")
  private String s3Uri;

  @JsonPropertyDescription("A ConfigMap key in this namespace holding the object's content.")
  private ConfigMapKeyRef configMapRef;

  @Pattern("^[0-9a-f]{64}$")
  @JsonPropertyDescription(
      "Expected SHA-256 of the content, lowercase hex. When set, the load fails on a mismatch"
          + " and an object already present is kept only if it carries the same checksum.")
  private String sha256;

  public String getKey() {
    return key;
  }

  public void setKey(String key) {
    this.key = key;
  }

  public String getUrl() {
    return url;
  }

  public void setUrl(String url) {
    this.url = url;
  }

  public String getS3Uri() {
    return s3Uri;
  }

  public void setS3Uri(String s3Uri) {
    this.s3Uri = s3Uri;
  }

  public ConfigMapKeyRef getConfigMapRef() {
    return configMapRef;
  }

  public void setConfigMapRef(ConfigMapKeyRef configMapRef) {
    this.configMapRef = configMapRef;
  }

  public String getSha256() {
    return sha256;
  }

  public void setSha256(String sha256) {
    this.sha256 = sha256;
  }
}
