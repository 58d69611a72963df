package dev.flightdelay.operator.analysis;

import dev.flightdelay.api.v1alpha1.DelayAnalysis;
import java.util.Locale;

/**
 * The names of one attempt, derived only from the resource's uid, generation and attempt number,
 * so an operator restarted at any point computes the same names and finds what it created.
 *
 * @param applicationId the Spark application id (spark.app.id, the spark-app-selector label)
 * @param driverPod the driver pod; for the local runner, the name of the run
 * @param prefix the executor pod name prefix, and the stem of the other names
 * @param service the driver's headless service
 * @param configMap the driver's spark.properties ConfigMap
 */
public record AttemptNames(String applicationId, String driverPod, String prefix, String service, String configMap) {

  /** Room for "-driver" and the other suffixes within a 63-character DNS label. */
  private static final int NAME_PART = 30;

  public static AttemptNames of(DelayAnalysis analysis, long generation, int attempt) {
    String uid = analysis.getMetadata().getUid().replace("-", "").toLowerCase(Locale.ROOT);
    String name = analysis.getMetadata().getName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
    if (name.length() > NAME_PART) {
      name = name.substring(0, NAME_PART);
    }
    name = name.replaceAll("-+$", "");
    if (!Character.isLetter(name.charAt(0))) {
      name = "a" + name;
    }
    String prefix = name + "-" + uid.substring(0, 8) + "-" + generation + "-" + attempt;
    return new AttemptNames(
        applicationIdPrefix(analysis) + generation + "-" + attempt,
        prefix + "-driver",
        prefix,
        prefix + "-svc",
        prefix + "-conf");
  }

  /** What the application ids of every attempt of the analysis start with. */
  public static String applicationIdPrefix(DelayAnalysis analysis) {
    return "spark-" + analysis.getMetadata().getUid().replace("-", "").toLowerCase(Locale.ROOT) + "-";
  }
}
