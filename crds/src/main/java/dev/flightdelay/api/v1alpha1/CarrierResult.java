package dev.flightdelay.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One carrier's delay figures and its rank. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CarrierResult {

  @JsonPropertyDescription("1 for the most delayed carrier by spec.rankBy.")
  private Integer rank;

  @JsonPropertyDescription("Carrier code, e.g. F9.")
  private String carrier;

  @JsonPropertyDescription("Carrier name, e.g. Frontier Airlines Inc.")
  private String name;

  @JsonPropertyDescription("Flights of the carrier in the input.")
  private Long flights;

  @JsonPropertyDescription("Flights without a departure delay (not flown).")
  private Long cancelled;

  @JsonPropertyDescription("Flights that departed but have no arrival delay.")
  private Long diverted;

  @JsonPropertyDescription("Flights with an arrival delay.")
  private Long arrivals;

  @JsonPropertyDescription("Mean arrival delay over arrivals, in minutes.")
  private Double meanArrivalDelayMinutes;

  @JsonPropertyDescription("Median arrival delay over arrivals, in minutes.")
  private Double medianArrivalDelayMinutes;

  @JsonPropertyDescription("90th percentile arrival delay over arrivals, in minutes.")
  private Double p90ArrivalDelayMinutes;

  @JsonPropertyDescription("Mean departure delay over departures, in minutes.")
  private Double meanDepartureDelayMinutes;

  @JsonPropertyDescription("Share of arrivals later than spec.delayThresholdMinutes (0-1).")
  private Double delayedShare;

  public Integer getRank() {
    return rank;
  }

  public void setRank(Integer rank) {
    this.rank = rank;
  }

  public String getCarrier() {
    return carrier;
  }

  public void setCarrier(String carrier) {
    this.carrier = carrier;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public Long getFlights() {
    return flights;
  }

  public void setFlights(Long flights) {
    this.flights = flights;
  }

  public Long getCancelled() {
    return cancelled;
  }

  public void setCancelled(Long cancelled) {
    this.cancelled = cancelled;
  }

  public Long getDiverted() {
    return diverted;
  }

  public void setDiverted(Long diverted) {
    this.diverted = diverted;
  }

  public Long getArrivals() {
    return arrivals;
  }

  public void setArrivals(Long arrivals) {
    this.arrivals = arrivals;
  }

  public Double getMeanArrivalDelayMinutes() {
    return meanArrivalDelayMinutes;
  }

  public void setMeanArrivalDelayMinutes(Double meanArrivalDelayMinutes) {
    this.meanArrivalDelayMinutes = meanArrivalDelayMinutes;
  }

  public Double getMedianArrivalDelayMinutes() {
    return medianArrivalDelayMinutes;
  }

  public void setMedianArrivalDelayMinutes(Double medianArrivalDelayMinutes) {
    this.medianArrivalDelayMinutes = medianArrivalDelayMinutes;
  }

  public Double getP90ArrivalDelayMinutes() {
    return p90ArrivalDelayMinutes;
  }

  public void setP90ArrivalDelayMinutes(Double p90ArrivalDelayMinutes) {
    this.p90ArrivalDelayMinutes = p90ArrivalDelayMinutes;
  }

  public Double getMeanDepartureDelayMinutes() {
    return meanDepartureDelayMinutes;
  }

  public void setMeanDepartureDelayMinutes(Double meanDepartureDelayMinutes) {
    this.meanDepartureDelayMinutes = meanDepartureDelayMinutes;
  }

  public Double getDelayedShare() {
    return delayedShare;
  }

  public void setDelayedShare(Double delayedShare) {
    this.delayedShare = delayedShare;
  }
}
