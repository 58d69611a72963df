package dev.flightdelay.api.v1alpha1;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.flightdelay.api.v1alpha1.validation.CrdSchemaValidator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Reads the manifests tests check: the documents of YAML files, and a validator per kind. */
final class Manifests {

  static final Path PROJECT_ROOT = Path.of("").toAbsolutePath().getParent();
  static final Path EXAMPLES = PROJECT_ROOT.resolve("examples");

  static final Map<String, String> CRD_BY_KIND =
      Map.of(
          "DataBucket", "META-INF/fabric8/databuckets.flightdelay.dev-v1.yml",
          "SparkHost", "META-INF/fabric8/sparkhosts.flightdelay.dev-v1.yml",
          "DelayAnalysis", "META-INF/fabric8/delayanalyses.flightdelay.dev-v1.yml");

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** One YAML document and where it came from. */
  record Document(Path file, int index, JsonNode content) {

    String kind() {
      return content.path("kind").asText();
    }

    boolean isFlightDelayKind() {
      return content.path("apiVersion").asText().startsWith(ApiGroup.NAME + "/");
    }

    @Override
    public String toString() {
      return PROJECT_ROOT.relativize(file.toAbsolutePath()) + "#" + index + " " + kind() + "/"
          + content.path("metadata").path("name").asText();
    }
  }

  static List<Document> documentsUnder(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
          .sorted()
          .flatMap(f -> documents(f).stream())
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Document> documents(Path file) {
    List<Document> documents = new ArrayList<>();
    try (YAMLParser parser = new YAMLFactory().createParser(file.toFile())) {
      for (JsonNode node : YAML.readValues(parser, JsonNode.class).readAll()) {
        if (node != null && !node.isNull() && !node.isEmpty()) {
          documents.add(new Document(file, documents.size(), node));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return documents;
  }

  /** One object from YAML text written in a test. */
  static ObjectNode yaml(String text) {
    try {
      return (ObjectNode) YAML.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static CrdSchemaValidator validatorFor(String kind) {
    String crd = CRD_BY_KIND.get(kind);
    if (crd == null) {
      throw new IllegalArgumentException("no CRD for kind " + kind);
    }
    return CrdSchemaValidator.forCrdResource(crd);
  }

  private Manifests() {}
}
