package dev.flightdelay.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The desired EC2 instance with Spark and Jupyter. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "!(has(self.imageId) && has(self.imageFilter))",
    message = "set imageId or imageFilter, not both",
    fieldPath = ".imageFilter")
@ValidationRule(
    value = "(has(self.ssh) && has(self.ssh.enabled) && !self.ssh.enabled"
        + " && has(self.jupyter) && has(self.jupyter.enabled) && !self.jupyter.enabled)"
        + " || (has(self.allowedCidrs) && size(self.allowedCidrs) > 0)",
    message = "allowedCidrs needs at least one CIDR while SSH or Jupyter is open",
    fieldPath = ".allowedCidrs")
public class SparkHostSpec {

  @Pattern(Patterns.AWS_REGION)
  @JsonPropertyDescription(
      "AWS region of the instance. Defaults to the operator's default region.")
  private String region;

  @Pattern(Patterns.ENDPOINT_URL)
  @JsonPropertyDescription(
      "EC2 and IAM endpoint URL override, for emulators that serve both on one endpoint; needs"
          + " credentialsSecretRef. Empty means AWS.")
  private String endpoint;

  @JsonPropertyDescription(
      "Secret in this namespace with keys accessKeyId, secretAccessKey and optionally"
          + " sessionToken. Empty: the IAM role the admin mapped to this namespace, else (only in"
          + " namespaces the admin lists) the operator's own identity; elsewhere a Secret is required.")
  private LocalObjectRef credentialsSecretRef;

  @Default("m5.xlarge")
  @Pattern("^[a-z][a-z0-9-]*\\.[a-z0-9]+$")
  @JsonPropertyDescription("EC2 instance type.")
  private String instanceType;

  @Pattern("^ami-[0-9a-f]{8}([0-9a-f]{9})?$")
  @JsonPropertyDescription(
      "AMI id. Without it and without imageFilter the newest Debian 12 image is looked up.")
  private String imageId;

  @JsonPropertyDescription("Look the AMI up by name, owner and architecture instead of imageId.")
  private ImageFilter imageFilter;

  @Default("4.1.1")
  @Pattern(Patterns.VERSION)
  @JsonPropertyDescription("Apache Spark version installed by cloud-init.")
  private String sparkVersion;

  @Default("3")
  @Pattern(Patterns.VERSION)
  @JsonPropertyDescription("Hadoop line of the Spark build (spark-<version>-bin-hadoop<this>).")
  private String hadoopVersion;

  @JsonPropertyDescription("The Jupyter server.")
  private JupyterSpec jupyter;

  @JsonPropertyDescription("SSH access.")
  private SshSpec ssh;

  @Size(max = 50)
  @JsonPropertyDescription(
      "IPv4 CIDR blocks allowed to reach SSH and Jupyter. Nothing else is opened; 0.0.0.0/0"
          + " only when listed here.")
  private List<@Pattern(Patterns.IPV4_CIDR) String> allowedCidrs = new ArrayList<>();

  @Pattern("^subnet-[0-9a-f]{8}([0-9a-f]{9})?$")
  @JsonPropertyDescription("Subnet to launch in. Empty means the default VPC's default subnet.")
  private String subnetId;

  @Size(min = 1, max = 255)
  @Pattern("^[\\x20-\\x7E]+$")
  @JsonPropertyDescription(
      "Existing EC2 key pair to use. Empty means a key pair is generated and its private key"
          + " stored in a Secret.")
  private String keyName;

  @Default("30")
  @Min(8)
  @Max(16384)
  @JsonPropertyDescription("Size of the encrypted root volume in GiB (8-16384).")
  private Integer rootVolumeGiB;

  @JsonPropertyDescription(
      "DataBucket in this namespace the instance may read (through its instance profile).")
  private LocalObjectRef dataBucketRef;

  @Default("Delete")
  @JsonPropertyDescription(
      "On delete of this resource: Delete (default) terminates the instance and removes what"
          + " the operator created; Retain leaves the instance running.")
  private DeletionPolicy deletionPolicy;

  @Size(max = 40)
  @JsonPropertyDescription("Tags to put on the instance and everything created for it.")
  private Map<String, @Size(max = 256) String> tags = new LinkedHashMap<>();

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

  public LocalObjectRef getCredentialsSecretRef() {
    return credentialsSecretRef;
  }

  public void setCredentialsSecretRef(LocalObjectRef credentialsSecretRef) {
    this.credentialsSecretRef = credentialsSecretRef;
  }

  public String getInstanceType() {
    return instanceType;
  }

  public void setInstanceType(String instanceType) {
    this.instanceType = instanceType;
  }

  public String getImageId() {
    return imageId;
  }

  public void setImageId(String imageId) {
    this.imageId = imageId;
  }

  public ImageFilter getImageFilter() {
    return imageFilter;
  }

  public void setImageFilter(ImageFilter imageFilter) {
    this.imageFilter = imageFilter;
  }

  public String getSparkVersion() {
    return sparkVersion;
  }

  public void setSparkVersion(String sparkVersion) {
    this.sparkVersion = sparkVersion;
  }

  public String getHadoopVersion() {
    return hadoopVersion;
  }

  public void setHadoopVersion(String hadoopVersion) {
    this.hadoopVersion = hadoopVersion;
  }

  public JupyterSpec getJupyter() {
    return jupyter;
  }

  public void setJupyter(JupyterSpec jupyter) {
    this.jupyter = jupyter;
  }

  public SshSpec getSsh() {
    return ssh;
  }

  public void setSsh(SshSpec ssh) {
    this.ssh = ssh;
  }

  public List<@Pattern(Patterns.IPV4_CIDR) String> getAllowedCidrs() {
    return allowedCidrs;
  }

  public void setAllowedCidrs(List<String> allowedCidrs) {
    this.allowedCidrs = allowedCidrs;
  }

  public String getSubnetId() {
    return subnetId;
  }

  public void setSubnetId(String subnetId) {
    this.subnetId = subnetId;
  }

  public String getKeyName() {
    return keyName;
  }

  public void setKeyName(String keyName) {
    this.keyName = keyName;
  }

  public Integer getRootVolumeGiB() {
    return rootVolumeGiB;
  }

  public void setRootVolumeGiB(Integer rootVolumeGiB) {
    this.rootVolumeGiB = rootVolumeGiB;
  }

  public LocalObjectRef getDataBucketRef() {
    return dataBucketRef;
  }

  public void setDataBucketRef(LocalObjectRef dataBucketRef) {
    this.dataBucketRef = dataBucketRef;
  }

  public DeletionPolicy getDeletionPolicy() {
    return deletionPolicy;
  }

  public void setDeletionPolicy(DeletionPolicy deletionPolicy) {
    this.deletionPolicy = deletionPolicy;
  }

  public Map<String, String> getTags() {
    return tags;
  }

  public void setTags(Map<String, String> tags) {
    this.tags = tags;
  }
}
