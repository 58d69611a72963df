package dev.flightdelay.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** What the operator observed of a SparkHost's instance. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SparkHostStatus extends FlightDelayStatus {

  /** Where a SparkHost is in its life. */
  public enum Phase {
    Pending,
    Provisioning,
    Running,
    Failed,
    Terminating,
    Terminated
  }

  @JsonPropertyDescription("Pending, Provisioning, Running, Failed, Terminating or Terminated.")
  private Phase phase;

  @JsonPropertyDescription("EC2 instance id.")
  private String instanceId;

  @JsonPropertyDescription("EC2 instance state: pending, running, stopping, stopped, shutting-down, terminated.")
  private String instanceState;

  @JsonPropertyDescription("AMI the instance was launched from.")
  private String imageId;

  @JsonPropertyDescription("RunInstances client token, derived from the resource uid, recorded before the call.")
  private String clientToken;

  @JsonPropertyDescription("Security group that opens SSH and Jupyter to spec.allowedCidrs.")
  private String securityGroupId;

  @JsonPropertyDescription("EC2 key pair of the instance.")
  private String keyName;

  @JsonPropertyDescription("Instance profile that lets the instance read the referenced DataBucket.")
  private String instanceProfileArn;

  @JsonPropertyDescription("Public DNS name of the instance.")
  private String publicDnsName;

  @JsonPropertyDescription("Public IPv4 address of the instance.")
  private String publicIp;

  @JsonPropertyDescription("Private IPv4 address of the instance.")
  private String privateIp;

  @JsonPropertyDescription("URL of the Jupyter server (https); its token is in the Secret named by secretName.")
  private String jupyterUrl;

  @JsonPropertyDescription("Secret in this namespace holding the SSH private key (ssh-privatekey) and the Jupyter token (jupyter-token).")
  private String secretName;

  @JsonPropertyDescription("When the instance was launched (RFC 3339).")
  private String launchTime;

  @JsonPropertyDescription("How to log in over SSH, with the private key taken from the Secret named by secretName.")
  private String sshCommand;

  public Phase getPhase() {
    return phase;
  }

  public void setPhase(Phase phase) {
    this.phase = phase;
  }

  public String getInstanceId() {
    return instanceId;
  }

  public void setInstanceId(String instanceId) {
    this.instanceId = instanceId;
  }

  public String getInstanceState() {
    return instanceState;
  }

  public void setInstanceState(String instanceState) {
    this.instanceState = instanceState;
  }

  public String getImageId() {
    return imageId;
  }

  public void setImageId(String imageId) {
    this.imageId = imageId;
  }

  public String getClientToken() {
    return clientToken;
  }

  public void setClientToken(String clientToken) {
    this.clientToken = clientToken;
  }

  public String getSecurityGroupId() {
    return securityGroupId;
  }

  public void setSecurityGroupId(String securityGroupId) {
    this.securityGroupId = securityGroupId;
  }

  public String getKeyName() {
    return keyName;
  }

  public void setKeyName(String keyName) {
    this.keyName = keyName;
  }

  public String getInstanceProfileArn() {
    return instanceProfileArn;
  }

  public void setInstanceProfileArn(String instanceProfileArn) {
    this.instanceProfileArn = instanceProfileArn;
  }

  public String getPublicDnsName() {
    return publicDnsName;
  }

  public void setPublicDnsName(String publicDnsName) {
    this.publicDnsName = publicDnsName;
  }

  public String getPublicIp() {
    return publicIp;
  }

  public void setPublicIp(String publicIp) {
    this.publicIp = publicIp;
  }

  public String getPrivateIp() {
    return privateIp;
  }

  public void setPrivateIp(String privateIp) {
    this.privateIp = privateIp;
  }

  public String getJupyterUrl() {
    return jupyterUrl;
  }

  public void setJupyterUrl(String jupyterUrl) {
    this.jupyterUrl = jupyterUrl;
  }

  public String getSecretName() {
    return secretName;
  }

  public void setSecretName(String secretName) {
    this.secretName = secretName;
  }

  public String getLaunchTime() {
    return launchTime;
  }

  public void setLaunchTime(String launchTime) {
    this.launchTime = launchTime;
  }

  public String getSshCommand() {
    return sshCommand;
  }

  public void setSshCommand(String sshCommand) {
    this.sshCommand = sshCommand;
  }
}
