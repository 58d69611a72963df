package dev.flightdelay.job;

import java.util.Locale;

/** The ranking as a text table for stdout. */
final class ResultTable {

  private ResultTable() {}

  static String format(AnalysisResult result) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "%s: %d rows read, %d rejected, %d flights; ranked by %s (delayed: > %d min)%n",
            result.input(), result.rowsRead(), result.rowsRejected(), result.flights(),
            result.rankBy(), result.delayThresholdMinutes()));
    out.append(
        String.format(
            Locale.ROOT,
            "%4s  %-7s  %-30s  %9s  %9s  %8s  %8s  %10s  %8s  %8s  %8s%n",
            "rank", "carrier", "name", "flights", "arrivals", "cancel", "divert",
            "mean_arr", "med_arr", "p90_arr", "delayed"));
    for (CarrierStats c : result.carriers()) {
      out.append(
          String.format(
              Locale.ROOT,
              "%4d  %-7s  %-30.30s  %9d  %9d  %8d  %8d  %10s  %8s  %8s  %8s%n",
              c.rank(), c.carrier(), c.name(), c.flights(), c.arrivals(), c.cancelled(),
              c.diverted(), fixed(c.meanArrivalDelayMinutes()), fixed(c.medianArrivalDelayMinutes()),
              fixed(c.p90ArrivalDelayMinutes()), percent(c.delayedShare())));
    }
    return out.toString();
  }

  private static String fixed(Double value) {
    return value == null ? "-" : String.format(Locale.ROOT, "%.2f", value);
  }

  private static String percent(Double value) {
    return value == null ? "-" : String.format(Locale.ROOT, "%.1f%%", value * 100);
  }
}
