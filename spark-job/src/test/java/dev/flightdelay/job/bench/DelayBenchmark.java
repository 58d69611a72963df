package dev.flightdelay.job.bench;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.flightdelay.job.AirlineNames;
import dev.flightdelay.job.AnalysisResult;
import dev.flightdelay.job.FlightDataGenerator;
import dev.flightdelay.job.FlightDelayAnalysis;
import dev.flightdelay.job.JobOptions;
import dev.flightdelay.testing.FlightData;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Times, on the same file in one run: this job's analysis, the naive approach of the original
 * tutorial (inferSchema=true, then the same aggregation), and DuckDB (the same aggregation in SQL
 * over read_csv). Prints wall times, the ratios job/naive and job/DuckDB, rows/s and peak RSS.
 *
 * <p>Arguments: row counts (0 = the real nycflights13 file; 12xN = N rows as twelve monthly files
 * in a folder, the shape the US on-time data comes in); data goes to target/bench/.
 */
public final class DelayBenchmark {

  private record Timing(String what, long rows, double seconds, long peakRssMiB, String mostDelayed) {}

  private DelayBenchmark() {}

  public static void main(String[] args) throws Exception {
    List<String> sizes = new ArrayList<>();
    for (String arg : args.length == 0 ? new String[] {"0", "10000000"} : args) {
      sizes.add(arg.replace("_", ""));
    }
    Path dir = Path.of("target", "bench");
    Files.createDirectories(dir);

    long sparkStart = System.nanoTime();
    SparkSession spark =
        SparkSession.builder()
            .master("local[*]")
            .appName("delay-benchmark")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "4")
            .getOrCreate();
    spark.sparkContext().setLogLevel("ERROR");
    double sparkStartup = seconds(sparkStart);
    System.out.printf(Locale.ROOT, "Spark %s local[*] on %d cores, session start-up %.1f s%n",
        spark.version(), Runtime.getRuntime().availableProcessors(), sparkStartup);

    // Warm-up: every contender once on a small file, so no measured run pays for JIT and class loading.
    Path warmUp = dir.resolve("flights-warmup.csv");
    if (!Files.exists(warmUp)) {
      FlightDataGenerator.write(warmUp, 200_000, 7);
    }
    jobRun(spark, warmUp.toString());
    naiveRun(spark, warmUp.toString());
    duckDbRun(warmUp.toString());

