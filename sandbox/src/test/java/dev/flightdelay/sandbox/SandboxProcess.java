package dev.flightdelay.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged sandbox run as README.md tells a user to run it: {@code java -jar
 * sandbox/target/flight-delay-sandbox.jar}, from the repository's root, its output kept.
 */
final class SandboxProcess implements AutoCloseable {

  private static final Pattern KUBECONFIG = Pattern.compile("^  kubeconfig:\\s+(\\S+)$", Pattern.MULTILINE);

  private final Process process;
  private final Path stdout;
  private final Path stderr;
  private final Path workDir;

  private SandboxProcess(Process process, Path stdout, Path stderr, Path workDir) {
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
    this.workDir = workDir;
  }

  /** Starts it with --work-dir workDir and the given options; its output goes next to workDir. */
  static SandboxProcess start(Path workDir, String... options) {
    Path jar = Path.of("target", "flight-delay-sandbox.jar").toAbsolutePath();
    assertThat(jar).as("the packaged sandbox (mvn package)").isRegularFile();
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString(),
        "--work-dir", workDir.toString()));
    command.addAll(Arrays.asList(options));
    Path stdout = workDir.resolveSibling(workDir.getFileName() + ".out");
    Path stderr = workDir.resolveSibling(workDir.getFileName() + ".err");
    try {
      Process process = new ProcessBuilder(command).directory(repositoryRoot().toFile())
          .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
      return new SandboxProcess(process, stdout, stderr, workDir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The clone this module is in (sandbox/ is one level below it). */
  static Path repositoryRoot() {
    return Path.of("").toAbsolutePath().getParent();
  }

  /** Waits for it to exit and returns its exit code. */
  int waitFor(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the sandbox did not exit within " + timeout + "; output:\n" + stdout() + stderr());
    }
    return process.exitValue();
  }

  /** With --keep-running: waits until it says it keeps running, and returns the kubeconfig it printed. */
  Path awaitKeptRunning(Duration timeout) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      Matcher kubeconfig = KUBECONFIG.matcher(stdout());
      if (kubeconfig.find()) {
        return Path.of(kubeconfig.group(1));
      }
      if (!process.isAlive()) {
        throw new AssertionError("the sandbox exited with " + process.exitValue() + ":\n" + stdout() + stderr());
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the sandbox did not print its kubeconfig within " + timeout + ":\n" + stdout() + stderr());
  }

  /** Sends SIGTERM, as Ctrl-C's SIGINT does the same shutdown, and waits for the exit. */
  int stop(Duration timeout) throws InterruptedException {
    process.destroy();
    return waitFor(timeout);
  }

  String stdout() {
    return read(stdout);
  }

  String stderr() {
    return read(stderr);
  }

  /** Processes other than the sandbox itself whose command line names its work directory (its Spark drivers). */
  List<ProcessHandle> processesOfWorkDir() {
    return ProcessHandle.allProcesses().filter(p -> p.pid() != process.pid())
        .filter(p -> commandLine(p).contains(workDir.toString())).toList();
  }

  private static String commandLine(ProcessHandle process) {
    try {
      return new String(Files.readAllBytes(Path.of("/proc", String.valueOf(process.pid()), "cmdline")),
          StandardCharsets.UTF_8).replace('\0', ' ');
    } catch (IOException e) {
      return "";
    }
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
    for (ProcessHandle left : processesOfWorkDir()) {
      left.destroyForcibly();
    }
  }

  @Override
  public String toString() {
    return "sandbox (" + workDir + File.separator + ")";
  }
}
