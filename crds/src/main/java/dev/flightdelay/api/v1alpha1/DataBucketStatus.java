package dev.flightdelay.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** What the operator observed of a DataBucket's bucket and its seed objects. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DataBucketStatus extends FlightDelayStatus {

  /** Where a DataBucket is in its life. */
  public enum Phase {
    Pending,
    Provisioning,
    Seeding,
    Ready,
    Failed,
    Deleting
  }

  @JsonPropertyDescription(
      "Pending, Provisioning, Seeding, Ready, Failed or Deleting.")
  private Phase phase;

  @JsonPropertyDescription("Name of the bucket the operator manages.")
  private String bucketName;

  @JsonPropertyDescription("ARN of the bucket.")
  private String arn;

  @JsonPropertyDescription("Region the bucket lives in.")
  private String region;

  @JsonPropertyDescription("S3 endpoint the bucket is reached at (empty for AWS S3).")
  private String endpoint;

  @JsonPropertyDescription("Number of objects in the bucket, as last listed.")
  private Long objects;

  @JsonPropertyDescription("Total size in bytes of the objects in the bucket, as last listed.")
  private Long bytes;

  @JsonPropertyDescription("Progress of each spec.seed object, in spec order.")
  private List<SeedStatus> seeds = new ArrayList<>();

  public Phase getPhase() {
    return phase;
  }

  public void setPhase(Phase phase) {
    this.phase = phase;
  }

  public String getBucketName() {
    return bucketName;
  }

  public void setBucketName(String bucketName) {
    this.bucketName = bucketName;
  }

  public String getArn() {
    return arn;
  }

  public void setArn(String arn) {
    this.arn = arn;
  }

  public String getRegion() {
    return region;
  }

  public void setRegion(String region) {
    this.region = region;
  }

  public String getEndpoint() {
    return endpoint;
  }

  public void setEndpoint(String endpoint) {
    this.endpoint = endpoint;
  }

  public Long getObjects() {
    return objects;
  }

  public void setObjects(Long objects) {
    this.objects = objects;
  }

  public Long getBytes() {
    return bytes;
  }

  public void setBytes(Long bytes) {
    this.bytes = bytes;
  }

  public List<SeedStatus> getSeeds() {
    return seeds;
  }

  public void setSeeds(List<SeedStatus> seeds) {
    this.seeds = seeds;
  }
}
