package dev.flightdelay.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** What the operator observed of a DelayAnalysis run, and its results. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DelayAnalysisStatus extends FlightDelayStatus {

  /** Where a DelayAnalysis run is. */
  public enum Phase {
    Pending,
    WaitingForData,
    Submitted,
    Running,
    Retrying,
    Succeeded,
    Failed
  }

  @JsonPropertyDescription("Pending, WaitingForData, Submitted, Running, Retrying, Succeeded or Failed.")
  private Phase phase;

  @JsonPropertyDescription("Attempts started for the observed generation.")
  private Integer attempts;

  @JsonPropertyDescription("Spark application id of the current attempt, recorded before its driver pod is created.")
  private String applicationId;

  @JsonPropertyDescription("Driver pod of the current attempt, recorded before it is created.")
  private String driverPod;

  @JsonPropertyDescription("When the first attempt of this run started (RFC 3339).")
  private String startTime;

  @JsonPropertyDescription("When the run ended (RFC 3339).")
  private String finishTime;

  @JsonPropertyDescription("Earliest start of the next attempt after a failure (RFC 3339).")
  private String nextAttemptTime;

  @JsonPropertyDescription("Wall time of the Spark job of the successful attempt.")
  private Long durationMillis;

  @JsonPropertyDescription("Input the job read.")
  private String input;

  @JsonPropertyDescription("Column layout the job used (found or forced).")
  private String schema;

  @JsonPropertyDescription("Rows read from the input.")
  private Long rowsRead;

  @JsonPropertyDescription("Rows rejected as malformed (missing carrier, non-numeric delay, short row).")
  private Long rowsRejected;

  @JsonPropertyDescription("Flights counted (rows read minus rows rejected).")
  private Long flights;

  @JsonPropertyDescription("Carrier ranked first.")
  private String mostDelayedCarrier;

  @JsonPropertyDescription("The top spec.topN carriers, most delayed first.")
  private List<CarrierResult> carriers = new ArrayList<>();

  @JsonPropertyDescription("Where results.json and results.csv were written.")
  private String resultsUri;

  @JsonPropertyDescription("Where the chart of the ranking was written.")
  private String chartUri;

  @JsonPropertyDescription("Spark version that ran the job.")
  private String sparkVersion;

  @JsonPropertyDescription("Past and current attempts, newest last, at most 20.")
  private List<AttemptRecord> history = new ArrayList<>();

  public Phase getPhase() {
    return phase;
  }

  public void setPhase(Phase phase) {
    this.phase = phase;
  }

  public Integer getAttempts() {
    return attempts;
  }

  public void setAttempts(Integer attempts) {
    this.attempts = attempts;
  }

  public String getApplicationId() {
    return applicationId;
  }

  public void setApplicationId(String applicationId) {
    this.applicationId = applicationId;
  }

  public String getDriverPod() {
    return driverPod;
  }

  public void setDriverPod(String driverPod) {
    this.driverPod = driverPod;
  }

  public String getStartTime() {
    return startTime;
  }

  public void setStartTime(String startTime) {
    this.startTime = startTime;
  }

  public String getFinishTime() {
    return finishTime;
  }

  public void setFinishTime(String finishTime) {
    this.finishTime = finishTime;
  }

  public String getNextAttemptTime() {
    return nextAttemptTime;
  }

  public void setNextAttemptTime(String nextAttemptTime) {
    this.nextAttemptTime = nextAttemptTime;
  }

  public Long getDurationMillis() {
    return durationMillis;
  }

  public void setDurationMillis(Long durationMillis) {
    this.durationMillis = durationMillis;
  }

  public String getInput() {
    return input;
  }

  public void setInput(String input) {
    this.input = input;
  }

  public String getSchema() {
    return schema;
  }

  public void setSchema(String schema) {
    this.schema = schema;
  }

  public Long getRowsRead() {
    return rowsRead;
  }

  public void setRowsRead(Long rowsRead) {
    this.rowsRead = rowsRead;
  }

  public Long getRowsRejected() {
    return rowsRejected;
  }

  public void setRowsRejected(Long rowsRejected) {
    this.rowsRejected = rowsRejected;
  }

  public Long getFlights() {
    return flights;
  }

  public void setFlights(Long flights) {
    this.flights = flights;
  }

  public String getMostDelayedCarrier() {
    return mostDelayedCarrier;
  }

  public void setMostDelayedCarrier(String mostDelayedCarrier) {
    this.mostDelayedCarrier = mostDelayedCarrier;
  }

  public List<CarrierResult> getCarriers() {
    return carriers;
  }

  public void setCarriers(List<CarrierResult> carriers) {
    this.carriers = carriers;
  }

  public String getResultsUri() {
    return resultsUri;
  }

  public void setResultsUri(String resultsUri) {
    this.resultsUri = resultsUri;
  }

  public String getChartUri() {
    return chartUri;
  }

  public void setChartUri(String chartUri) {
    this.chartUri = chartUri;
  }

  public String getSparkVersion() {
    return sparkVersion;
  }

  public void setSparkVersion(String sparkVersion) {
    this.sparkVersion = sparkVersion;
  }

  public List<AttemptRecord> getHistory() {
    return history;
  }

  public void setHistory(List<AttemptRecord> history) {
    this.history = history;
  }
}
