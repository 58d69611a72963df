package dev.flightdelay.sandbox.kubectl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.flightdelay.sandbox.http.LoopbackServer;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The sandbox's API endpoint for kubectl, in front of the mock server: serves the discovery
 * documents, answers get with Tables, streams watches over HTTP, finds the events of an object
 * for describe, and passes custom resources through an admission step before they are stored.
 * Everything else goes to the mock server unchanged.
 */
public final class KubectlGateway implements AutoCloseable {

  private static final int CONFLICT_RETRIES = 5;

  private final LoopbackServer server = LoopbackServer.bind("kubectl-gateway");
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(server.threads()).build();
  private final URI upstream;
  private final KubernetesClient client;
  private final Admission admission;
  private final WatchRelay watches;
  private final ObjectMapper json = Serialization.jsonMapper();

  private record Answer(int code, String contentType, byte[] body) {}

  private KubectlGateway(URI upstream, KubernetesClient client, Admission admission) {
    this.upstream = upstream;
    this.client = client;
    this.admission = admission;
    this.watches = new WatchRelay(http, upstream);
  }

  /**
   * @param upstream the mock server's URL
   * @param client a client of the mock server (to read the CRDs stored there)
   */
  public static KubectlGateway start(URI upstream, KubernetesClient client, Admission admission) {
    KubectlGateway gateway = new KubectlGateway(upstream, client, admission);
    gateway.server.serve("/", gateway::handle);
    return gateway;
  }

  public String url() {
    return server.url().toString();
  }

  private void handle(HttpExchange exchange) {
    try (exchange) {
      route(exchange);
    } catch (Exception e) {
      try {
        send(exchange, new Answer(500, "application/json", status(500, e.toString())));
      } catch (IOException ignored) {
        // the client is gone
      }
    }
  }

  private void route(HttpExchange exchange) throws IOException, InterruptedException {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getRawPath();
    String query = exchange.getRequestURI().getRawQuery();
    String target = path + (query == null ? "" : "?" + query);
    Map<String, String> params = params(query);
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
    Optional<ResourcePath> resource = ResourcePath.parse(path);

    if (method.equals("GET")) {
      if (resource.isEmpty()) {
        List<CustomResourceDefinition> crds = crds();
        Optional<Object> document = ApiDiscovery.document(path, crds).or(() -> OpenApiDocuments.document(path, crds));
        if (document.isPresent()) {
          send(exchange, new Answer(200, "application/json", json.writeValueAsBytes(document.get())));
          return;
        }
        if (path.startsWith("/openapi/")) {
          // the mock server answers any path; kubectl must learn there is no such document
          send(exchange, new Answer(404, "application/json", status(404, "the server could not find the requested resource")));
          return;
        }
      }
      if ("true".equals(params.get("watch")) || "1".equals(params.get("watch"))) {
        watches.relay(exchange, target, query);
        return;
      }
    }
    if (resource.isPresent() && resource.get().isCustomResource() && resource.get().subresource() == null
        && (method.equals("POST") || method.equals("PUT") || method.equals("PATCH"))) {
      send(exchange, admitted(method, target, resource.get(), body, contentType, params.get("fieldValidation")));
      return;
    }
    if (method.equals("GET") && resource.isPresent()) {
      String accept = exchange.getRequestHeaders().getFirst("Accept");
      if (accept != null && accept.contains("as=Table")) {
        send(exchange, table(target, resource.get(), params.get("includeObject")));
        return;
      }
      if (resource.get().group().isEmpty() && resource.get().resource().equals("events")) {
        send(exchange, events(path, params));
        return;
      }
    }
    send(exchange, forward(method, target, body, contentType));
  }

  /** A create, update or patch of a custom resource, with the sandbox's admission applied. */
  private Answer admitted(String method, String target, ResourcePath resource, byte[] body, String contentType,
      String fieldValidation) throws IOException, InterruptedException {
    if (!method.equals("PATCH")) {
      ObjectNode written = (ObjectNode) json.readTree(body);
      Optional<Answer> refused = unknownFields(resource, written, fieldValidation);
      if (refused.isPresent()) {
        return refused.get();
      }
      ObjectNode object = admission.admit(resource.resource(), written);
      return forward(method, target, json.writeValueAsBytes(object), "application/json");
    }
    JsonNode patch = json.readTree(body);
    for (int attempt = 1; ; attempt++) {
      Answer current = forward("GET", target, new byte[0], null);
      if (current.code() != 200) {
        return current;
      }
      Optional<JsonNode> patched = Patches.apply(contentType, json.readTree(current.body()), patch);
      if (patched.isEmpty()) {
        return forward(method, target, body, contentType);
      }
      Optional<Answer> refused = unknownFields(resource, patched.get(), fieldValidation);
      if (refused.isPresent()) {
        return refused.get();
      }
      ObjectNode object = admission.admit(resource.resource(), (ObjectNode) patched.get());
      Answer stored = forward("PUT", target, json.writeValueAsBytes(object), "application/json");
      // PUT carries the resourceVersion just read: 409 means someone wrote in between; patch again
      if (stored.code() != 409 || attempt == CONFLICT_RETRIES) {
        return stored;
      }
    }
  }

