package dev.flightdelay.job;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One carrier's counts and its arrival delays as a histogram: exact means, medians and
 * percentiles without keeping every flight. Whole-minute delays in a day either side (what
 * flight data holds) go into an array; anything else into a map.
 */
final class DelayHistogram implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final int MIN_MINUTE = -1440;
  private static final int MAX_MINUTE = 2880;

  long flights;
  long cancelled;
  long diverted;
  long departures;
  double departureDelaySum;
  private long arrivals;
  private final long[] minuteCounts = new long[MAX_MINUTE - MIN_MINUTE + 1];
  private final Map<Double, Long> otherCounts = new HashMap<>();

  void addArrival(double delay) {
    arrivals++;
    int minute = (int) delay;
    if (minute == delay && minute >= MIN_MINUTE && minute <= MAX_MINUTE) {
      minuteCounts[minute - MIN_MINUTE]++;
    } else {
      otherCounts.merge(delay, 1L, Long::sum);
    }
  }

  void addArrivals(double delay, long count) {
    arrivals += count;
    int minute = (int) delay;
    if (minute == delay && minute >= MIN_MINUTE && minute <= MAX_MINUTE) {
      minuteCounts[minute - MIN_MINUTE] += count;
    } else {
      otherCounts.merge(delay, count, Long::sum);
    }
  }

  void merge(DelayHistogram other) {
    flights += other.flights;
    cancelled += other.cancelled;
    diverted += other.diverted;
    departures += other.departures;
    departureDelaySum += other.departureDelaySum;
    arrivals += other.arrivals;
    for (int i = 0; i < minuteCounts.length; i++) {
      minuteCounts[i] += other.minuteCounts[i];
    }
    other.otherCounts.forEach((delay, count) -> otherCounts.merge(delay, count, Long::sum));
  }

  /** The carrier's figures; rank and name are set by the ranking. */
  CarrierStats stats(String carrier, int thresholdMinutes) {
    TreeMap<Double, Long> sorted = new TreeMap<>(otherCounts);
    long wholeSum = 0;
    for (int i = 0; i < minuteCounts.length; i++) {
      if (minuteCounts[i] > 0) {
        sorted.merge((double) (i + MIN_MINUTE), minuteCounts[i], Long::sum);
        wholeSum += (long) (i + MIN_MINUTE) * minuteCounts[i];
      }
    }
    double otherSum = 0;
    for (Map.Entry<Double, Long> e : otherCounts.entrySet()) {
      otherSum += e.getKey() * e.getValue();
    }
    long delayed = 0;
    for (Map.Entry<Double, Long> e : sorted.tailMap((double) thresholdMinutes, false).entrySet()) {
      delayed += e.getValue();
    }
    return new CarrierStats(
        0,
        carrier,
        null,
        flights,
        cancelled,
        diverted,
        arrivals,
        arrivals == 0 ? null : (wholeSum + otherSum) / arrivals,
        arrivals == 0 ? null : percentile(sorted, 0.5),
        arrivals == 0 ? null : percentile(sorted, 0.9),
        departures == 0 ? null : departureDelaySum / departures,
        arrivals == 0 ? null : (double) delayed / arrivals);
  }

  /** Linear interpolation between the closest ranks (Spark's percentile, R's type 7). */
  private double percentile(TreeMap<Double, Long> sorted, double p) {
    double position = p * (arrivals - 1);
    long lower = (long) Math.floor(position);
    double lowerValue = valueAt(sorted, lower);
    double upperValue = valueAt(sorted, lower + 1 > arrivals - 1 ? lower : lower + 1);
    return lowerValue + (position - lower) * (upperValue - lowerValue);
  }

  private static double valueAt(TreeMap<Double, Long> sorted, long index) {
    long seen = 0;
    for (Map.Entry<Double, Long> e : sorted.entrySet()) {
      seen += e.getValue();
      if (index < seen) {
        return e.getKey();
      }
    }
    throw new IllegalStateException("index " + index + " beyond " + seen);
  }
}
