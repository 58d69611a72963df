package dev.flightdelay.api.v1alpha1.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Validates a custom resource against the openAPIV3Schema of its generated CRD the way the API
 * server would on create or update: JSON-schema keywords (types, patterns, enums, bounds,
 * required, sizes) with a real JSON-schema validator, then the CRD's CEL rules.
 */
public final class CrdSchemaValidator {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** Kubernetes extensions that carry no JSON-schema validation of their own. */
  private static final List<String> KUBERNETES_KEYWORDS =
      List.of(
          "x-kubernetes-validations",
          "x-kubernetes-preserve-unknown-fields",
          "x-kubernetes-int-or-string",
          "x-kubernetes-embedded-resource",
          "x-kubernetes-list-type",
          "x-kubernetes-list-map-keys",
          "x-kubernetes-map-type",
          "nullable");

  private final String kind;
  private final JsonNode openApiSchema;
  private final JsonSchema jsonSchema;
  private final CelRuleChecker celRules = new CelRuleChecker();

  private CrdSchemaValidator(String kind, JsonNode openApiSchema) {
    this.kind = kind;
    this.openApiSchema = openApiSchema;
    JsonMetaSchema structural =
        JsonMetaSchema.builder("https://flightdelay.dev/structural-schema", JsonMetaSchema.getV4())
            .keywords(KUBERNETES_KEYWORDS.stream().map(NonValidationKeyword::new).toList())
            .build();
    JsonSchemaFactory factory =
        JsonSchemaFactory.getInstance(
            SpecVersion.VersionFlag.V4,
            builder -> builder.metaSchema(structural).defaultMetaSchemaIri(structural.getIri()));
    this.jsonSchema = factory.getSchema(openApiSchema);
  }

  /** Reads a generated CRD from the classpath, e.g. META-INF/fabric8/databuckets.flightdelay.dev-v1.yml. */
  public static CrdSchemaValidator forCrdResource(String resource) {
    try (InputStream in = CrdSchemaValidator.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException(resource + " is not on the classpath");
      }
      JsonNode crd = YAML.readTree(in);
      String kind = crd.path("spec").path("names").path("kind").asText();
      JsonNode schema = crd.path("spec").path("versions").path(0).path("schema").path("openAPIV3Schema");
      return new CrdSchemaValidator(kind, schema);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String kind() {
    return kind;
  }

  /** The violations of a new object (a create). Empty when the API server would accept it. */
  public List<Violation> validate(JsonNode object) {
    return validate(object, null);
  }

  /** The violations of an update from {@code oldObject} to {@code object}. */
  public List<Violation> validate(JsonNode object, JsonNode oldObject) {
    List<Violation> violations = new ArrayList<>();
    for (ValidationMessage message : jsonSchema.validate(withoutMetadata(object))) {
      violations.add(toViolation(message));
    }
    violations.addAll(celRules.check(openApiSchema, object, oldObject));
    return violations.stream()
        .distinct()
        .sorted(Comparator.comparing(Violation::field))
        .toList();
  }

  /** Metadata is checked by the API server's own rules, not by the CRD schema. */
  private static JsonNode withoutMetadata(JsonNode object) {
    JsonNode copy = object.deepCopy();
    ((ObjectNode) copy).remove("metadata");
    return copy;
  }

  private static Violation toViolation(ValidationMessage message) {
    String location = message.getInstanceLocation().toString();
    String field = location.equals("$") ? "" : location.substring(2);
    if ("required".equals(message.getType()) && message.getProperty() != null) {
      field = field.isEmpty() ? message.getProperty() : field + "." + message.getProperty();
    }
    return new Violation(field, message.getMessage());
  }

  /** The CRD's openAPIV3Schema, for tests that walk the schema itself. */
  public JsonNode openApiSchema() {
    return openApiSchema;
  }
}
