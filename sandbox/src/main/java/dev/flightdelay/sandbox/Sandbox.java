package dev.flightdelay.sandbox;

import dev.flightdelay.operator.FlightDelayOperator;
import dev.flightdelay.operator.Main;
import dev.flightdelay.operator.OperatorConfig;
import dev.flightdelay.sandbox.kubectl.KubectlGateway;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything the sandbox runs, on loopback: the API server (behind the gateway kubectl uses), S3,
 * the server of the local data files, and the operator. Started in that order, stopped in reverse.
 */
final class Sandbox implements AutoCloseable {

  /** The Secret (in namespace default) with the embedded S3's keys: DataBuckets here use it. */
  static final String CREDENTIALS_SECRET = "sandbox-s3";
  private static final Logger LOG = LoggerFactory.getLogger(Sandbox.class);
  private static final Duration OPERATOR_START_TIMEOUT = Duration.ofSeconds(60);

  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private final Path workDir;
  private EmbeddedKubernetes api;
  private EmbeddedS3 s3;
  private KubectlGateway gateway;
  private KubernetesClient client;
  private Quickstart quickstart;
  private Path kubeconfig;
  private Instant serversUp;
  private Instant operatorUp;

  private Sandbox(Path workDir) {
    this.workDir = workDir;
  }

  /**
   * Starts it all and waits for the operator's informers.
   *
   * @param data the user's flights file, or null for the quick start's own data
   * @param ec2Endpoint an EC2 API for SparkHosts, or null
   */
  static Sandbox start(Path workDir, Checkout checkout, Path data, URI ec2Endpoint) {
    Sandbox sandbox = new Sandbox(workDir);
    try {
      sandbox.startServers(checkout, data);
      sandbox.startOperator(ec2Endpoint);
      return sandbox;
    } catch (RuntimeException | Error e) {
      sandbox.close();
      throw e;
    }
  }

  private void startServers(Checkout checkout, Path data) {
    api = started(EmbeddedKubernetes.start());
    s3 = started(EmbeddedS3.start(directory("s3")));
    DataFileServer files = started(DataFileServer.start());
    Quickstart manifests = Quickstart.load(checkout.quickstart());
    Map<String, URI> copies = manifests.serveLocalCopies(files, checkout);
    // under a name of its own: the user's flights.csv is not the quick start's
    quickstart = data == null ? manifests : manifests.withData(data, files.serve("data/" + data.getFileName(), data));
    gateway = started(KubectlGateway.start(URI.create(api.url()), api.client(),
        new SandboxAdmission(CREDENTIALS_SECRET, copies)));
    client = started(EmbeddedKubernetes.clientFor(gateway.url()));
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(Quickstart.NAMESPACE).endMetadata()
        .build()).create();
    client.secrets().inNamespace(Quickstart.NAMESPACE).resource(new SecretBuilder().withNewMetadata()
        .withName(CREDENTIALS_SECRET).endMetadata()
        .addToStringData("accessKeyId", EmbeddedS3.ACCESS_KEY_ID)
        .addToStringData("secretAccessKey", s3.secretAccessKey()).build()).create();
    kubeconfig = Kubeconfig.write(workDir.resolve("kubeconfig"), gateway.url(), Quickstart.NAMESPACE);
    serversUp = Instant.now();
  }

  /** The operator as Main runs it, against the API server directly (its watches are WebSockets). */
  private void startOperator(URI ec2Endpoint) {
    OperatorConfig config = OperatorConfig.from(LocalOperatorSettings.of(s3.endpoint(), ec2Endpoint, workDir),
        new String[0]);
    KubernetesClient operatorClient = started(Main.client(
        new ConfigBuilder(Config.empty()).withMasterUrl(api.url()).withHttp2Disable(true).build()));
    FlightDelayOperator operator =
        started(Main.operator(config, operatorClient, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)));
    operator.start();
    Instant deadline = Instant.now().plus(OPERATOR_START_TIMEOUT);
    while (!operator.isReady()) {
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("the operator's informers did not sync within "
            + OPERATOR_START_TIMEOUT.toSeconds() + " s");
      }
      sleep(Duration.ofMillis(20));
    }
    operatorUp = Instant.now();
  }

  /** A client of the sandbox's API as kubectl reaches it (admission included). */
  KubernetesClient client() {
    return client;
  }

  Quickstart quickstart() {
    return quickstart;
  }

  Path kubeconfig() {
    return kubeconfig;
  }

  String apiUrl() {
    return gateway.url();
  }

  EmbeddedS3 s3() {
    return s3;
  }

  Path workDir() {
    return workDir;
  }

  Instant serversUp() {
    return serversUp;
  }

  Instant operatorUp() {
    return operatorUp;
  }

  /** Where the operator's local runs keep their driver.log and summary.json. */
  Path runs() {
    return workDir.resolve("runs");
  }

  private Path directory(String name) {
    try {
      return Files.createDirectories(workDir.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + workDir.resolve(name), e);
    }
  }

  private <T extends AutoCloseable> T started(T part) {
    started.push(part);
    return part;
  }

  static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  @Override
  public void close() {
    while (!started.isEmpty()) {
      AutoCloseable part = started.pop();
      try {
        part.close();
      } catch (Exception e) {
        LOG.warn("stopping {} failed", part.getClass().getSimpleName(), e);
      }
    }
  }
}
