package dev.flightdelay.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The desired S3 bucket: its name, its settings, and the objects to load into it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "!has(self.encryption) || self.encryption != 'SSE_KMS' || has(self.kmsKeyId)",
    message = "kmsKeyId is required when encryption is SSE_KMS",
    fieldPath = ".kmsKeyId")
@ValidationRule(
    value = "!has(self.kmsKeyId) || (has(self.encryption) && self.encryption == 'SSE_KMS')",
    message = "kmsKeyId is only used with encryption: SSE_KMS",
    fieldPath = ".kmsKeyId")
public class DataBucketSpec {

  @Required
  @Size(min = 3, max = 63)
  @Pattern(Patterns.BUCKET_NAME)
  @ValidationRule(
      value = "!self.matches('^[0-9]{1,3}([.][0-9]{1,3}){3}$')",
      message = "bucketName must not be formatted as an IP address")
  @ValidationRule(
      value = "!self.contains('..') && !self.contains('.-') && !self.contains('-.')",
      message = "bucketName must not contain '..', '.-' or '-.'")
  @ValidationRule(
      value = "!self.startsWith('xn--') && !self.startsWith('sthree-')"
          + " && !self.endsWith('-s3alias') && !self.endsWith('--ol-s3')",
      message = "bucketName must not use a prefix or suffix that S3 reserves")
  @ValidationRule(value = "self == oldSelf", message = "bucketName is immutable")
  @JsonPropertyDescription(
      "Name of the S3 bucket: 3-63 characters, lowercase letters, digits, dots and hyphens,"
          + " starting and ending with a letter or digit, not shaped like an IP address."
          + " Immutable.")
  private String bucketName;

  @Pattern(Patterns.AWS_REGION)
  @JsonPropertyDescription(
      "AWS region of the bucket, e.g. us-east-1. Defaults to the operator's default region.")
  private String region;

  @Pattern(Patterns.ENDPOINT_URL)
  @JsonPropertyDescription(
      "S3 endpoint URL for S3-compatible stores (MinIO, Ceph, a local emulator)."
          + " Empty means AWS S3 of the region (or the operator's configured endpoint). Any other"
          + " endpoint needs credentialsSecretRef, https unless the admin allows http, and an address"
          + " outside internal ranges (loopback, link-local, private) unless the admin allows it.")
  private String endpoint;

  @JsonPropertyDescription(
      "Address the bucket in the path (https://host/bucket) instead of the host name;"
          + " most S3-compatible stores need it.")
  private Boolean forcePathStyle;

  @JsonPropertyDescription(
      "Secret in this namespace with keys accessKeyId, secretAccessKey and optionally"
          + " sessionToken. Empty: the IAM role the admin mapped to this namespace, else (only in"
          + " namespaces the admin lists) the operator's own identity; elsewhere a Secret is required.")
  private LocalObjectRef credentialsSecretRef;

  @Default("SSE_S3")
  @JsonPropertyDescription(
      "Default encryption of objects: SSE_S3 (S3-managed keys) or SSE_KMS (a KMS key, see"
          + " kmsKeyId).")
  private BucketEncryption encryption;

  @Pattern("^(arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:(key|alias)/[A-Za-z0-9/_-]+|alias/[A-Za-z0-9/_-]+|[0-9a-f-]{36})$")
  @JsonPropertyDescription(
      "KMS key id, key ARN or alias for SSE_KMS encryption. Required with SSE_KMS.")
  private String kmsKeyId;

  @Default("false")
  @JsonPropertyDescription("Turn on S3 object versioning. Turning it off later suspends it.")
  private Boolean versioning;

  @Default("true")
  @JsonPropertyDescription(
      "Block all public access (the four S3 public access block settings). Set false only"
          + " for a bucket that is meant to be public.")
  private Boolean publicAccessBlock;

  @Size(max = 40)
  @JsonPropertyDescription(
      "Tags to put on the bucket, besides the flightdelay.dev/owner tag the operator adds.")
  private Map<String, @Size(max = 256) String> tags = new LinkedHashMap<>();

  @Default("Retain")
  @JsonPropertyDescription(
      "On delete of this resource: Retain (default) keeps the bucket and its data; Delete"
          + " deletes the bucket, which must be empty unless emptyOnDelete is true.")
  private DeletionPolicy deletionPolicy;

  @Default("false")
  @JsonPropertyDescription(
      "With deletionPolicy Delete, delete every object in the bucket before deleting it."
          + " Without it a non-empty bucket is kept and the resource waits (unless its namespace is"
          + " being deleted: then the bucket is left in place). Adopted buckets are emptied only in"
          + " namespaces the admin allows.")
  private Boolean emptyOnDelete;

  @Default("false")
  @JsonPropertyDescription(
      "Adopt a bucket that exists and was not created by this resource. Without it such a"
          + " bucket is refused with reason BucketOwnedElsewhere. Allowed only in namespaces the admin"
          + " lists; an adopted bucket keeps its tags and is never loosened, and a bucket another"
          + " namespace's resource owns is never adopted.")
  private Boolean adoptExisting;

  @Size(max = 100)
  @JsonPropertyDescription(
      "Objects to load into the bucket, each from exactly one source: url, s3Uri or"
          + " configMapRef. An object already present with the same content is not loaded"
          + " again.")
  private List<SeedObject> seed = new ArrayList<>();

  public String getBucketName() {
    return bucketName;
  }

  public void setBucketName(String bucketName) {
    this.bucketName = bucketName;
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

  public Boolean getForcePathStyle() {
    return forcePathStyle;
  }

  public void setForcePathStyle(Boolean forcePathStyle) {
    this.forcePathStyle = forcePathStyle;
  }

  public LocalObjectRef getCredentialsSecretRef() {
    return credentialsSecretRef;
  }

  public void setCredentialsSecretRef(LocalObjectRef credentialsSecretRef) {
    this.credentialsSecretRef = credentialsSecretRef;
  }

  public BucketEncryption getEncryption() {
    return encryption;
  }

  public void setEncryption(BucketEncryption encryption) {
    this.encryption = encryption;
  }

  public String getKmsKeyId() {
    return kmsKeyId;
  }

  public void setKmsKeyId(String kmsKeyId) {
    this.kmsKeyId = kmsKeyId;
  }

  public Boolean getVersioning() {
    return versioning;
  }

  public void setVersioning(Boolean versioning) {
    this.versioning = versioning;
  }

  public Boolean getPublicAccessBlock() {
    return publicAccessBlock;
  }

  public void setPublicAccessBlock(Boolean publicAccessBlock) {
    this.publicAccessBlock = publicAccessBlock;
  }

  public Map<String, String> getTags() {
    return tags;
  }

  public void setTags(Map<String, String> tags) {
    this.tags = tags;
  }

  public DeletionPolicy getDeletionPolicy() {
    return deletionPolicy;
  }

  public void setDeletionPolicy(DeletionPolicy deletionPolicy) {
    this.deletionPolicy = deletionPolicy;
  }

  public Boolean getEmptyOnDelete() {
    return emptyOnDelete;
  }

  public void setEmptyOnDelete(Boolean emptyOnDelete) {
    this.emptyOnDelete = emptyOnDelete;
  }

  public Boolean getAdoptExisting() {
    return adoptExisting;
  }

  public void setAdoptExisting(Boolean adoptExisting) {
    this.adoptExisting = adoptExisting;
  }

  public List<SeedObject> getSeed() {
    return seed;
  }

  public void setSeed(List<SeedObject> seed) {
    this.seed = seed;
  }
}
