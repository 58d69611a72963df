package dev.flightdelay.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged job run as a user runs it: plain {@code java -cp jar:lib/*} in a fresh JVM, no JVM
 * flags of the user's, in a working directory of the test's, stdout and stderr kept in files there.
 */
final class JobProcess {

  private static final Path TARGET = Path.of("target").toAbsolutePath();

  /** What a finished run left behind. */
  record Outcome(int exitCode, String stdout, String stderr) {}

  private final Path workDir;
  private final List<String> systemProperties = new ArrayList<>();
  private final Map<String, String> awsEnvironment = new LinkedHashMap<>();
  private boolean onlyGivenAwsEnvironment;

  JobProcess(Path workDir) {
    this.workDir = workDir;
  }

  /** A -D option for the job's JVM, e.g. a spark.hadoop.* setting. */
  JobProcess systemProperty(String key, String value) {
    systemProperties.add("-D" + key + "=" + value);
    return this;
  }

  /**
   * The job sees these AWS_* variables and no other AWS credential source of this machine: no
   * inherited AWS_* variable, a HOME without ~/.aws, no shared credentials or config file, no
   * instance metadata service. A run that reaches AWS then did so with what the test gave it.
   */
  JobProcess onlyAwsEnvironment(Map<String, String> variables) {
    onlyGivenAwsEnvironment = true;
    awsEnvironment.putAll(variables);
    return this;
  }

  Outcome run(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(systemProperties);
    command.addAll(List.of(
        "-cp",
        TARGET.resolve("flight-delay-job.jar") + File.pathSeparator + TARGET.resolve("lib") + File.separator + "*",
        FlightDelayJob.class.getName()));
    command.addAll(List.of(args));
    Path stdout = workDir.resolve("stdout.txt");
    Path stderr = workDir.resolve("stderr.txt");
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(workDir.toFile())
        .redirectOutput(stdout.toFile())
        .redirectError(stderr.toFile());
    if (onlyGivenAwsEnvironment) {
      isolateFromAws(builder.environment());
    }
    Process process = builder.start();
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
    }
    assertThat(process.isAlive()).as("the job finished within 5 minutes").isFalse();
    return new Outcome(process.exitValue(), Files.readString(stdout), Files.readString(stderr));
  }

  private void isolateFromAws(Map<String, String> environment) throws IOException {
    environment.keySet().removeIf(name -> name.startsWith("AWS_"));
    Path home = Files.createDirectories(workDir.resolve("home"));
    environment.put("HOME", home.toString());
    environment.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve("no-credentials").toString());
    environment.put("AWS_CONFIG_FILE", home.resolve("no-config").toString());
    environment.put("AWS_EC2_METADATA_DISABLED", "true");
    environment.putAll(awsEnvironment);
  }
}
