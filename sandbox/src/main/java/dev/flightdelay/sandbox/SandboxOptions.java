package dev.flightdelay.sandbox;

import java.net.URI;
import java.nio.file.Path;

/**
 * The command line.
 *
 * @param data the flights file to analyse (csv, csv.gz or Parquet); null for the repository's
 *     nycflights13 table
 * @param keepRunning keep the API server, S3 and operator up after the run, until Ctrl-C
 * @param workDir where everything the run writes goes; null for a new temporary directory
 * @param ec2Endpoint an EC2 API (a moto server) for a SparkHost; null for none
 * @param help print the usage and do nothing else
 */
record SandboxOptions(Path data, boolean keepRunning, Path workDir, URI ec2Endpoint, boolean help) {

  static final String USAGE = """
      usage: java -jar sandbox/target/flight-delay-sandbox.jar [options]

      Starts a local Kubernetes API (kubectl can use it), a local S3 and the operator, applies
      examples/quickstart/ and prints the carriers ranked by delay.

        --data FILE          flights to analyse: csv, csv.gz or Parquet (default: the repository's
                             nycflights13 table, data/nycflights13/flights_df.csv.gz)
        --keep-running       keep everything up after the run, print the kubeconfig, stop on Ctrl-C
        --work-dir DIR       where the run writes (S3 objects, logs, kubeconfig); default: a new
                             temporary directory
        --ec2-endpoint URL   an EC2 API you started (e.g. moto); a SparkHost is applied as well
        --help               this text
      """;

  static SandboxOptions parse(String[] args) {
    Path data = null;
    boolean keepRunning = false;
    Path workDir = null;
    URI ec2 = null;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
      switch (name) {
        case "--help", "-h" -> {
          return new SandboxOptions(null, false, null, null, true);
        }
        case "--keep-running" -> keepRunning = true;
        case "--data", "--work-dir", "--ec2-endpoint" -> {
          String value;
          if (arg.contains("=")) {
            value = arg.substring(arg.indexOf('=') + 1);
          } else if (i + 1 < args.length) {
            value = args[++i];
          } else {
            throw new IllegalArgumentException(name + " needs a value");
          }
          if (value.isBlank()) {
            throw new IllegalArgumentException(name + " needs a value");
          }
          switch (name) {
            case "--data" -> data = Path.of(value).toAbsolutePath();
            case "--work-dir" -> workDir = Path.of(value).toAbsolutePath();
            default -> ec2 = endpoint(value);
          }
        }
        default -> throw new IllegalArgumentException("unknown option " + arg);
      }
    }
    return new SandboxOptions(data, keepRunning, workDir, ec2, false);
  }

  private static URI endpoint(String value) {
    URI uri = URI.create(value);
    if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
      throw new IllegalArgumentException("--ec2-endpoint must be an http(s) URL, got " + value);
    }
    return uri;
  }
}
