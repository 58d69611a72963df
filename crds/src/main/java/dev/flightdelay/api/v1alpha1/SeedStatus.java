package dev.flightdelay.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Load progress of one seed object. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SeedStatus {

  /** Where the load of one seed object is. */
  public enum State {
    Pending,
    Loading,
    Loaded,
    Failed
  }

  @JsonPropertyDescription("Key of the object in the bucket.")
  private String key;

  @JsonPropertyDescription("Pending, Loading, Loaded or Failed.")
  private State state;

  @JsonPropertyDescription("Bytes written to the bucket so far.")
  private Long bytesLoaded;

  @JsonPropertyDescription("Size of the object, when the source tells it.")
  private Long bytesTotal;

  @JsonPropertyDescription("ETag of the object in the bucket once loaded.")
  private String etag;

  @JsonPropertyDescription("Number of load attempts so far.")
  private Integer attempts;

  @JsonPropertyDescription("Why the last attempt failed, when it did.")
  private String reason;

  @JsonPropertyDescription("When the last attempt started (RFC 3339).")
  private String lastAttemptTime;

  @JsonPropertyDescription("Earliest time of the next attempt after a failure (RFC 3339).")
  private String nextAttemptTime;

  public String getKey() {
    return key;
  }

  public void setKey(String key) {
    this.key = key;
  }

  public State getState() {
    return state;
  }

  public void setState(State state) {
    this.state = state;
  }

  public Long getBytesLoaded() {
    return bytesLoaded;
  }

  public void setBytesLoaded(Long bytesLoaded) {
    this.bytesLoaded = bytesLoaded;
  }

  public Long getBytesTotal() {
    return bytesTotal;
  }

  public void setBytesTotal(Long bytesTotal) {
    this.bytesTotal = bytesTotal;
  }

  public String getEtag() {
    return etag;
  }

  public void setEtag(String etag) {
    this.etag = etag;
  }

  public Integer getAttempts() {
    return attempts;
  }

  public void setAttempts(Integer attempts) {
    this.attempts = attempts;
  }

  public String getReason() {
    return reason;
  }

  public void setReason(String reason) {
    this.reason = reason;
  }

  public String getLastAttemptTime() {
    return lastAttemptTime;
  }

  public void setLastAttemptTime(String lastAttemptTime) {
    this.lastAttemptTime = lastAttemptTime;
  }

  public String getNextAttemptTime() {
    return nextAttemptTime;
  }

  public void setNextAttemptTime(String nextAttemptTime) {
    this.nextAttemptTime = nextAttemptTime;
  }
}
