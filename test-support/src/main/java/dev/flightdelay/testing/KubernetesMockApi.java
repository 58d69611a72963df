package dev.flightdelay.testing;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Fabric8's mock Kubernetes API server in CRUD mode, with the project's generated CRDs created in
 * it, and a client for it. Objects live in memory; watches and informers work; nothing runs pods.
 * A test plays the kubelet where a pod must change phase.
 */
public final class KubernetesMockApi implements AutoCloseable {

  /** The generated CRDs, as the crds module puts them on the classpath. */
  public static final List<String> FLIGHTDELAY_CRDS =
      List.of(
          "META-INF/fabric8/databuckets.flightdelay.dev-v1.yml",
          "META-INF/fabric8/sparkhosts.flightdelay.dev-v1.yml",
          "META-INF/fabric8/delayanalyses.flightdelay.dev-v1.yml");

  /**
   * The user agent of the test's own client: a request log tells what the test did (as a user
   * would) from what the code under test did.
   */
  public static final String TEST_USER_AGENT = "flight-delay-tests";

  private final KubernetesMockServer server;
  private final KubernetesClient client;
  private final List<KubernetesClient> otherClients = new CopyOnWriteArrayList<>();

  private KubernetesMockApi(KubernetesMockServer server) {
    this.server = server;
    this.client = clientWithUserAgent(server, TEST_USER_AGENT);
  }

  /** Starts a CRUD mock API server on loopback and creates the project's CRDs in it. */
  public static KubernetesMockApi startWithCrds() {
    return start(FLIGHTDELAY_CRDS);
  }

  public static KubernetesMockApi start(List<String> crdResources) {
    KubernetesMockServer server =
        new KubernetesMockServer(
            new Context(), new MockWebServer(), new HashMap<>(), new MockApiDispatcher(), false);
    server.init(InetAddress.getLoopbackAddress(), 0);
    KubernetesMockApi api = new KubernetesMockApi(server);
    crdResources.forEach(api::createCrd);
    return api;
  }

  public KubernetesClient client() {
    return client;
  }

  /**
   * Another client of this server, sending userAgent: the code under test's own, as it has in
   * production. Closed with the server.
   */
  public KubernetesClient newClient(String userAgent) {
    KubernetesClient other = clientWithUserAgent(server, userAgent);
    otherClients.add(other);
    return other;
  }

  private static KubernetesClient clientWithUserAgent(KubernetesMockServer server, String userAgent) {
    return server.createClient(builder -> builder.editOrNewConfig().withUserAgent(userAgent).endConfig());
  }

  /** Where the server listens, for a client the test builds itself. */
  public String url() {
    return client.getConfiguration().getMasterUrl();
  }

  /** Writes a kubeconfig that points at this server, for a process the test starts. */
  public Path writeKubeconfig(Path file, String namespace) {
    try {
      return Files.writeString(file, """
          apiVersion: v1
          kind: Config
          clusters: [{name: mock, cluster: {server: "%s"}}]
          users: [{name: test, user: {token: test-token}}]
          contexts: [{name: mock, context: {cluster: mock, user: test, namespace: %s}}]
          current-context: mock
          """.formatted(url(), namespace));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The requests the server received since the previous call (or its start), oldest first, as
   * "METHOD path?query": what a test reads to prove nothing was written where it must not be.
   */
  public List<String> takeRequests() {
    return drain().stream().map(r -> r.getMethod() + " " + r.getPath()).toList();
  }

  /**
   * Like {@link #takeRequests()}, each with the body it carried after a line break: what a test
   * reads to prove a value was written nowhere.
   */
  public List<String> takeRequestsWithBodies() {
    return drain().stream().map(r -> r.getMethod() + " " + r.getPath() + "\n" + r.getUtf8Body()).toList();
  }

  /** Like {@link #takeRequests()}, keeping only those a client sent with userAgent. */
  public List<String> takeRequestsFrom(String userAgent) {
    return drain().stream().filter(r -> userAgent.equals(r.getHeader("User-Agent")))
        .map(r -> r.getMethod() + " " + r.getPath()).toList();
  }

  /** Like {@link #takeRequests()}, grouped by the user agent of the client that sent them. */
  public Map<String, List<String>> takeRequestsByUserAgent() {
    return drain().stream().collect(Collectors.groupingBy(r -> String.valueOf(r.getHeader("User-Agent")),
        LinkedHashMap::new, Collectors.mapping(r -> r.getMethod() + " " + r.getPath(), Collectors.toList())));
  }

  private List<RecordedRequest> drain() {
    List<RecordedRequest> requests = new ArrayList<>();
    try {
      for (RecordedRequest request = server.takeRequest(0, TimeUnit.MILLISECONDS); request != null;
          request = server.takeRequest(0, TimeUnit.MILLISECONDS)) {
        requests.add(request);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading the request log", e);
    }
    return requests;
  }

  /** Reads a CRD from the classpath and creates it in the server. */
  public CustomResourceDefinition createCrd(String resource) {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            resource + " is not on the test classpath: does the module depend on flight-delay-crds?");
      }
      CustomResourceDefinition crd =
          client.apiextensions().v1().customResourceDefinitions().load(in).item();
      return client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    otherClients.forEach(KubernetesClient::close);
    client.close();
    server.destroy();
  }
}
