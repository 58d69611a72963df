package dev.flightdelay.operator.analysis;

import dev.flightdelay.api.v1alpha1.ColumnMapping;
import dev.flightdelay.api.v1alpha1.DelayAnalysisSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/** The spark-job's command-line arguments for a spec: the same for a driver pod and a local run. */
public final class JobArguments {

  /** Where Kubernetes reads a container's termination message from. */
  public static final String TERMINATION_LOG = "/dev/termination-log";

  private JobArguments() {}

  public static List<String> of(DelayAnalysisSpec spec, DataAccess access, String summaryFile) {
    List<String> args = new ArrayList<>();
    add(args, "--input", access.input());
    add(args, "--output", access.output());
    add(args, "--format", text(spec.getFormat(), "auto"));
    add(args, "--schema", text(spec.getSchema(), "auto"));
    add(args, "--columns", columns(spec.getColumns()));
    add(args, "--rank-by", text(spec.getRankBy(), "meanArrivalDelay"));
    add(args, "--threshold", String.valueOf(or(spec.getDelayThresholdMinutes(), 15)));
    add(args, "--min-flights", String.valueOf(or(spec.getMinFlights(), 1)));
    add(args, "--top", String.valueOf(or(spec.getTopN(), 10)));
    add(args, "--summary-file", summaryFile);
    return args;
  }

  private static String columns(ColumnMapping mapping) {
    if (mapping == null) {
      return null;
    }
    Map<String, String> pairs = new LinkedHashMap<>();
    pairs.put("carrier", mapping.getCarrier());
    pairs.put("arrivalDelay", mapping.getArrivalDelay());
    pairs.put("departureDelay", mapping.getDepartureDelay());
    pairs.put("cancelled", mapping.getCancelled());
    pairs.put("diverted", mapping.getDiverted());
    StringJoiner joined = new StringJoiner(",");
    pairs.forEach((field, column) -> {
      if (column != null) {
        joined.add(field + "=" + column);
      }
    });
    return joined.toString();
  }

  private static void add(List<String> args, String flag, String value) {
    if (value != null) {
      args.add(flag);
      args.add(value);
    }
  }

  private static String text(Enum<?> value, String fallback) {
    return value == null ? fallback : value.name();
  }

  private static int or(Integer value, int fallback) {
    return value == null ? fallback : value;
  }
}