    List<String> table = new ArrayList<>();
    table.add("| rows | file | job (s) | naive (s) | DuckDB (s) | job/naive | job/DuckDB | job rows/s | peak RSS job / naive / DuckDB (MiB) |");
    table.add("|---:|---|---:|---:|---:|---:|---:|---:|---|");
    for (String size : sizes) {
      boolean monthly = size.startsWith("12x");
      long rows = Long.parseLong(monthly ? size.substring(3) : size);
      Path file = rows == 0 ? FlightData.require(FlightData.FLIGHTS_DF) : dir.resolve("flights-" + rows + ".csv");
      if (rows > 0 && !Files.exists(file)) {
        long t = System.nanoTime();
        FlightDataGenerator.write(file, rows, 2013);
        System.out.printf(Locale.ROOT, "generated %s (%d MiB) in %.1f s%n", file, Files.size(file) >> 20, seconds(t));
      }
      if (monthly) {
        file = monthlyFolder(file, dir.resolve("flights-" + rows + "-monthly"));
      }
      long count = rows == 0 ? 336_776 : rows;
      String input = file.toString();
      String duckInput = monthly ? file.resolve("*.csv").toString() : input;
      // A warm-up on the file so every contender meets the OS page cache in the same state.
      spark.read().text(input).count();

      Timing job = time("job", count, () -> jobRun(spark, input));
      Timing naive = time("naive", count, () -> naiveRun(spark, input));
      Timing duck = time("duckdb", count, () -> duckDbRun(duckInput));
      for (Timing t : List.of(job, naive, duck)) {
        System.out.printf(Locale.ROOT, "%-7s %,12d rows  %7.2f s  %,12.0f rows/s  peak RSS %,6d MiB  most delayed %s%n",
            t.what(), t.rows(), t.seconds(), t.rows() / t.seconds(), t.peakRssMiB(), t.mostDelayed());
      }
      table.add(String.format(Locale.ROOT, "| %,d | %s (%d MiB) | %.2f | %.2f | %.2f | %.2f | %.2f | %,.0f | %d / %d / %d |",
          count, monthly ? file.getFileName() + "/ (12 files)" : file.getFileName(), size(file) >> 20, job.seconds(), naive.seconds(), duck.seconds(),
          job.seconds() / naive.seconds(), job.seconds() / duck.seconds(), count / job.seconds(),
          job.peakRssMiB(), naive.peakRssMiB(), duck.peakRssMiB()));
    }
    spark.stop();
    System.out.println();
    table.forEach(System.out::println);
  }

  /** The file's rows in twelve files of consecutive rows, each with the header, in a folder. */
  private static Path monthlyFolder(Path file, Path folder) throws IOException {
    if (Files.isDirectory(folder)) {
      return folder;
    }
    Files.createDirectories(folder);
    long lines;
    try (var all = Files.lines(file)) {
      lines = all.count() - 1;
    }
    try (BufferedReader in = Files.newBufferedReader(file)) {
      String header = in.readLine();
      for (int month = 1; month <= 12; month++) {
        long rows = lines / 12 + (month <= lines % 12 ? 1 : 0);
        try (BufferedWriter out = Files.newBufferedWriter(folder.resolve(String.format("flights-%02d.csv", month)))) {
          out.write(header);
          out.write('\n');
          for (long r = 0; r < rows; r++) {
            out.write(in.readLine());
            out.write('\n');
          }
        }
      }
    }
    return folder;
  }

  private static long size(Path path) throws IOException {
    if (!Files.isDirectory(path)) {
      return Files.size(path);
    }
    try (var files = Files.list(path)) {
      return files.mapToLong(f -> f.toFile().length()).sum();
    }
  }

  private static String jobRun(SparkSession spark, String input) {
    AnalysisResult result = new FlightDelayAnalysis(spark, AirlineNames.builtIn()).run(JobOptions.of(input, null));
    return result.mostDelayedCarrier();
  }

  /** The tutorial's way: let Spark infer every column's type (a full extra pass), then aggregate. */
  private static String naiveRun(SparkSession spark, String input) {
    List<Row> rows =
        spark.read()
            .option("header", "true")
            .option("inferSchema", "true")
            .option("nullValue", "NA")
            .csv(input)
            .groupBy(col("carrier"))
            .agg(
                count(lit(1)).as("flights"),
                sum(when(col("dep_delay").isNull(), 1).otherwise(0)).as("cancelled"),
                count(col("arr_delay")).as("arrivals"),
                avg(col("arr_delay")).as("meanArr"),
                expr("percentile(arr_delay, array(0.5, 0.9))").as("p"),
                avg(col("dep_delay")).as("meanDep"),
                sum(when(col("arr_delay").gt(15), 1).otherwise(0)).as("delayed"))
            .orderBy(col("meanArr").desc())
            .collectAsList();
    return rows.get(0).getString(0);
  }

  private static String duckDbRun(String input) {
    String sql =
        "SELECT carrier, count(*) AS flights, count(*) FILTER (WHERE dep_delay IS NULL) AS cancelled,"
            + " count(arr_delay) AS arrivals, avg(arr_delay) AS mean_arr,"
            + " quantile_cont(arr_delay, 0.5) AS median_arr, quantile_cont(arr_delay, 0.9) AS p90_arr,"
            + " avg(dep_delay) AS mean_dep, count(*) FILTER (WHERE arr_delay > 15) AS delayed"
            + " FROM read_csv('" + input.replace("'", "''") + "', header = true, nullstr = 'NA',"
            + " types = {'dep_delay': 'DOUBLE', 'arr_delay': 'DOUBLE', 'carrier': 'VARCHAR'})"
            + " GROUP BY carrier ORDER BY mean_arr DESC";
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      result.next();
      return result.getString(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Timing time(String what, long rows, Supplier<String> run) throws IOException {
    System.gc();
    resetPeakRss();
    long start = System.nanoTime();
    String mostDelayed = run.get();
    return new Timing(what, rows, seconds(start), peakRssMiB(), mostDelayed);
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  /** Linux: writing 5 to clear_refs resets VmHWM, the peak resident set size. */
  private static void resetPeakRss() throws IOException {
    Path clear = Path.of("/proc/self/clear_refs");
    if (Files.isWritable(clear)) {
      Files.writeString(clear, "5");
    }
  }

  private static long peakRssMiB() throws IOException {
    Path status = Path.of("/proc/self/status");
    if (!Files.exists(status)) {
      return -1;
    }
    for (String line : Files.readAllLines(status)) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
      }
    }
    return -1;
  }
}
