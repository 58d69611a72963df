package dev.flightdelay.sandbox;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flightdelay.api.v1alpha1.CarrierResult;
import dev.flightdelay.api.v1alpha1.DelayAnalysis;
import dev.flightdelay.api.v1alpha1.SparkHost;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar sandbox/target/flight-delay-sandbox.jar}: the product on one machine. Starts
 * the sandbox, applies examples/quickstart/, shows its progress, prints the ranking and exits 0;
 * a failure exits 1 with the failing resource's reason and message, a bad command line 2.
 */
public final class SandboxMain {

  static final int FAILED = 1;
  static final int USAGE = 2;
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(15);

  private SandboxMain() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err, System.console() != null));
  }

  static int run(String[] args, PrintStream out, PrintStream err, boolean terminal) {
    SandboxOptions options;
    Checkout checkout;
    Path workDir;
    try {
      options = SandboxOptions.parse(args);
      if (options.help()) {
        out.print(SandboxOptions.USAGE);
        return 0;
      }
      if (options.data() != null && !Files.isRegularFile(options.data())) {
        throw new IllegalArgumentException("--data " + options.data() + ": no such file");
      }
      checkout = Checkout.locate();
      workDir = workDir(options);
    } catch (IllegalArgumentException | IllegalStateException e) {
      err.println("flight-delay-sandbox: " + e.getMessage());
      err.print(SandboxOptions.USAGE);
      return USAGE;
    }
    SandboxLogging.to(workDir.resolve("sandbox.log"));
    out.println("work directory: " + workDir);
    Sandbox sandbox;
    try {
      sandbox = Sandbox.start(workDir, checkout, options.data(), options.ec2Endpoint());
    } catch (RuntimeException e) {
      err.println("flight-delay-sandbox: cannot start: " + e.getMessage() + " (log: " + workDir.resolve("sandbox.log") + ")");
      return FAILED;
    }
    out.printf("API server %s (kubeconfig %s), S3 %s%n", sandbox.apiUrl(), sandbox.kubeconfig(), sandbox.s3().endpoint());
    int code;
    try {
      code = runQuickstart(sandbox, checkout, options, out, err, terminal);
    } catch (RuntimeException e) {
      sandbox.close();
      throw e;
    }
    if (!options.keepRunning()) {
      sandbox.close();
      return code;
    }
    keepRunning(sandbox, out);
    return code;
  }

  private static int runQuickstart(Sandbox sandbox, Checkout checkout, SandboxOptions options, PrintStream out,
      PrintStream err, boolean terminal) {
    Quickstart quickstart = sandbox.quickstart();
    SparkHost host = options.ec2Endpoint() == null ? null : LocalSparkHost.from(checkout.sparkHostExample(),
        Sandbox.CREDENTIALS_SECRET, quickstart.bucket().getMetadata().getName());
    out.println("applying " + checkout.root().relativize(checkout.quickstart()) + "/"
        + (options.data() == null ? "" : " on " + options.data()));
    QuickstartRun.Outcome outcome =
        new QuickstartRun(sandbox.client(), new ProgressScreen(out, terminal), RUN_TIMEOUT).run(quickstart, host);
    if (!outcome.success()) {
      err.printf("%s failed: %s: %s%n", outcome.failed(), outcome.reason(), outcome.message());
      err.println("(operator log: " + sandbox.workDir().resolve("sandbox.log") + ")");
      return FAILED;
    }
    DelayAnalysis analysis = outcome.analysis();
    Path results = onDisk(sandbox, analysis.getStatus().getResultsUri());
    out.print(ResultReport.format(analysis, results == null ? analysis.getStatus().getCarriers() : allCarriers(results),
        onDisk(sandbox, analysis.getStatus().getChartUri()), results));
    out.println(timings(sandbox, outcome));
    return 0;
  }

  private static void keepRunning(Sandbox sandbox, PrintStream out) {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      sandbox.close();
      stopped.countDown();
    }, "sandbox-shutdown"));
    out.printf("%nThe sandbox keeps running; Ctrl-C stops it.%n");
    out.printf("  kubeconfig:  %s%n", sandbox.kubeconfig());
    out.printf("               kubectl --kubeconfig %s get dbk,dla%n", sandbox.kubeconfig());
    out.printf("  API server:  %s%n", sandbox.apiUrl());
    out.printf("  S3 endpoint: %s (access key %s; the secret key is in Secret %s/%s)%n", sandbox.s3().endpoint(),
        EmbeddedS3.ACCESS_KEY_ID, Quickstart.NAMESPACE, Sandbox.CREDENTIALS_SECRET);
    out.flush();
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The whole ranking (the status keeps the top N, trimmed to fit a termination message). */
  private static List<CarrierResult> allCarriers(Path resultsJson) {
    ObjectMapper json = Serialization.jsonMapper().copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    try {
      return json.convertValue(json.readTree(resultsJson.toFile()).path("carriers"), new TypeReference<>() {});
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resultsJson, e);
    }
  }

  /** The file of an s3a:// URI of the embedded S3, or null for any other URI. */
  private static Path onDisk(Sandbox sandbox, String uri) {
    if (uri == null || !uri.startsWith("s3a://")) {
      return null;
    }
    URI parsed = URI.create(uri);
    Path file = sandbox.s3().file(parsed.getHost(), parsed.getPath().substring(1));
    return Files.exists(file) ? file : null;
  }

  private static RunTimings timings(Sandbox sandbox, QuickstartRun.Outcome outcome) {
    Instant jvmStart = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
    DelayAnalysis analysis = outcome.analysis();
    Duration job = Duration.ofMillis(analysis.getStatus().getDurationMillis() == null ? 0
        : analysis.getStatus().getDurationMillis());
    Instant summary = QuickstartRun.summaryWritten(sandbox.runs(), analysis).orElse(outcome.succeeded());
    Duration statusUpdate = Duration.between(summary, outcome.succeeded());
    // a bucket that was Ready before the first look: seeding ended when the operator was up
    Instant bucketReady = outcome.bucketReady() == null ? sandbox.operatorUp() : outcome.bucketReady();
    Duration sparkStart = Duration.between(bucketReady, summary).minus(job);
    return new RunTimings(Duration.between(jvmStart, sandbox.serversUp()),
        Duration.between(sandbox.serversUp(), sandbox.operatorUp()),
        Duration.between(sandbox.operatorUp(), bucketReady), sparkStart, job, statusUpdate);
  }

  private static Path workDir(SandboxOptions options) {
    try {
      if (options.workDir() != null) {
        return Files.createDirectories(options.workDir());
      }
      return Files.createTempDirectory("flight-delay-sandbox-");
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot create the work directory: " + e.getMessage(), e);
    }
  }
}
