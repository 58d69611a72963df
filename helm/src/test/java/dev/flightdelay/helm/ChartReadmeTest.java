package dev.flightdelay.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The chart's README documents every value of values.yaml with its default, and nothing else.
 * A value is a leaf unless values.schema.json closes it (additionalProperties: false), as the
 * chart's own blocks are; Kubernetes objects (resources, affinity, ...) are one value each.
 */
class ChartReadmeTest {

  private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\| (.*?) \\| .* \\|$");

  @Test
  void documentsEveryValueWithItsDefaultAndNoOther() throws IOException {
    JsonNode values = new YAMLMapper().readTree(Chart.DIR.resolve("values.yaml").toFile());
    JsonNode schema = new ObjectMapper().readTree(Chart.DIR.resolve("values.schema.json").toFile());
    Map<String, JsonNode> leaves = new LinkedHashMap<>();
    collectLeaves("", values, schema, leaves);

    Map<String, String> documented = new LinkedHashMap<>();
    for (String line : Files.readAllLines(Chart.DIR.resolve("README.md"))) {
      Matcher row = ROW.matcher(line);
      if (row.matches()) {
        documented.put(row.group(1), row.group(2));
      }
    }

    assertThat(documented.keySet()).containsExactlyInAnyOrderElementsOf(leaves.keySet());
    leaves.forEach((path, value) -> {
      if (value.isValueNode() || value.isEmpty()) {
        assertThat(documented.get(path)).as("default of %s", path).isEqualTo("`" + shown(value) + "`");
      }
    });
  }

  private static void collectLeaves(String prefix, JsonNode value, JsonNode schema, Map<String, JsonNode> leaves) {
    boolean closed = schema.path("additionalProperties").isBoolean() && !schema.path("additionalProperties").asBoolean();
    if (value.isObject() && closed) {
      value.fields().forEachRemaining(field -> collectLeaves(prefix + (prefix.isEmpty() ? "" : ".") + field.getKey(),
          field.getValue(), schema.path("properties").path(field.getKey()), leaves));
    } else {
      leaves.put(prefix, value);
    }
  }

  private static String shown(JsonNode value) {
    if (value.isTextual()) {
      return value.asText().isEmpty() ? "\"\"" : value.asText();
    }
    return value.isArray() ? "[]" : value.isObject() ? "{}" : value.asText();
  }
}
