package dev.flightdelay.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A moto AWS emulator (S3, EC2, IAM, STS) in a child process on a free loopback port.
 *
 * <p>Tests reach it through the real AWS SDK clients with an endpoint override, so the SDK's
 * marshalling, retries and waiters run for real. Any credentials are accepted.
 */
public final class MotoServer implements AutoCloseable {

  public static final String REGION = "us-east-1";
  public static final String ACCESS_KEY_ID = "testing";
  public static final String SECRET_ACCESS_KEY = "testing-secret";

  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final Process process;
  private final URI endpoint;
  private final Path log;
  private final HttpClient http = HttpClient.newHttpClient();

  private MotoServer(Process process, URI endpoint, Path log) {
    this.process = process;
    this.endpoint = endpoint;
    this.log = log;
  }

  /**
   * Starts moto with the given Python (default python3, or the system property moto.python) and
   * extra environment (e.g. MOTO_ENABLE_AMI_VALIDATION=1).
   */
  public static MotoServer start(String python, Map<String, String> environment) {
    requireMotoInstalled(python);
    int port = freePort();
    Path log;
    Process process;
    try {
      log = Files.createTempFile("moto-" + port + "-", ".log");
      List<String> command =
          new ArrayList<>(List.of(python, "-m", "moto.server", "-H", "127.0.0.1", "-p", "" + port));
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      builder.redirectOutput(log.toFile());
      builder.environment().putAll(environment);
      process = builder.start();
    } catch (IOException e) {
      throw new IllegalStateException("could not start moto with " + python, e);
    }
    MotoServer server = new MotoServer(process, URI.create("http://127.0.0.1:" + port), log);
    server.awaitUp();
    return server;
  }

  public static MotoServer start() {
    return start(System.getProperty("moto.python", "python3"), Map.of());
  }

  /** The endpoint to give the AWS SDK's endpointOverride (and S3A's fs.s3a.endpoint). */
  public URI endpoint() {
    return endpoint;
  }

  public String region() {
    return REGION;
  }

  /** An S3 client of the AWS SDK v2 for this moto: path-style, test credentials, its region. */
  public S3Client s3() {
    return S3Client.builder()
        .endpointOverride(endpoint)
        .forcePathStyle(true)
        .region(Region.of(REGION))
        .credentialsProvider(credentials())
        .build();
  }

  /** An EC2 client of the AWS SDK v2 for this moto. */
  public Ec2Client ec2() {
    return Ec2Client.builder().endpointOverride(endpoint).region(Region.of(REGION)).credentialsProvider(credentials()).build();
  }

  /** An IAM client of the AWS SDK v2 for this moto. */
  public IamClient iam() {
    return IamClient.builder().endpointOverride(endpoint).region(Region.of(REGION)).credentialsProvider(credentials()).build();
  }

  private static StaticCredentialsProvider credentials() {
    return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY));
  }

  /** Clears every bucket, instance and key moto holds. */
  public void reset() {
    HttpResponse<String> response =
        send(HttpRequest.newBuilder(endpoint.resolve("/moto-api/reset"))
            .POST(HttpRequest.BodyPublishers.noBody())
            .build());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "moto reset answered " + response.statusCode() + ": " + response.body());
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
      Files.deleteIfExists(log);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    } catch (IOException e) {
      // The log is a temp file; failing to delete it changes nothing for the tests.
    }
  }

  private void awaitUp() {
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "moto exited with code " + process.exitValue() + " before it served:\n" + readLog());
      }
      try {
        HttpResponse<String> response =
            http.send(
                HttpRequest.newBuilder(endpoint.resolve("/moto-api/data.json"))
                    .timeout(Duration.ofSeconds(2))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // Not listening yet.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for moto", e);
      }
      sleep(100);
    }
    close();
    throw new IllegalStateException(
        "moto did not answer on " + endpoint + " within " + START_TIMEOUT + ":\n" + readLog());
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException("moto did not answer " + request.uri(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private String readLog() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no moto log: " + e.getMessage() + ")";
    }
  }

  private static void requireMotoInstalled(String python) {
    String failure;
    try {
      Process check =
          new ProcessBuilder(python, "-c", "import moto.server").redirectErrorStream(true).start();
      String output = new String(check.getInputStream().readAllBytes());
      if (check.waitFor() == 0) {
        return;
      }
      failure = output.strip();
    } catch (IOException e) {
      failure = e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failure = "interrupted";
    }
    throw new IllegalStateException(
        "These tests need the moto AWS emulator, and '"
            + python
            + " -c \"import moto.server\"' failed: "
            + failure
            + "\nInstall it with: pip install 'moto[server]'"
            + " (or point -Dmoto.python at a Python that has it).");
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free loopback port", e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
