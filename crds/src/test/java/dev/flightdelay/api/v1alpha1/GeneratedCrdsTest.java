package dev.flightdelay.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The CRDs generated from the model: committed copies are fresh, and they say what users need. */
class GeneratedCrdsTest {

  private static final String REGENERATE =
      "The committed CRD differs from what the Java model generates. Regenerate the copies with:"
          + " mvn -pl crds -am -Pupdate-crds test -DskipTests";

  private static final Map<String, String> SHORT_NAMES =
      Map.of("DataBucket", "dbk", "SparkHost", "sph", "DelayAnalysis", "dla");

  static List<String> kinds() {
    return List.copyOf(Manifests.CRD_BY_KIND.keySet());
  }

  private static String generated(String kind) throws IOException {
    try (InputStream in =
        GeneratedCrdsTest.class.getClassLoader().getResourceAsStream(Manifests.CRD_BY_KIND.get(kind))) {
      return new String(Objects.requireNonNull(in).readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static String fileName(String kind) {
    return Path.of(Manifests.CRD_BY_KIND.get(kind)).getFileName().toString();
  }

  private static JsonNode crd(String kind) throws IOException {
    return new ObjectMapper(new YAMLFactory()).readTree(generated(kind));
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void committedCopyInCrdsFolderIsFresh(String kind) throws IOException {
    Path committed = Manifests.PROJECT_ROOT.resolve("crds").resolve(fileName(kind));
    assertThat(committed).as(REGENERATE).exists();
    assertThat(Files.readString(committed)).as(REGENERATE + " (%s)", committed).isEqualTo(generated(kind));
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void committedCopyInHelmChartIsFresh(String kind) throws IOException {
    Path committed =
        Manifests.PROJECT_ROOT.resolve("helm/flight-delay-operator/crds").resolve(fileName(kind));
    assertThat(committed).as(REGENERATE).exists();
    assertThat(Files.readString(committed)).as(REGENERATE + " (%s)", committed).isEqualTo(generated(kind));
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void isNamespacedWithShortNameCategoryAndStatusSubresource(String kind) throws IOException {
    JsonNode spec = crd(kind).path("spec");
    assertThat(spec.path("group").asText()).isEqualTo("flightdelay.dev");
    assertThat(spec.path("scope").asText()).isEqualTo("Namespaced");
    assertThat(spec.path("names").path("shortNames").get(0).asText()).isEqualTo(SHORT_NAMES.get(kind));
    assertThat(spec.path("names").path("categories").get(0).asText()).isEqualTo("flightdelay");
    JsonNode version = spec.path("versions").get(0);
    assertThat(version.path("name").asText()).isEqualTo("v1alpha1");
    assertThat(version.path("subresources").has("status")).isTrue();
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void describesEverySpecAndStatusField(String kind) throws IOException {
    JsonNode schema =
        crd(kind).path("spec").path("versions").get(0).path("schema").path("openAPIV3Schema");
    List<String> undescribed = new ArrayList<>();
    collectUndescribed(schema.path("properties").path("spec"), "spec", undescribed);
    collectUndescribed(schema.path("properties").path("status"), "status", undescribed);
    assertThat(undescribed).as("fields kubectl explain would show without a description").isEmpty();
  }

  private static void collectUndescribed(JsonNode schema, String path, List<String> out) {
    schema.path("properties").fields().forEachRemaining(field -> {
      String fieldPath = path + "." + field.getKey();
      // Kubernetes' own Condition type is documented upstream.
      if (fieldPath.endsWith(".conditions")) {
        return;
      }
      if (field.getValue().path("description").asText().isBlank()) {
        out.add(fieldPath);
      }
      collectUndescribed(field.getValue(), fieldPath, out);
      collectUndescribed(field.getValue().path("items"), fieldPath + "[]", out);
    });
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void listsTheColumnsAUserWantsInKubectlGet(String kind) throws IOException {
    List<String> columns = new ArrayList<>();
    crd(kind).path("spec").path("versions").get(0).path("additionalPrinterColumns")
        .forEach(c -> columns.add(c.path("name").asText()));
    switch (kind) {
      case "DelayAnalysis" -> assertThat(columns).containsSubsequence("PHASE", "MOST-DELAYED", "ATTEMPTS", "AGE");
      case "DataBucket" -> assertThat(columns).containsSubsequence("BUCKET", "PHASE", "READY", "AGE");
      case "SparkHost" -> assertThat(columns).containsSubsequence("PHASE", "INSTANCE", "JUPYTER", "AGE");
      default -> throw new IllegalArgumentException(kind);
    }
    assertThat(columns).as("kubectl convention: AGE last").last().isEqualTo("AGE");
  }
}
