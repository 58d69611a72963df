package dev.flightdelay.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;

/** Size and number of the Spark executors. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SparkExecutorSpec {

  @Default("2")
  @Min(1)
  @Max(1000)
  @JsonPropertyDescription("Number of executor pods (spark.executor.instances).")
  private Integer instances;

  @Default("1")
  @Min(1)
  @Max(64)
  @JsonPropertyDescription("CPU cores of each executor (spark.executor.cores).")
  private Integer cores;

  @Default("1g")
  @Pattern(Patterns.SPARK_MEMORY)
  @JsonPropertyDescription("Heap of each executor, e.g. 2g (spark.executor.memory).")
  private String memory;

  public Integer getInstances() {
    return instances;
  }

  public void setInstances(Integer instances) {
    this.instances = instances;
  }

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
