package dev.flightdelay.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** SSH access to a SparkHost. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SshSpec {

  @Default("true")
  @JsonPropertyDescription("Open SSH to allowedCidrs.")
  private Boolean enabled;

  @Default("22")
  @Min(1)
  @Max(65535)
  @JsonPropertyDescription("TCP port of the SSH server.")
  private Integer port;

  public Boolean getEnabled() {
    return enabled;
  }

  public void setEnabled(Boolean enabled) {
    this.enabled = enabled;
  }

  public Integer getPort() {
    return port;
  }

  public void setPort(Integer port) {
    this.port = port;
  }
}
