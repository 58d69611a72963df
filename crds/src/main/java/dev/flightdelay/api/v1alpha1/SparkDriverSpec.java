package dev.flightdelay.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;

/** Size of the Spark driver. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SparkDriverSpec {

  @Default("1")
  @Min(1)
  @Max(64)
  @JsonPropertyDescription("CPU cores of the driver (spark.driver.cores).")
  private Integer cores;

  @Default("1g")
  @Pattern(Patterns.SPARK_MEMORY)
  @JsonPropertyDescription("Heap of the driver, e.g. 1g (spark.driver.memory).")
  private String memory;

  public Integer getCores() {
    return cores;
  }

  public void setCores(Integer cores) {
    this.cores = cores;
  }

  public String getMemory() {
    return memory;
  }

  public void setMemory(String memory) {
    this.memory = memory;
  }
}
