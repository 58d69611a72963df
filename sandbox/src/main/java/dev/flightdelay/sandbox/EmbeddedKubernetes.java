package dev.flightdelay.sandbox;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;

/**
 * Fabric8's mock Kubernetes API server in CRUD mode on loopback, with the project's CRDs created
 * in it. Objects live in memory; watches work; nothing runs pods (the sandbox's jobs run as
 * local processes).
 */
final class EmbeddedKubernetes implements AutoCloseable {

  /** The CRDs the crds module generates onto the classpath. */
  private static final List<String> CRDS = List.of(
      "META-INF/fabric8/databuckets.flightdelay.dev-v1.yml",
      "META-INF/fabric8/sparkhosts.flightdelay.dev-v1.yml",
      "META-INF/fabric8/delayanalyses.flightdelay.dev-v1.yml");

  private final KubernetesMockServer server;
  private final KubernetesClient client;

  private EmbeddedKubernetes(KubernetesMockServer server, KubernetesClient client) {
    this.server = server;
    this.client = client;
  }

  static EmbeddedKubernetes start() {
    KubernetesMockServer server = new KubernetesMockServer(
        new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
    server.init(InetAddress.getLoopbackAddress(), 0);
    EmbeddedKubernetes api = new EmbeddedKubernetes(server, clientFor(server.url("/")));
    CRDS.forEach(api::createCrd);
    return api;
  }

  /** A client of an API server at url, as the operator and the sandbox use it. */
  static KubernetesClient clientFor(String url) {
    Config config = new ConfigBuilder(Config.empty()).withMasterUrl(url).withNamespace("default")
        .withHttp2Disable(true).build();
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  /** The client that talks to the server directly (watches over WebSocket, as Fabric8 does them). */
  KubernetesClient client() {
    return client;
  }

  String url() {
    return client.getConfiguration().getMasterUrl();
  }

  private void createCrd(String resource) {
    try (InputStream in = EmbeddedKubernetes.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is not on the class path (the flight-delay-crds jar)");
      }
      CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions().load(in).item();
      client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }
}
