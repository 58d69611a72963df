package dev.flightdelay.job;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

/**
 * Writes synthetic flights in the nycflights13 layout (R write.csv: quoted strings, NA for
 * missing), any number of rows, the same bytes for the same seed. Each carrier has its own share
 * of the traffic, cancellation and diversion rates and delay distribution, shaped on the real
 * 2013 figures: most flights leave a little early, a minority are late with a long tail.
 *
 * <p>{@code java -cp "spark-job/target/flight-delay-job.jar:spark-job/target/lib/*"
 * dev.flightdelay.job.FlightDataGenerator <rows> <file.csv|file.csv.gz> [seed]}
 */
public final class FlightDataGenerator {

  /** One carrier's traffic share and delay behaviour. */
  private record Profile(
      String carrier, double share, double cancelRate, double divertRate, double lateRate, double lateMean) {}

  private static final Profile[] PROFILES = {
    new Profile("UA", 58665, 0.0117, 0.0034, 0.36, 30),
    new Profile("B6", 54635, 0.0085, 0.0022, 0.38, 34),
    new Profile("EV", 54173, 0.0520, 0.0046, 0.42, 45),
    new Profile("DL", 48110, 0.0073, 0.0021, 0.30, 30),
    new Profile("AA", 32729, 0.0194, 0.0045, 0.29, 31),
    new Profile("MQ", 26397, 0.0467, 0.0048, 0.35, 36),
    new Profile("US", 20536, 0.0323, 0.0020, 0.25, 24),
    new Profile("9E", 18460, 0.0566, 0.0066, 0.33, 47),
    new Profile("WN", 12275, 0.0156, 0.0032, 0.48, 34),
    new Profile("VX", 5162, 0.0060, 0.0029, 0.33, 38),
    new Profile("FL", 3260, 0.0224, 0.0037, 0.44, 41),
    new Profile("AS", 714, 0.0028, 0.0042, 0.30, 20),
    new Profile("F9", 685, 0.0044, 0.0015, 0.45, 44),
    new Profile("YV", 601, 0.0932, 0.0017, 0.38, 48),
    new Profile("HA", 342, 0.0001, 0.0001, 0.25, 20),
    new Profile("OO", 32, 0.0938, 0.0001, 0.35, 36),
  };
  private static final String[] ORIGINS = {"EWR", "JFK", "LGA"};
  private static final String[] DESTS = {"ATL", "ORD", "LAX", "BOS", "MCO", "CLT", "SFO", "FLL", "MIA", "DCA", "DEN", "IAH"};
  private static final String HEADER =
      "\"year\",\"month\",\"day\",\"dep_time\",\"dep_delay\",\"arr_time\",\"arr_delay\",\"carrier\","
          + "\"tailnum\",\"flight\",\"origin\",\"dest\",\"air_time\",\"distance\",\"hour\",\"minute\"\n";

  private FlightDataGenerator() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println("usage: FlightDataGenerator <rows> <file.csv|file.csv.gz> [seed]");
      System.exit(2);
    }
    long rows = Long.parseLong(args[0].replace("_", ""));
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 2013;
    write(Path.of(args[1]), rows, seed);
  }

  public static void write(Path file, long rows, long seed) throws IOException {
    double[] cumulative = cumulativeShares();
    SplittableRandom random = new SplittableRandom(seed);
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    try (OutputStream raw = Files.newOutputStream(file);
        OutputStream out = file.toString().endsWith(".gz") ? new GZIPOutputStream(raw, 1 << 16) : raw;
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.US_ASCII), 1 << 20)) {
      writer.write(HEADER);
      StringBuilder line = new StringBuilder(128);
      for (long i = 0; i < rows; i++) {
        line.setLength(0);
        row(random, pick(cumulative, random.nextDouble()), line);
        writer.append(line);
      }
    }
  }

  private static void row(SplittableRandom random, Profile p, StringBuilder line) {
    int month = 1 + random.nextInt(12);
    int day = 1 + random.nextInt(28);
    int scheduled = 5 * 60 + random.nextInt(18 * 60);
    int distance = 200 + random.nextInt(2400);
    int airTime = distance / 8 + random.nextInt(30);
    boolean cancelled = random.nextDouble() < p.cancelRate();
    boolean diverted = !cancelled && random.nextDouble() < p.divertRate();
    int depDelay = random.nextDouble() < p.lateRate()
        ? (int) Math.round(-Math.log(1 - random.nextDouble()) * p.lateMean())
        : (int) Math.round(-4 + random.nextGaussian() * 4);
    int arrDelay = depDelay + (int) Math.round(-6 + random.nextGaussian() * 12);
    line.append("2013,").append(month).append(',').append(day).append(',');
    if (cancelled) {
      line.append("NA,NA,NA,NA,");
    } else {
      line.append(clock(scheduled + depDelay)).append(',').append(depDelay).append(',');
      if (diverted) {
        line.append("NA,NA,");
      } else {
        line.append(clock(scheduled + depDelay + airTime + arrDelay - depDelay)).append(',').append(arrDelay).append(',');
      }
    }
    line.append('"').append(p.carrier()).append("\",\"N").append(100 + random.nextInt(900)).append(p.carrier())
        .append("\",").append(1 + random.nextInt(6000)).append(",\"").append(ORIGINS[random.nextInt(ORIGINS.length)])
        .append("\",\"").append(DESTS[random.nextInt(DESTS.length)]).append("\",");
    if (cancelled || diverted) {
      line.append("NA,");
    } else {
      line.append(airTime).append(',');
    }
    line.append(distance).append(',').append(scheduled / 60).append(',').append(scheduled % 60).append('\n');
  }

  private static int clock(int minutes) {
    int m = Math.floorMod(minutes, 24 * 60);
    return (m / 60) * 100 + m % 60;
  }

  private static double[] cumulativeShares() {
    double total = 0;
    for (Profile p : PROFILES) {
      total += p.share();
    }
    double[] cumulative = new double[PROFILES.length];
    double sum = 0;
    for (int i = 0; i < PROFILES.length; i++) {
      sum += PROFILES[i].share() / total;
      cumulative[i] = sum;
    }
    return cumulative;
  }

  private static Profile pick(double[] cumulative, double u) {
    for (int i = 0; i < cumulative.length; i++) {
      if (u < cumulative[i]) {
        return PROFILES[i];
      }
    }
    return PROFILES[PROFILES.length - 1];
  }
}
