package dev.flightdelay.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** The Jupyter server on a SparkHost. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class JupyterSpec {

  @Default("true")
  @JsonPropertyDescription("Run Jupyter (on TLS, with a generated token kept in a Secret).")
  private Boolean enabled;

  @Default("8888")
  @Min(1)
  @Max(65535)
  @JsonPropertyDescription("TCP port Jupyter listens on, opened to allowedCidrs only.")
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
