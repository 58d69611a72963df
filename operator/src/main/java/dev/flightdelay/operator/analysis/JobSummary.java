package dev.flightdelay.operator.analysis;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flightdelay.api.v1alpha1.CarrierResult;
import dev.flightdelay.api.v1alpha1.DelayAnalysisStatus;
import java.util.List;
import java.util.Optional;

/**
 * The job's summary (its termination message): the results.json contract trimmed to the top N,
 * with where the full results went; or, for a failed run, the input and the error.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record JobSummary(
    String input,
    String schema,
    Long rowsRead,
    Long rowsRejected,
    Long flights,
    List<CarrierResult> carriers,
    String mostDelayedCarrier,
    Long durationMillis,
    String sparkVersion,
    String resultsUri,
    String chartUri,
    String error) {

  private static final ObjectMapper MAPPER =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  /** The summary in text, or empty when it is missing or not the job's JSON (e.g. a log tail). */
  public static Optional<JobSummary> parse(String text) {
    if (text == null || text.isBlank() || !text.strip().startsWith("{")) {
      return Optional.empty();
    }
    try {
      return Optional.of(MAPPER.readValue(text.strip(), JobSummary.class));
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }

  /** A summary with a ranking (not an error). */
  public boolean ranked() {
    return error == null && carriers != null && rowsRead != null;
  }

  /** Copies the results into status, the ranking cut to topN. */
  public void copyTo(DelayAnalysisStatus status, int topN) {
    status.setInput(input);
    status.setSchema(schema);
    status.setRowsRead(rowsRead);
    status.setRowsRejected(rowsRejected);
    status.setFlights(flights);
    status.setMostDelayedCarrier(mostDelayedCarrier);
    status.setCarriers(carriers.subList(0, Math.min(topN, carriers.size())));
    status.setDurationMillis(durationMillis);
    status.setSparkVersion(sparkVersion);
    status.setResultsUri(resultsUri);
    status.setChartUri(chartUri);
  }
}
