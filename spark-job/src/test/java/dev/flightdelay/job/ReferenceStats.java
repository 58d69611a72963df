package dev.flightdelay.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

/**
 * An independent computation of the per-carrier figures: a plain streaming pass over a
 * nycflights13 CSV in Java, sharing no code with the job, to check the job against.
 */
final class ReferenceStats {

  /** One carrier's figures, computed the plain way. */
  static final class Carrier {
    long flights;
    long cancelled;
    long diverted;
    long departures;
    double departureDelaySum;
    long delayed;
    final List<Double> arrivalDelays = new ArrayList<>();

    double meanArrival() {
      return arrivalDelays.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    double meanDeparture() {
      return departureDelaySum / departures;
    }

    double delayedShare() {
      return (double) delayed / arrivalDelays.size();
    }

    /** Linear interpolation between closest ranks (R type 7, Spark's percentile). */
    double percentile(double p) {
      double[] sorted = arrivalDelays.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      double position = p * (sorted.length - 1);
      int lower = (int) Math.floor(position);
      int upper = (int) Math.ceil(position);
      return sorted[lower] + (position - lower) * (sorted[upper] - sorted[lower]);
    }
  }

  private ReferenceStats() {}

  static Map<String, Carrier> of(Path csv, int thresholdMinutes) throws IOException {
    Map<String, Carrier> carriers = new TreeMap<>();
    try (InputStream file = Files.newInputStream(csv);
        InputStream in = csv.toString().endsWith(".gz") ? new GZIPInputStream(file) : file;
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      List<String> header = Arrays.asList(unquote(reader.readLine().split(",", -1)));
      int carrierIndex = header.indexOf("carrier");
      int depIndex = header.indexOf("dep_delay");
      int arrIndex = header.indexOf("arr_delay");
      String line;
      while ((line = reader.readLine()) != null) {
        String[] fields = unquote(line.split(",", -1));
        Carrier c = carriers.computeIfAbsent(fields[carrierIndex], k -> new Carrier());
        c.flights++;
        String dep = fields[depIndex];
        String arr = fields[arrIndex];
        boolean departed = !dep.isEmpty() && !dep.equals("NA");
        boolean arrived = !arr.isEmpty() && !arr.equals("NA");
        if (!departed) {
          c.cancelled++;
        } else {
          c.departures++;
          c.departureDelaySum += Double.parseDouble(dep);
          if (!arrived) {
            c.diverted++;
          }
        }
        if (arrived) {
          double delay = Double.parseDouble(arr);
          c.arrivalDelays.add(delay);
          if (delay > thresholdMinutes) {
            c.delayed++;
          }
        }
      }
    }
    return carriers;
  }

  private static String[] unquote(String[] fields) {
    for (int i = 0; i < fields.length; i++) {
      fields[i] = fields[i].replace("\"", "");
    }
    return fields;
  }

  /** Every carrier's figures of the job's result equal the reference's (exact counts, figures within 1e-9). */
  static void assertAgrees(AnalysisResult result, Map<String, Carrier> reference) {
    assertThat(result.carriers()).extracting(CarrierStats::carrier).containsExactlyInAnyOrderElementsOf(reference.keySet());
    for (CarrierStats c : result.carriers()) {
      Carrier expected = reference.get(c.carrier());
      assertThat(c.flights()).as("%s flights", c.carrier()).isEqualTo(expected.flights);
      assertThat(c.cancelled()).as("%s cancelled", c.carrier()).isEqualTo(expected.cancelled);
      assertThat(c.diverted()).as("%s diverted", c.carrier()).isEqualTo(expected.diverted);
      assertThat(c.arrivals()).as("%s arrivals", c.carrier()).isEqualTo(expected.arrivalDelays.size());
      assertThat(c.meanArrivalDelayMinutes()).as("%s mean arrival", c.carrier())
          .isCloseTo(expected.meanArrival(), within(1e-9));
      assertThat(c.medianArrivalDelayMinutes()).as("%s median arrival", c.carrier())
          .isCloseTo(expected.percentile(0.5), within(1e-9));
      assertThat(c.p90ArrivalDelayMinutes()).as("%s p90 arrival", c.carrier())
          .isCloseTo(expected.percentile(0.9), within(1e-9));
      assertThat(c.meanDepartureDelayMinutes()).as("%s mean departure", c.carrier())
          .isCloseTo(expected.meanDeparture(), within(1e-9));
      assertThat(c.delayedShare()).as("%s delayed share", c.carrier())
          .isCloseTo(expected.delayedShare(), within(1e-9));
    }
  }
}
