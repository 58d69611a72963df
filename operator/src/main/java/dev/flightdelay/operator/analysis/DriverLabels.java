package dev.flightdelay.operator.analysis;

import dev.flightdelay.api.v1alpha1.DelayAnalysis;
import java.util.Map;

/** The labels that tie a driver pod to its DelayAnalysis, for the operator's informer and for kubectl. */
public final class DriverLabels {

  public static final String PREFIX = "flightdelay.dev/";
  public static final String ANALYSIS = PREFIX + "delay-analysis";
  public static final String ANALYSIS_UID = PREFIX + "delay-analysis-uid";
  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String OPERATOR = "flight-delay-operator";
  /** What the operator's pod informer selects: its own drivers, never executors or other pods. */
  public static final String SELECTOR = MANAGED_BY + "=" + OPERATOR + "," + ANALYSIS_UID;

  private DriverLabels() {}

  public static Map<String, String> of(DelayAnalysis analysis) {
    return Map.of(
        ANALYSIS, analysis.getMetadata().getName(),
        ANALYSIS_UID, analysis.getMetadata().getUid(),
        MANAGED_BY, OPERATOR);
  }
}
