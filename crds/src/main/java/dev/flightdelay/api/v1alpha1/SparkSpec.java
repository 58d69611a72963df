package dev.flightdelay.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.LinkedHashMap;
import java.util.Map;

/** How Spark runs the analysis. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SparkSpec {

  @Pattern("^[^\\s]+$")
  @JsonPropertyDescription("Container image of the driver and executors. Defaults to the spark-job image of this operator version.")
  private String image;

  @JsonPropertyDescription("The driver.")
  private SparkDriverSpec driver;

  @JsonPropertyDescription("The executors.")
  private SparkExecutorSpec executor;

  @Default("flight-delay-spark")
  @Pattern(Patterns.DNS_SUBDOMAIN)
  @JsonPropertyDescription("ServiceAccount of the driver pod; it must be allowed to create executor pods, services and configmaps.")
  private String serviceAccount;

  @Size(max = 200)
  @ValidationRule(value = "self.all(k, k.startsWith('spark.'))", message = "conf keys must start with spark.")
  @JsonPropertyDescription("Extra Spark configuration, merged last. Keys start with spark.; the keys the operator owns (see README) are refused.")
  private Map<String, String> conf = new LinkedHashMap<>();

  public String getImage() {
    return image;
  }

  public void setImage(String image) {
    this.image = image;
  }

  public SparkDriverSpec getDriver() {
    return driver;
  }

  public void setDriver(SparkDriverSpec driver) {
    this.driver = driver;
  }

  public SparkExecutorSpec getExecutor() {
    return executor;
  }

  public void setExecutor(SparkExecutorSpec executor) {
    this.executor = executor;
  }

  public String getServiceAccount() {
    return serviceAccount;
  }

  public void setServiceAccount(String serviceAccount) {
    this.serviceAccount = serviceAccount;
  }

  public Map<String, String> getConf() {
    return conf;
  }

  public void setConf(Map<String, String> conf) {
    this.conf = conf;
  }
}
