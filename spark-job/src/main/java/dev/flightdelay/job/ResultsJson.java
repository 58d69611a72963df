package dev.flightdelay.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The results.json contract, and the summary: the same fields with the carriers trimmed to the
 * top N and the whole trimmed to fit a container termination message (4096 bytes).
 */
public final class ResultsJson {

  public static final int SUMMARY_LIMIT_BYTES = 4096;

  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .setSerializationInclusion(JsonInclude.Include.ALWAYS)
          .enable(SerializationFeature.INDENT_OUTPUT);
  private static final ObjectMapper COMPACT = new ObjectMapper();

  private ResultsJson() {}

  public static String full(AnalysisResult result) {
    try {
      return MAPPER.writeValueAsString(tree(result));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The top N carriers and the output locations, compact, within {@link #SUMMARY_LIMIT_BYTES}
   * (carriers go from the bottom until it fits). Never the rejected examples: they are rows of
   * the input as they are, and the summary becomes a termination message, status and events;
   * they stay in results.json, beside the data they came from. Nor the list of files, which a
   * prefix of a year's monthly files would fill: only how many.
   */
  public static String summary(AnalysisResult result, int topN, String resultsUri, String chartUri) {
    ObjectNode node = tree(result);
    node.remove("rejectedExamples");
    node.remove("files");
    node.put("filesRead", result.files().size());
    node.put("resultsUri", resultsUri);
    node.put("chartUri", chartUri);
    node.put("carriersTotal", result.carriers().size());
    ArrayNode carriers = (ArrayNode) node.get("carriers");
    while (carriers.size() > topN) {
      carriers.remove(carriers.size() - 1);
    }
    carriers.forEach(ResultsJson::roundFigures);
    while (bytes(node) > SUMMARY_LIMIT_BYTES && !carriers.isEmpty()) {
      carriers.remove(carriers.size() - 1);
    }
    if (bytes(node) > SUMMARY_LIMIT_BYTES) {
      node.put("input", truncate(result.input(), 512));
      node.put("resultsUri", truncate(resultsUri, 512));
      node.put("chartUri", truncate(chartUri, 512));
    }
    return compact(node);
  }

  /** The summary of a run that failed, for the termination message. */
  public static String error(String input, String message) {
    ObjectNode node = COMPACT.createObjectNode();
    node.put("input", truncate(input, 512));
    node.put("error", truncate(message, 3000));
    return compact(node);
  }

  /** Four decimals are more than a ranking needs, and leave room for more carriers in 4 KB. */
  private static void roundFigures(com.fasterxml.jackson.databind.JsonNode carrier) {
    ObjectNode node = (ObjectNode) carrier;
    node.properties().forEach(field -> {
      if (field.getValue().isFloatingPointNumber()) {
        node.put(field.getKey(), Math.round(field.getValue().doubleValue() * 10_000) / 10_000.0);
      }
    });
  }

  private static ObjectNode tree(AnalysisResult result) {
    return MAPPER.valueToTree(result);
  }

  private static int bytes(ObjectNode node) {
    return compact(node).getBytes(StandardCharsets.UTF_8).length;
  }

  private static String compact(ObjectNode node) {
    try {
      return COMPACT.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String truncate(String value, int max) {
    return value == null || value.length() <= max ? value : value.substring(0, max) + "...";
  }

  static List<String> csvHeader() {
    return List.of(
        "rank", "carrier", "name", "flights", "cancelled", "diverted", "arrivals",
        "meanArrivalDelayMinutes", "medianArrivalDelayMinutes", "p90ArrivalDelayMinutes",
        "meanDepartureDelayMinutes", "delayedShare");
  }
}
