package dev.flightdelay.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;

/** What to analyse, how to rank the carriers, and how to run Spark. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "has(self.dataBucketRef) != has(self.inputUri)",
    message = "exactly one input: dataBucketRef (with key) or inputUri",
    fieldPath = ".inputUri")
@ValidationRule(
    value = "has(self.dataBucketRef) == has(self.key)",
    message = "key is required with dataBucketRef and only used with it",
    fieldPath = ".key")
@ValidationRule(
    value = "!(has(self.outputKey) && has(self.outputUri))",
    message = "set outputKey or outputUri, not both",
    fieldPath = ".outputUri")
@ValidationRule(
    value = "!has(self.outputKey) || has(self.dataBucketRef)",
    message = "outputKey names a prefix in the dataBucketRef bucket: it needs dataBucketRef",
    fieldPath = ".outputKey")
@ValidationRule(
    value = "(has(self.schema) && self.schema == 'custom') == has(self.columns)",
    message = "columns is required with schema: custom and only used with it",
    fieldPath = ".columns")
public class DelayAnalysisSpec {

  /** File format of the input. */
  public enum Format {
    auto,
    csv,
    parquet
  }

  /** Column layout of the input. */
  public enum Schema {
    auto,
    nycflights13,
    bts,
    dataexpo,
    custom
  }

  /** The figure carriers are ranked by, highest first. */
  public enum RankBy {
    meanArrivalDelay,
    medianArrivalDelay,
    p90ArrivalDelay,
    meanDepartureDelay,
    delayedShare
  }

  /** Where the Spark driver runs. */
  public enum Runner {
    kubernetes,
    local
  }

  @JsonPropertyDescription(
      "DataBucket in this namespace holding the input; the object is named by key. Exclusive"
          + " with inputUri.")
  private LocalObjectRef dataBucketRef;

  @Pattern(Patterns.OBJECT_KEY)
  @JsonPropertyDescription(
      "Key of the input object in the dataBucketRef bucket, or a prefix ending in / (e.g."
          + " bts/2023/): every object under it is read, such as a year of monthly CSV, .gz or"
          + " .zip files, or a Parquet dataset.")
  private String key;

  @Pattern(Patterns.DATA_URI)
  @JsonPropertyDescription(
      "Input as a URI: s3a://bucket/key or file:/path, of a file, a prefix or directory (every"
          + " file under it) or a glob. Exclusive with dataBucketRef.")
  private String inputUri;

  @Default("auto")
  @JsonPropertyDescription("Input format: auto (from the name), csv (plain or .gz) or parquet.")
  private Format format;

  @Default("auto")
  @JsonPropertyDescription(
      "Column layout: auto (from the header), nycflights13, bts (US on-time performance),"
          + " dataexpo (ASA Data Expo 2009) or custom (see columns).")
  private Schema schema;

  @JsonPropertyDescription("Column names of the input, with schema: custom.")
  private ColumnMapping columns;

  @Default("meanArrivalDelay")
  @JsonPropertyDescription(
      "Figure to rank carriers by, highest first: meanArrivalDelay, medianArrivalDelay,"
          + " p90ArrivalDelay, meanDepartureDelay or delayedShare.")
  private RankBy rankBy;

  @Default("15")
  @Min(0)
  @Max(1440)
  @JsonPropertyDescription(
      "An arrival later than this many minutes counts as delayed (for delayedShare).")
  private Integer delayThresholdMinutes;

  @Default("1")
  @Min(1)
  @JsonPropertyDescription("Carriers with fewer flights than this are left out of the ranking.")
  private Integer minFlights;

  @Default("10")
  @Min(1)
  @Max(100)
  @JsonPropertyDescription(
      "How many ranked carriers to keep in status (the full list goes to results.csv).")
  private Integer topN;

  @Default("kubernetes")
  @JsonPropertyDescription(
      "Where Spark runs: kubernetes (a driver pod submitted by the operator) or local (a child"
          + " JVM of the operator, for sandboxes).")
  private Runner runner;

  @JsonPropertyDescription("Spark settings: image, driver and executor sizes, extra conf.")
  private SparkSpec spark;

  @Pattern(Patterns.OBJECT_KEY)
  @JsonPropertyDescription(
      "Prefix in the dataBucketRef bucket for results.json, results.csv and the chart."
          + " Defaults to results/<namespace>/<name>/.")
  private String outputKey;

  @Pattern(Patterns.DATA_URI)
  @JsonPropertyDescription(
      "Where to write results.json, results.csv and the chart: s3a://bucket/prefix or"
          + " file:/dir. Exclusive with outputKey.")
  private String outputUri;

  @JsonPropertyDescription("Whether and how a failed run is retried.")
  private RestartPolicy restartPolicy;

  @Default("300")
  @Min(10)
  @Max(86400)
  @JsonPropertyDescription(
      "An attempt whose driver is not running after this many seconds fails with reason"
          + " DriverStartTimeout.")
  private Integer driverStartTimeoutSeconds;

  @Min(0)
  @JsonPropertyDescription(
      "Delete the driver pod (and so its executors and services) this many seconds after the"
          + " run ends. The DelayAnalysis and its status stay. Empty keeps the pod.")
  private Integer ttlSecondsAfterFinished;

  public LocalObjectRef getDataBucketRef() {
    return dataBucketRef;
  }

  public void setDataBucketRef(LocalObjectRef dataBucketRef) {
    this.dataBucketRef = dataBucketRef;
  }

  public String getKey() {
    return key;
  }

  public void setKey(String key) {
    this.key = key;
  }

  public String getInputUri() {
    return inputUri;
  }

  public void setInputUri(String inputUri) {
    this.inputUri = inputUri;
  }

  public Format getFormat() {
    return format;
  }

  public void setFormat(Format format) {
    this.format = format;
  }

  public Schema getSchema() {
    return schema;
  }

  public void setSchema(Schema schema) {
    this.schema = schema;
  }

  public ColumnMapping getColumns() {
    return columns;
  }

  public void setColumns(ColumnMapping columns) {
    this.columns = columns;
  }

  public RankBy getRankBy() {
    return rankBy;
  }

  public void setRankBy(RankBy rankBy) {
    this.rankBy = rankBy;
  }

  public Integer getDelayThresholdMinutes() {
    return delayThresholdMinutes;
  }

  public void setDelayThresholdMinutes(Integer delayThresholdMinutes) {
    this.delayThresholdMinutes = delayThresholdMinutes;
  }

  public Integer getMinFlights() {
    return minFlights;
  }

  public void setMinFlights(Integer minFlights) {
    this.minFlights = minFlights;
  }

  public Integer getTopN() {
    return topN;
  }

  public void setTopN(Integer topN) {
    this.topN = topN;
  }

  public Runner getRunner() {
    return runner;
  }

  public void setRunner(Runner runner) {
    this.runner = runner;
  }

  public SparkSpec getSpark() {
    return spark;
  }

  public void setSpark(SparkSpec spark) {
    this.spark = spark;
  }

  public String getOutputKey() {
    return outputKey;
  }

  public void setOutputKey(String outputKey) {
    this.outputKey = outputKey;
  }

  public String getOutputUri() {
    return outputUri;
  }

  public void setOutputUri(String outputUri) {
    this.outputUri = outputUri;
  }

  public RestartPolicy getRestartPolicy() {
    return restartPolicy;
  }

  public void setRestartPolicy(RestartPolicy restartPolicy) {
    this.restartPolicy = restartPolicy;
  }

  public Integer getDriverStartTimeoutSeconds() {
    return driverStartTimeoutSeconds;
  }

  public void setDriverStartTimeoutSeconds(Integer driverStartTimeoutSeconds) {
    this.driverStartTimeoutSeconds = driverStartTimeoutSeconds;
  }

  public Integer getTtlSecondsAfterFinished() {
    return ttlSecondsAfterFinished;
  }

  public void setTtlSecondsAfterFinished(Integer ttlSecondsAfterFinished) {
    this.ttlSecondsAfterFinished = ttlSecondsAfterFinished;
  }
}
