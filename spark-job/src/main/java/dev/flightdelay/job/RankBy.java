package dev.flightdelay.job;

import java.util.Arrays;
import java.util.Comparator;
import java.util.function.Function;

/** The figure carriers are ranked by, highest (most delayed) first. */
public enum RankBy {
  meanArrivalDelay(CarrierStats::meanArrivalDelayMinutes),
  medianArrivalDelay(CarrierStats::medianArrivalDelayMinutes),
  p90ArrivalDelay(CarrierStats::p90ArrivalDelayMinutes),
  meanDepartureDelay(CarrierStats::meanDepartureDelayMinutes),
  delayedShare(CarrierStats::delayedShare);

  private final Function<CarrierStats, Double> metric;

  RankBy(Function<CarrierStats, Double> metric) {
    this.metric = metric;
  }

  public Double valueOf(CarrierStats stats) {
    return metric.apply(stats);
  }

  /** Highest metric first; carriers without the figure (no arrivals) last; ties by carrier code. */
  public Comparator<CarrierStats> ordering() {
    return Comparator.comparing(
            (CarrierStats s) -> valueOf(s), Comparator.nullsLast(Comparator.<Double>reverseOrder()))
        .thenComparing(CarrierStats::carrier);
  }

  public static RankBy parse(String value) {
    return Arrays.stream(values())
        .filter(r -> r.name().equalsIgnoreCase(value))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown rank-by '" + value + "', expected one of " + Arrays.toString(values())));
  }
}
