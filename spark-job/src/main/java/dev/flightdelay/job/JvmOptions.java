package dev.flightdelay.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Spark on Java 17 needs --add-opens flags (org.apache.spark.launcher.JavaModuleOptions). When
 * the job is started with a plain {@code java -cp}, it starts itself again with them, so the
 * flags are never the user's problem. Spark's own launchers (spark-submit, the Kubernetes
 * entrypoint) already pass them, and then nothing is re-executed.
 */
public final class JvmOptions {

  private static final String RELAUNCHED = "flightdelay.relaunched";

  private JvmOptions() {}

  /** True when this JVM lacks the module openings Spark needs. */
  static boolean missing() {
    return !Object.class.getModule().isOpen("sun.nio.ch", JvmOptions.class.getClassLoader().getUnnamedModule())
        && System.getProperty(RELAUNCHED) == null;
  }

  /** Runs the main class again in a child JVM with the options; returns its exit code. */
  static int relaunch(Class<?> mainClass, String[] args) {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    command.addAll(sparkOptions());
    command.add("-D" + RELAUNCHED + "=true");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass.getName());
    command.addAll(Arrays.asList(args));
    try {
      return new ProcessBuilder(command).inheritIO().start().waitFor();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command.get(0), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 130;
    }
  }

  /** The JVM options of the Spark version this job is built against. */
  public static List<String> sparkOptions() {
    return Arrays.asList(BuildInfo.property("spark.jvm.options").trim().split("\\s+"));
  }
}
