package dev.flightdelay.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** Names of the input columns for schema: custom. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ColumnMapping {

  @Required
  @Pattern("^[^,\\s][^,]{0,127}$")
  @JsonPropertyDescription("Column with the carrier code.")
  private String carrier;

  @Required
  @Pattern("^[^,\\s][^,]{0,127}$")
  @JsonPropertyDescription("Column with the arrival delay in minutes (empty or NA: not arrived).")
  private String arrivalDelay;

  @Pattern("^[^,\\s][^,]{0,127}$")
  @JsonPropertyDescription("Column with the departure delay in minutes (empty or NA: not departed).")
  private String departureDelay;

  @Pattern("^[^,\\s][^,]{0,127}$")
  @JsonPropertyDescription("Column with a cancelled flag (1/0 or true/false), if the data has one.")
  private String cancelled;

  @Pattern("^[^,\\s][^,]{0,127}$")
  @JsonPropertyDescription("Column with a diverted flag (1/0 or true/false), if the data has one.")
  private String diverted;

  public String getCarrier() {
    return carrier;
  }

  public void setCarrier(String carrier) {
    this.carrier = carrier;
  }

  public String getArrivalDelay() {
    return arrivalDelay;
  }

  public void setArrivalDelay(String arrivalDelay) {
    this.arrivalDelay = arrivalDelay;
  }

  public String getDepartureDelay() {
    return departureDelay;
  }

  public void setDepartureDelay(String departureDelay) {
    this.departureDelay = departureDelay;
  }

  public String getCancelled() {
    return cancelled;
  }

  public void setCancelled(String cancelled) {
    this.cancelled = cancelled;
  }

  public String getDiverted() {
    return diverted;
  }

  public void setDiverted(String diverted) {
    this.diverted = diverted;
  }
}
