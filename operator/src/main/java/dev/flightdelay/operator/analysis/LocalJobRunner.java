package dev.flightdelay.operator.analysis;

import dev.flightdelay.api.v1alpha1.DelayAnalysis;
import dev.flightdelay.api.v1alpha1.LocalObjectRef;
import dev.flightdelay.api.v1alpha1.SparkSpec;
import dev.flightdelay.job.FlightDelayJob;
import dev.flightdelay.job.JvmOptions;
import dev.flightdelay.operator.aws.CredentialsSecretReader;
import dev.flightdelay.operator.aws.StaticCredentials;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Attempts as child JVMs of the operator (runner: local), for sandboxes and machines without a
 * cluster: the same main class and arguments as a driver pod, Spark in local mode, the summary in
 * a file instead of the termination log, credentials in the child's environment only.
 *
 * <p>A driver outlives an operator that crashed (a stopped operator kills its drivers): the next
 * operator finds it by the application id on its command line and adopts it, as it adopts a pod.
 */
public final class LocalJobRunner implements AttemptRunner, AutoCloseable {

  private static final int LOG_TAIL_LINES = 20;
  private static final String APP_ID_ARGUMENT = "-Dspark.app.id=";

  private final String classpath;
  private final Path workDir;
  private final CredentialsSecretReader secrets;
  private final Map<String, LocalRun> running = new ConcurrentHashMap<>();
  private volatile Consumer<ResourceID> exitListener = id -> { };

  /**
   * @param classpath the job's classpath (the operator's own holds the job and Spark)
   * @param workDir where each run gets a directory with its log and summary
   */
  public LocalJobRunner(String classpath, Path workDir, CredentialsSecretReader secrets) {
    this.classpath = classpath;
    this.workDir = workDir;
    this.secrets = secrets;
  }

  @Override
  public boolean start(DelayAnalysis analysis, AttemptNames names, DataAccess access) throws RunnerException {
    String key = key(analysis, names);
    if (running.containsKey(key) || adopt(analysis, names).isPresent()) {
      return false;
    }
    Path dir = runDir(analysis, names);
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.add("-Xmx" + driverMemory(analysis.getSpec().getSpark()));
    command.addAll(JvmOptions.sparkOptions());
    command.add("-Dspark.app.name=" + analysis.getMetadata().getName());
    command.add(appIdArgument(names));
    SparkConfFactory.s3aSettings(access).forEach((k, v) -> command.add("-D" + k + "=" + v));
    SparkSpec spark = analysis.getSpec().getSpark();
    if (spark != null) {
      spark.getConf().forEach((k, v) -> {
        if (AnalysisValidator.isAllowed(k, v)) {
          command.add("-D" + k + "=" + v);
        }
      });
    }
    command.add("-cp");
    command.add(classpath);
    command.add(FlightDelayJob.class.getName());
    command.addAll(JobArguments.of(analysis.getSpec(), access, dir.resolve("summary.json").toString()));
    try {
      Files.createDirectories(dir);
      Files.deleteIfExists(dir.resolve("summary.json"));
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(dir.resolve("driver.log").toFile());
      Map<String, String> env = builder.environment();
      env.keySet().removeIf(name -> name.startsWith("AWS_"));
      credentials(analysis, access).ifPresent(c -> {
        env.put("AWS_ACCESS_KEY_ID", c.accessKeyId());
        env.put("AWS_SECRET_ACCESS_KEY", c.secretAccessKey());
        if (c.sessionToken() != null) {
          env.put("AWS_SESSION_TOKEN", c.sessionToken());
        }
      });
      Process process = builder.start();
      track(analysis, names, new LocalRun(process.toHandle(), process));
      return true;
    } catch (IOException e) {
      throw new RunnerException("LocalStartFailed", "cannot start the local driver: " + e.getMessage(), e);
    }
  }

  /** Who hears that a driver process ended (the reconciler's event source), so no one polls. */
  public void notifyOnExit(Consumer<ResourceID> listener) {
    this.exitListener = listener;
  }

  @Override
  public AttemptObservation observe(DelayAnalysis analysis, AttemptNames names, Context<DelayAnalysis> context) {
    Path dir = runDir(analysis, names);
    Optional<LocalRun> found = Optional.ofNullable(running.get(key(analysis, names))).or(() -> adopt(analysis, names));
    if (found.isEmpty()) {
      // Neither running nor found: a summary is all that can tell how it went.
      return summary(dir).map(LocalJobRunner::fromSummary)
          .orElseGet(() -> new AttemptObservation(AttemptObservation.State.MISSING, "DriverProcessLost",
              "the local driver process of " + names.applicationId() + " is gone (operator restarted?)", null));
    }
    LocalRun run = found.get();
    if (run.handle().isAlive()) {
      return AttemptObservation.of(AttemptObservation.State.RUNNING);
    }
    String text = summary(dir).orElse(null);
    if (run.child() == null) {
      // Adopted: its exit code went to the operator that started it; its summary says how it went.
      return text != null ? fromSummary(text) : new AttemptObservation(AttemptObservation.State.FAILED, "DriverFailed",
          "local driver ended without a summary", logTail(dir));
    }
    int exit = run.child().exitValue();
    if (exit == 0) {
      return new AttemptObservation(AttemptObservation.State.SUCCEEDED, null, null, text);
    }
    return new AttemptObservation(AttemptObservation.State.FAILED, "DriverFailed",
        "local driver exited with code " + exit, text != null ? text : logTail(dir));
  }