  /**
   * fieldValidation=Strict (what kubectl sends unless told otherwise): a field the CRD does not
   * define is refused as the API server refuses it. Warn and Ignore let it through.
   */
  private Optional<Answer> unknownFields(ResourcePath resource, JsonNode object, String fieldValidation)
      throws IOException {
    if (!"Strict".equals(fieldValidation)) {
      return Optional.empty();
    }
    Optional<CustomResourceDefinition> crd = crds().stream()
        .filter(c -> c.getSpec().getGroup().equals(resource.group())
            && c.getSpec().getNames().getPlural().equals(resource.resource()))
        .findFirst();
    Optional<JsonNode> schema = crd.flatMap(c -> ApiDiscovery.served(c, resource.version()))
        .filter(v -> v.getSchema() != null).map(v -> json.valueToTree(v.getSchema().getOpenAPIV3Schema()));
    if (schema.isEmpty()) {
      return Optional.empty();
    }
    List<String> unknown = UnknownFields.in(object, schema.get());
    if (unknown.isEmpty()) {
      return Optional.empty();
    }
    String kind = crd.get().getSpec().getNames().getKind();
    String message = String.format("%s in version \"%s\" cannot be handled as a %s: strict decoding error: %s", kind,
        resource.version(), kind, unknown.stream().map(f -> "unknown field \"" + f + "\"")
            .collect(Collectors.joining(", ")));
    ObjectNode status = (ObjectNode) json.readTree(status(400, message));
    status.put("reason", "BadRequest");
    return Optional.of(new Answer(400, "application/json", json.writeValueAsBytes(status)));
  }

  private Answer table(String target, ResourcePath resource, String includeObject)
      throws IOException, InterruptedException {
    Answer answer = forward("GET", target, new byte[0], null);
    if (answer.code() != 200) {
      return answer;
    }
    TableConverter converter = TableConverter.of(printerColumns(resource));
    ObjectNode table = converter.toTable(json.readTree(answer.body()), includeObject, Instant.now());
    return new Answer(200, "application/json", json.writeValueAsBytes(table));
  }

  /**
   * Events of one object, as kubectl describe asks for them (fieldSelector involvedObject.*=...):
   * the mock server selects on metadata only, so those terms are applied here.
   */
  private Answer events(String path, Map<String, String> params) throws IOException, InterruptedException {
    Map<String, String> wanted = new LinkedHashMap<>();
    List<String> forwarded = new ArrayList<>();
    for (String term : params.getOrDefault("fieldSelector", "").split(",")) {
      if (term.startsWith("involvedObject.") && term.contains("=")) {
        wanted.put(term.substring("involvedObject.".length(), term.indexOf('=')), term.substring(term.indexOf('=') + 1));
      } else if (!term.isEmpty()) {
        forwarded.add(term);
      }
    }
    String target = path + (forwarded.isEmpty() ? "" : "?fieldSelector=" + String.join(",", forwarded));
    Answer answer = forward("GET", target, new byte[0], null);
    if (answer.code() != 200 || wanted.isEmpty()) {
      return answer;
    }
    ObjectNode list = (ObjectNode) json.readTree(answer.body());
    // the mock server calls every list a List: client-go's typed client (describe's) wants EventList
    list.put("kind", "EventList");
    ArrayNode kept = json.createArrayNode();
    list.withArray("items").forEach(event -> {
      if (wanted.entrySet().stream().allMatch(w -> w.getValue().equals(event.path("involvedObject").path(w.getKey()).asText()))) {
        kept.add(event);
      }
    });
    list.set("items", kept);
    return new Answer(200, "application/json", json.writeValueAsBytes(list));
  }

  private List<CustomResourceColumnDefinition> printerColumns(ResourcePath resource) {
    return crds().stream()
        .filter(crd -> crd.getSpec().getGroup().equals(resource.group())
            && crd.getSpec().getNames().getPlural().equals(resource.resource()))
        .flatMap(crd -> ApiDiscovery.served(crd, resource.version()).stream())
        .flatMap(version -> version.getAdditionalPrinterColumns().stream())
        .toList();
  }

  private List<CustomResourceDefinition> crds() {
    return client.apiextensions().v1().customResourceDefinitions().list().getItems();
  }

  private Answer forward(String method, String target, byte[] body, String contentType)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(upstream.resolve(target))
        .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body))
        .header("Accept", "application/json");
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse("application/json"),
        response.body());
  }

  private static void send(HttpExchange exchange, Answer answer) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", answer.contentType());
    exchange.sendResponseHeaders(answer.code(), answer.body().length == 0 ? -1 : answer.body().length);
    if (answer.body().length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer.body());
      }
    }
  }

  private byte[] status(int code, String message) throws IOException {
    ObjectNode status = json.createObjectNode();
    status.put("kind", "Status");
    status.put("apiVersion", "v1");
    status.put("status", "Failure");
    status.put("message", message);
    status.put("code", code);
    return json.writeValueAsBytes(status);
  }

  private static Map<String, String> params(String query) {
    Map<String, String> params = new LinkedHashMap<>();
    if (query != null) {
      for (String pair : query.split("&")) {
        int eq = pair.indexOf('=');
        String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        params.put(key, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return params;
  }

  @Override
  public void close() {
    server.close();
  }
}
