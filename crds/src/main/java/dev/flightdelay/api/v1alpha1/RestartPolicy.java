package dev.flightdelay.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** Whether and how a failed run is retried. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RestartPolicy {

  /** When a failed attempt is retried. */
  public enum Type {
    Never,
    OnFailure
  }

  @Default("Never")
  @JsonPropertyDescription("Never, or OnFailure to retry a failed attempt.")
  private Type type;

  @Default("3")
  @Min(1)
  @Max(20)
  @JsonPropertyDescription("Attempts in all, the first included, with OnFailure.")
  private Integer maxAttempts;

  @Default("10")
  @Min(1)
  @Max(3600)
  @JsonPropertyDescription("Wait before the second attempt; doubled for each further one.")
  private Integer backoffSeconds;

  public Type getType() {
    return type;
  }

  public void setType(Type type) {
    this.type = type;
  }

  public Integer getMaxAttempts() {
    return maxAttempts;
  }

  public void setMaxAttempts(Integer maxAttempts) {
    this.maxAttempts = maxAttempts;
  }

  public Integer getBackoffSeconds() {
    return backoffSeconds;
  }

  public void setBackoffSeconds(Integer backoffSeconds) {
    this.backoffSeconds = backoffSeconds;
  }
}