  @Override
  public void stop(DelayAnalysis analysis, AttemptNames names) {
    LocalRun run = running.remove(key(analysis, names));
    if (run != null) {
      kill(run.handle());
    } else {
      find(names).ifPresent(LocalJobRunner::kill);
    }
  }

  /** Kills every run of the analysis (it was deleted), those adopted or not yet adopted too. */
  public void stopAll(DelayAnalysis analysis) {
    String prefix = analysis.getMetadata().getNamespace() + "/" + analysis.getMetadata().getUid() + "/";
    running.keySet().stream().filter(k -> k.startsWith(prefix)).toList().forEach(k -> kill(running.remove(k).handle()));
    String marker = APP_ID_ARGUMENT + AttemptNames.applicationIdPrefix(analysis);
    processesWithArgument(arg -> arg.startsWith(marker)).forEach(LocalJobRunner::kill);
  }

  @Override
  public boolean removeFinished(DelayAnalysis analysis) {
    String prefix = analysis.getMetadata().getNamespace() + "/" + analysis.getMetadata().getUid() + "/";
    running.entrySet().removeIf(e -> e.getKey().startsWith(prefix) && !e.getValue().handle().isAlive());
    Path dir = workDir.resolve(analysis.getMetadata().getNamespace()).resolve(analysis.getMetadata().getUid());
    if (!Files.exists(dir)) {
      return false;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return true;
  }

  /** Where a run's driver.log and summary.json are. */
  public Path runDir(DelayAnalysis analysis, AttemptNames names) {
    return workDir.resolve(analysis.getMetadata().getNamespace()).resolve(analysis.getMetadata().getUid())
        .resolve(names.driverPod());
  }

  @Override
  public void close() {
    running.values().forEach(run -> kill(run.handle()));
    running.clear();
  }

  /** A driver process: started here ({@code child} set), or adopted from a crashed operator. */
  private record LocalRun(ProcessHandle handle, Process child) {}

  /** Takes over a live driver of this attempt that another operator process started. */
  private Optional<LocalRun> adopt(DelayAnalysis analysis, AttemptNames names) {
    Optional<LocalRun> found = find(names).map(handle -> new LocalRun(handle, null));
    found.ifPresent(run -> track(analysis, names, run));
    return found;
  }

  private static Optional<ProcessHandle> find(AttemptNames names) {
    return processesWithArgument(appIdArgument(names)::equals).findFirst();
  }

  private static Stream<ProcessHandle> processesWithArgument(Predicate<String> argument) {
    return ProcessHandle.allProcesses().filter(p -> arguments(p).stream().anyMatch(argument));
  }

  /**
   * A process's arguments. The JDK gives none for a command line as long as a driver's (its
   * class path), so on Linux they come from /proc.
   */
  private static List<String> arguments(ProcessHandle process) {
    Path cmdline = Path.of("/proc", String.valueOf(process.pid()), "cmdline");
    try {
      return Arrays.asList(new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8).split("\0"));
    } catch (IOException | RuntimeException e) {
      return process.info().arguments().map(Arrays::asList).orElse(List.of());
    }
  }

  private void track(DelayAnalysis analysis, AttemptNames names, LocalRun run) {
    running.put(key(analysis, names), run);
    ResourceID owner = ResourceID.fromResource(analysis);
    run.handle().onExit().thenRun(() -> exitListener.accept(owner));
  }

  private static String appIdArgument(AttemptNames names) {
    return APP_ID_ARGUMENT + names.applicationId();
  }

  private static AttemptObservation fromSummary(String text) {
    return JobSummary.parse(text).map(JobSummary::ranked).orElse(false)
        ? new AttemptObservation(AttemptObservation.State.SUCCEEDED, null, null, text)
        : new AttemptObservation(AttemptObservation.State.FAILED, "DriverFailed", "the local driver failed", text);
  }

  private Optional<StaticCredentials> credentials(DelayAnalysis analysis, DataAccess access) throws RunnerException {
    if (access.s3() == null || access.s3().credentialsSecret() == null) {
      return Optional.empty();
    }
    try {
      return secrets.read(analysis.getMetadata().getNamespace(), new LocalObjectRef(access.s3().credentialsSecret()));
    } catch (CredentialsSecretReader.UnusableSecret e) {
      throw new RunnerException("CredentialsUnusable", e.getMessage(), null);
    }
  }

  private static String key(DelayAnalysis analysis, AttemptNames names) {
    return analysis.getMetadata().getNamespace() + "/" + analysis.getMetadata().getUid() + "/" + names.driverPod();
  }

  private static String driverMemory(SparkSpec spark) {
    String memory = spark == null || spark.getDriver() == null || spark.getDriver().getMemory() == null
        ? "1g" : spark.getDriver().getMemory();
    return memory.toLowerCase(java.util.Locale.ROOT).replaceAll("b$", "");
  }

  private static Optional<String> summary(Path dir) {
    try {
      Path file = dir.resolve("summary.json");
      return Files.exists(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8)) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static String logTail(Path dir) {
    try {
      List<String> lines = Files.readAllLines(dir.resolve("driver.log"), StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
    } catch (IOException e) {
      return null;
    }
  }

  private static void kill(ProcessHandle process) {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      process.onExit().get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    } catch (ExecutionException | TimeoutException e) {
      process.destroyForcibly();
    }
  }
}
