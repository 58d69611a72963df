package dev.flightdelay.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flightdelay.api.v1alpha1.Manifests.Document;
import dev.flightdelay.testing.KubernetesMockApi;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every manifest a user is told to apply is valid, and the API server stores it whole. */
class ExampleManifestsTest {

  private static final String NAMESPACE = "examples";
  private static final Map<String, Class<? extends CustomResource<?, ?>>> TYPES =
      Map.of(
          "DataBucket", DataBucket.class,
          "SparkHost", SparkHost.class,
          "DelayAnalysis", DelayAnalysis.class);

  private static KubernetesMockApi api;

  @BeforeAll
  static void startApiServer() {
    api = KubernetesMockApi.startWithCrds();
  }

  @AfterAll
  static void stopApiServer() {
    api.close();
  }

  /** What a user applies; examples/gitops is for Argo CD and Flux, checked by GitOpsExamplesTest. */
  static List<Document> examples() {
    return Manifests.documentsUnder(Manifests.EXAMPLES).stream()
        .filter(d -> !d.file().startsWith(Manifests.EXAMPLES.resolve("gitops"))).toList();
  }

  @Test
  void examplesCoverEveryKindAndTheQuickstart() {
    assertThat(examples()).extracting(Document::kind)
        .contains("DataBucket", "SparkHost", "DelayAnalysis", "ServiceAccount", "Role", "RoleBinding");
    assertThat(Manifests.documentsUnder(Manifests.EXAMPLES.resolve("quickstart")))
        .extracting(Document::kind)
        .containsExactly("DataBucket", "DelayAnalysis");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void isAcceptedByTheCrdSchema(Document example) {
    if (!example.isFlightDelayKind()) {
      return;
    }
    assertThat(Manifests.validatorFor(example.kind()).validate(example.content()))
        .as("schema violations of %s", example)
        .isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void isStoredWholeByTheApiServer(Document example) {
    KubernetesClient client = api.client();
    String yaml = Serialization.asYaml(example.content());
    HasMetadata created;
    if (example.isFlightDelayKind()) {
      CustomResource<?, ?> resource = Serialization.unmarshal(yaml, TYPES.get(example.kind()));
      created = createOrReplace(client, resource);
      JsonNode stored =
          Serialization.jsonMapper()
              .valueToTree(
                  client.resources(TYPES.get(example.kind()))
                      .inNamespace(NAMESPACE)
                      .withName(resource.getMetadata().getName())
                      .get());
      assertThat(withoutEmpties(stored.path("spec")))
          .as("spec of %s after a round trip through the Java model and the API server", example)
          .isEqualTo(example.content().path("spec"));
    } else {
      created = createOrReplace(client, Serialization.unmarshal(yaml, HasMetadata.class));
    }
    assertThat(created.getMetadata().getUid()).isNotBlank();
  }

  private static HasMetadata createOrReplace(KubernetesClient client, HasMetadata resource) {
    return client.resource(resource).inNamespace(NAMESPACE).createOr(existing -> existing.update());
  }

  /** The model starts lists and maps empty; an absent field and an empty one mean the same. */
  private static JsonNode withoutEmpties(JsonNode node) {
    JsonNode copy = node.deepCopy();
    strip(copy);
    return copy;
  }

  private static void strip(JsonNode node) {
    if (node instanceof ObjectNode object) {
      Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
      while (fields.hasNext()) {
        JsonNode value = fields.next().getValue();
        strip(value);
        if ((value.isContainerNode() && value.isEmpty()) || value.isNull()) {
          fields.remove();
        }
      }
    } else if (node.isArray()) {
      node.forEach(ExampleManifestsTest::strip);
    }
  }
}
