package dev.flightdelay.sandbox;

import java.io.File;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The operator's settings (FLIGHTDELAY_*, as README.md documents them) for a single-tenant run on
 * one machine: the embedded API server and S3, and the three things a shared cluster must never
 * allow, turned on because the sandbox's user is its only tenant: jobs as child processes
 * (runner: local), files under the work directory, and seeds from loopback over http.
 *
 * <p>The operator's own AWS identity stays off: every DataBucket here uses the Secret with the
 * embedded S3's keys (see {@link SandboxAdmission}), as the local job can only be handed a
 * Secret's keys.
 */
final class LocalOperatorSettings {

  private LocalOperatorSettings() {}

  /**
   * @param ec2Endpoint null when no EC2 API was given
   * @param workDir the run's directory: file: roots and the local jobs' logs are under it
   */
  static Map<String, String> of(URI s3Endpoint, URI ec2Endpoint, Path workDir) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("FLIGHTDELAY_S3_ENDPOINT", s3Endpoint.toString());
    if (ec2Endpoint != null) {
      settings.put("FLIGHTDELAY_EC2_ENDPOINT", ec2Endpoint.toString());
    }
    settings.put("FLIGHTDELAY_DEFAULT_REGION", "us-east-1");
    // the mock API server does not speak server-side apply
    settings.put("FLIGHTDELAY_SERVER_SIDE_APPLY", "false");
    settings.put("FLIGHTDELAY_LOCAL_RUNNER", "true");
    settings.put("FLIGHTDELAY_LOCAL_CLASSPATH", jobClasspath());
    settings.put("FLIGHTDELAY_LOCAL_WORK_DIR", workDir.resolve("runs").toString());
    settings.put("FLIGHTDELAY_FILE_ROOTS", workDir.toString());
    settings.put("FLIGHTDELAY_SEED_ALLOW_HTTP", "true");
    settings.put("FLIGHTDELAY_SEED_ALLOWED_CIDRS", "127.0.0.0/8");
    return settings;
  }

  /**
   * What a local job runs with: target/lib/* next to the sandbox jar (the job and Spark are in
   * it), or this JVM's class path when the sandbox runs from its classes.
   */
  static String jobClasspath() {
    try {
      Path code = Path.of(LocalOperatorSettings.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (Files.isRegularFile(code)) {
        return code.resolveSibling("lib") + File.separator + "*";
      }
    } catch (URISyntaxException e) {
      // fall through to the class path this JVM was given
    }
    return System.getProperty("java.class.path");
  }
}
