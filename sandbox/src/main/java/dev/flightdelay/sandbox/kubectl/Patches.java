package dev.flightdelay.sandbox.kubectl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.zjsonpatch.JsonPatch;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * The patch types kubectl sends for custom resources, applied here so that the result can pass
 * through admission before it is stored: JSON merge patch (kubectl apply, edit, patch) and JSON
 * patch (kubectl patch --type=json).
 */
final class Patches {

  private Patches() {}

  /** The patched object; empty for a patch type the API server has to judge itself. */
  static Optional<JsonNode> apply(String contentType, JsonNode target, JsonNode patch) {
    String type = contentType == null ? "" : contentType.split(";")[0].strip();
    return switch (type) {
      case "application/merge-patch+json" -> Optional.of(merge(target, patch));
      case "application/json-patch+json" -> Optional.of(JsonPatch.apply(patch, target));
      default -> Optional.empty();
    };
  }

  /** RFC 7386: objects merge, null removes, anything else (arrays too) replaces. */
  static JsonNode merge(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) {
      return patch.deepCopy();
    }
    ObjectNode result = target != null && target.isObject()
        ? ((ObjectNode) target).deepCopy() : JsonNodeFactory.instance.objectNode();
    for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (field.getValue().isNull()) {
        result.remove(field.getKey());
      } else {
        result.set(field.getKey(), merge(result.get(field.getKey()), field.getValue()));
      }
    }
    return result;
  }
}
