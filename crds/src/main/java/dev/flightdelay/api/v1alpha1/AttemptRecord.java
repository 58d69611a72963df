package dev.flightdelay.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One attempt of a DelayAnalysis run. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AttemptRecord {

  @JsonPropertyDescription("Attempt number, from 1.")
  private Integer attempt;

  @JsonPropertyDescription("Spark application id of the attempt.")
  private String applicationId;

  @JsonPropertyDescription("Driver pod of the attempt.")
  private String driverPod;

  @JsonPropertyDescription("How the attempt ended (Succeeded, Failed) or where it is.")
  private String phase;

  @JsonPropertyDescription("Why the attempt ended as it did.")
  private String reason;

  @JsonPropertyDescription("When the attempt was submitted (RFC 3339).")
  private String startTime;

  @JsonPropertyDescription("When the attempt ended (RFC 3339).")
  private String endTime;

  public Integer getAttempt() {
    return attempt;
  }

  public void setAttempt(Integer attempt) {
    this.attempt = attempt;
  }

  public String getApplicationId() {
    return applicationId;
  }

  public void setApplicationId(String applicationId) {
    this.applicationId = applicationId;
  }

  public String getDriverPod() {
    return driverPod;
  }

  public void setDriverPod(String driverPod) {
    this.driverPod = driverPod;
  }

  public String getPhase() {
    return phase;
  }

  public void setPhase(String phase) {
    this.phase = phase;
  }

  public String getReason() {
    return reason;
  }

  public void setReason(String reason) {
    this.reason = reason;
  }

  public String getStartTime() {
    return startTime;
  }

  public void setStartTime(String startTime) {
    this.startTime = startTime;
  }

  public String getEndTime() {
    return endTime;
  }

  public void setEndTime(String endTime) {
    this.endTime = endTime;
  }
}
