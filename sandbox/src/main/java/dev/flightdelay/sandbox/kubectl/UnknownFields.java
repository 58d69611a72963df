package dev.flightdelay.sandbox.kubectl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fields of a custom resource that its CRD's schema does not define, as the API server finds
 * them for fieldValidation (Strict, kubectl's default, refuses the write): a misspelt field is
 * an error, not a setting silently ignored.
 */
final class UnknownFields {

  /** The object's own envelope, which the API server checks by its own rules. */
  private static final Set<String> ENVELOPE = Set.of("apiVersion", "kind", "metadata");

  private UnknownFields() {}

  /** The paths (spec.rankby) of fields schema (an openAPIV3Schema) does not define in object. */
  static List<String> in(JsonNode object, JsonNode schema) {
    List<String> unknown = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (!ENVELOPE.contains(field.getKey())) {
        walk(field.getValue(), schema, field.getKey(), unknown, true);
      }
    }
    return unknown;
  }

  private static void walk(JsonNode value, JsonNode schema, String path, List<String> unknown, boolean top) {
    JsonNode own = top ? schema.path("properties").get(path) : schema;
    if (own == null) {
      unknown.add(path);
      return;
    }
    if (own.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
      return;
    }
    if (value.isArray() && own.has("items")) {
      for (int i = 0; i < value.size(); i++) {
        walk(value.get(i), own.get("items"), path + "[" + i + "]", unknown, false);
      }
    } else if (value.isObject() && (own.has("properties") || own.has("additionalProperties"))) {
      for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        JsonNode fieldSchema = own.path("properties").get(field.getKey());
        if (fieldSchema == null && own.path("additionalProperties").isObject()) {
          fieldSchema = own.get("additionalProperties");
        }
        if (fieldSchema == null) {
          unknown.add(path + "." + field.getKey());
        } else {
          walk(field.getValue(), fieldSchema, path + "." + field.getKey(), unknown, false);
        }
      }
    }
  }
}
