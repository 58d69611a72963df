package dev.flightdelay.sandbox;

import java.nio.file.Path;
import java.util.logging.LogManager;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Where the logs of everything in the sandbox's JVM go (the operator, the API server, S3): one
 * file in the work directory, so that the screen shows the run's progress only.
 */
final class SandboxLogging {

  private SandboxLogging() {}

  /** Must run before the first logger is made (slf4j-simple reads its settings once). */
  static void to(Path file) {
    System.setProperty("org.slf4j.simpleLogger.logFile", file.toString());
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
    System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
    System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
    // java.util.logging (the mock web server's) through SLF4J into the same file
    LogManager.getLogManager().reset();
    SLF4JBridgeHandler.install();
  }
}
