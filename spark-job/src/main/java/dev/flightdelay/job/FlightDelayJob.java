package dev.flightdelay.job;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The analysis as a Spark application: the same main class runs in local mode on a laptop and as
 * the driver of a DelayAnalysis on Kubernetes.
 *
 * <p>Exit codes: 0 ranked; 1 any other failure (with its stack trace); 2 bad arguments; 3 input
 * that is not what the job reads (no usable columns, an empty file, not Parquet or unreadable
 * Parquet, a zip without exactly one CSV); 4 no input (a missing path, an empty folder or prefix,
 * a glob that matches nothing); 5 a damaged compressed file (a cut-short or corrupt gzip or zip).
 * Bad input gets one line on stderr; its stack trace, and Spark's task failure logs, only with
 * {@code --verbose}.
 * With --summary-file the outcome (or the error) is also written there as compact JSON of at most
 * 4096 bytes, which Kubernetes hands back as the driver container's termination message.
 */
public final class FlightDelayJob {

  static final int OK = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;
  static final int BAD_INPUT = 3;
  static final int NO_INPUT = 4;
  static final int DAMAGED_INPUT = 5;
  static final String VERBOSE = "--verbose";
  /** Spark's loggers that print a failed task's stack trace, which a bad input's one line replaces. */
  private static final List<String> TASK_FAILURE_LOGGERS = List.of(
      "org.apache.spark.executor.Executor", "org.apache.spark.scheduler.TaskSetManager",
      "org.apache.spark.scheduler.TaskSchedulerImpl");

  private FlightDelayJob() {}

  public static void main(String[] args) {
    if (JvmOptions.missing()) {
      System.exit(JvmOptions.relaunch(FlightDelayJob.class, args));
    }
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    boolean verbose = Arrays.asList(args).contains(VERBOSE);
    JobOptions options;
    try {
      options = JobOptions.parse(Arrays.stream(args).filter(a -> !a.equals(VERBOSE)).toArray(String[]::new));
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      err.print(JobOptions.USAGE);
      return USAGE;
    }
    if (!verbose) {
      TASK_FAILURE_LOGGERS.forEach(logger -> Configurator.setLevel(logger, Level.OFF));
    }
    SparkSession spark = session();
    try {
      AnalysisResult result = analyse(spark, options);
      out.print(ResultTable.format(result));
      return OK;
    } catch (InputSchemaException e) {
      return fail(options, e, err, BAD_INPUT, verbose);
    } catch (InputNotFoundException e) {
      return fail(options, e, err, NO_INPUT, verbose);
    } catch (DamagedInputException e) {
      return fail(options, e, err, DAMAGED_INPUT, verbose);
    } catch (Exception e) {
      // Not only RuntimeException: Spark throws its checked SparkException undeclared (e.g. a
      // failed stage), and that run needs its summary as much as any other.
      return fail(options, e, err, FAILED, true);
    } finally {
      spark.stop();
    }
  }

  /** Runs the analysis and writes every output the options ask for. */
  public static AnalysisResult analyse(SparkSession spark, JobOptions options) {
    AirlineNames names =
        options.airlines() == null
            ? AirlineNames.builtIn()
            : AirlineNames.fromCsv(options.airlines(), spark.sparkContext().hadoopConfiguration());
    AnalysisResult result = new FlightDelayAnalysis(spark, names).run(options);
    String resultsUri = null;
    String chartUri = null;
    if (options.output() != null) {
      ResultsWriter.write(result, options.output(), spark.sparkContext().hadoopConfiguration());
      resultsUri = ResultsWriter.resultsUri(options.output());
      chartUri = ResultsWriter.chartUri(options.output());
    }
    if (options.summaryFile() != null) {
      writeSummary(options.summaryFile(), ResultsJson.summary(result, options.topN(), resultsUri, chartUri));
    }
    return result;
  }

  /**
   * A local session unless spark-submit or the Kubernetes entrypoint set a master. CSV needs no
   * shuffle; Parquet shuffles a histogram of a few thousand rows, for which a handful of
   * partitions is plenty (200 would only add task overhead). S3A gets a credential chain that
   * includes IRSA, which Hadoop's default lacks (see S3aCredentialChain).
   */
  static SparkSession session() {
    SparkConf conf = new SparkConf().setAppName("flight-delay-analysis");
    if (!conf.contains("spark.master")) {
      conf.setMaster("local[*]");
      conf.setIfMissing("spark.ui.enabled", "false");
    }
    conf.setIfMissing("spark.sql.shuffle.partitions", "4");
    S3aCredentialChain.setUnlessChosen(conf, new Configuration());
    return SparkSession.builder().config(conf).getOrCreate();
  }

  private static int fail(JobOptions options, Exception e, PrintStream err, int code, boolean stackTrace) {
    err.println("error: " + e.getMessage());
    if (stackTrace) {
      e.printStackTrace(err);
    }
    if (options.summaryFile() != null) {
      writeSummary(options.summaryFile(), ResultsJson.error(options.input(), e.getMessage()));
    }
    return code;
  }

  private static void writeSummary(String file, String json) {
    try {
      Files.writeString(Path.of(file), json, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the summary to " + file, e);
    }
  }
}
