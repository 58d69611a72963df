package dev.flightdelay.sandbox;

import dev.flightdelay.api.v1alpha1.CarrierResult;
import dev.flightdelay.api.v1alpha1.DelayAnalysis;
import dev.flightdelay.api.v1alpha1.DelayAnalysisStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** What a finished run prints: the ranked carriers, then where the chart and the full results are. */
final class ResultReport {

  private ResultReport() {}

  /**
   * @param carriers the ranking: all of results.json's, or the status's top N
   * @param chart the chart on disk, or null when the status names none
   * @param results results.json on disk, or null
   */
  static String format(DelayAnalysis analysis, List<CarrierResult> carriers, Path chart, Path results) {
    DelayAnalysisStatus status = analysis.getStatus();
    StringBuilder text = new StringBuilder();
    text.append(String.format(Locale.ROOT, "%nCarriers ranked by %s (%s: %,d rows read, %,d rejected)%n",
        analysis.getSpec().getRankBy() == null ? "meanArrivalDelay" : analysis.getSpec().getRankBy(),
        analysis.getMetadata().getName(), status.getRowsRead(), status.getRowsRejected()));
    text.append(String.format(Locale.ROOT, "%4s  %-7s %-28s %8s %8s %9s %9s %9s %9s %8s%n", "rank", "carrier", "name",
        "flights", "arrivals", "mean arr", "median", "p90 arr", "mean dep", "delayed"));
    for (CarrierResult c : carriers) {
      text.append(String.format(Locale.ROOT, "%4d  %-7s %-28s %8d %8d %9.2f %9.2f %9.2f %9.2f %7.1f%%%n", c.getRank(),
          c.getCarrier(), shorten(c.getName()), c.getFlights(), c.getArrivals(), c.getMeanArrivalDelayMinutes(),
          c.getMedianArrivalDelayMinutes(), c.getP90ArrivalDelayMinutes(), c.getMeanDepartureDelayMinutes(),
          c.getDelayedShare() * 100));
    }
    text.append("(delays in minutes; delayed: arrivals more than ")
        .append(analysis.getSpec().getDelayThresholdMinutes() == null ? 15 : analysis.getSpec().getDelayThresholdMinutes())
        .append(" minutes late)\n\n");
    text.append(String.format("chart:        %s%n", chart != null ? chart : status.getChartUri()));
    text.append(String.format("results.json: %s%n", status.getResultsUri()));
    if (results != null) {
      text.append(String.format("              on disk: %s%n", results));
    }
    return text.toString();
  }

  private static String shorten(String name) {
    if (name == null) {
      return "";
    }
    return name.length() <= 28 ? name : name.substring(0, 25) + "...";
  }
}
