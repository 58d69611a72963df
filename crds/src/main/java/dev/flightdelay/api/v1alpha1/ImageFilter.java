package dev.flightdelay.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.Pattern;
import java.util.ArrayList;
import java.util.List;

/** How to look an AMI up: the newest image matching these filters is used. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ImageFilter {

  /** CPU architecture of an AMI. */
  public enum Architecture {
    x86_64,
    arm64
  }

  @Required
  @Size(min = 1, max = 128)
  @JsonPropertyDescription("AMI name pattern with * wildcards, e.g. debian-12-amd64-*.")
  private String name;

  @Size(max = 10)
  @JsonPropertyDescription("Owners of the image (account ids or amazon, self, aws-marketplace).")
  private List<@Pattern("^([0-9]{12}|self|amazon|aws-marketplace)$") String> owners = new ArrayList<>();

  @JsonPropertyDescription("CPU architecture: x86_64 or arm64; it must suit instanceType.")
  private Architecture architecture;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public List<String> getOwners() {
    return owners;
  }

  public void setOwners(List<String> owners) {
    this.owners = owners;
  }

  public Architecture getArchitecture() {
    return architecture;
  }

  public void setArchitecture(Architecture architecture) {
    this.architecture = architecture;
  }
}
