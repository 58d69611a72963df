package dev.flightdelay.sandbox.kubectl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what the mock server answers to a GET (one object or a list) into the meta.k8s.io/v1
 * Table that kubectl get asks for, the way the API server does for a CRD: a Name column, then the
 * CRD's additionalPrinterColumns (or Age for a kind without them), dates as ages.
 */
final class TableConverter {

  /**
   * One step of the JSONPath forms printer columns use: .field, [index], or a filter on a list
   * such as [?(@.type=="Ready")] (the first match, as the API server prints the first result).
   */
  private static final Pattern STEP =
      Pattern.compile("\\.([A-Za-z0-9_-]+)|\\[(\\d+)]|\\[\\?\\(@\\.([A-Za-z0-9_-]+)==\"([^\"]*)\"\\)]");

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final List<Column> columns;

  /** A column: header, JSON type of its cells, the path of its value, and whether only -o wide shows it. */
  record Column(String name, String type, String jsonPath, int priority, String description) {}

  private TableConverter(List<Column> columns) {
    this.columns = columns;
  }

  /** Name, then the CRD version's printer columns; Name and Age for a kind without any. */
  static TableConverter of(List<CustomResourceColumnDefinition> printerColumns) {
    List<Column> columns = new ArrayList<>();
    columns.add(new Column("Name", "string", ".metadata.name", 0,
        "Name must be unique within a namespace."));
    if (printerColumns.isEmpty()) {
      columns.add(new Column("Age", "date", ".metadata.creationTimestamp", 0,
          "CreationTimestamp is when the object was created."));
    }
    printerColumns.forEach(c -> columns.add(new Column(c.getName(), c.getType(), c.getJsonPath(),
        c.getPriority() == null ? 0 : c.getPriority(), c.getDescription() == null ? "" : c.getDescription())));
    return new TableConverter(columns);
  }

  /**
   * @param body an object or a list, as the server stores it
   * @param includeObject what each row carries: None, Metadata (the default) or Object
   */
  ObjectNode toTable(JsonNode body, String includeObject, Instant now) {
    ObjectNode table = JSON.objectNode();
    table.put("kind", "Table");
    table.put("apiVersion", "meta.k8s.io/v1");
    ObjectNode metadata = table.putObject("metadata");
    if (body.has("items")) {
      metadata.put("resourceVersion", body.path("metadata").path("resourceVersion").asText(""));
    }
    ArrayNode definitions = table.putArray("columnDefinitions");
    for (Column column : columns) {
      ObjectNode definition = definitions.addObject();
      definition.put("name", column.name());
      definition.put("type", column.type());
      definition.put("format", column.name().equals("Name") ? "name" : "");
      definition.put("description", column.description());
      definition.put("priority", column.priority());
    }
    ArrayNode rows = table.putArray("rows");
    Iterable<JsonNode> items = body.has("items") ? body.get("items") : List.of(body);
    for (JsonNode item : items) {
      ObjectNode row = rows.addObject();
      ArrayNode cells = row.putArray("cells");
      columns.forEach(column -> cells.add(cell(column, item, now)));
      switch (includeObject == null ? "Metadata" : includeObject) {
        case "None" -> { }
        case "Object" -> row.set("object", item);
        default -> {
          ObjectNode partial = row.putObject("object");
          partial.put("kind", "PartialObjectMetadata");
          partial.put("apiVersion", "meta.k8s.io/v1");
          partial.set("metadata", item.path("metadata"));
        }
      }
    }
    return table;
  }

  private static JsonNode cell(Column column, JsonNode item, Instant now) {
    JsonNode value = valueAt(item, column.jsonPath());
    if (value == null || value.isNull()) {
      return JSON.nullNode();
    }
    return switch (column.type()) {
      case "integer" -> value.isNumber() ? JSON.numberNode(value.asLong()) : JSON.nullNode();
      case "number" -> value.isNumber() ? JSON.numberNode(value.asDouble()) : JSON.nullNode();
      case "boolean" -> value.isBoolean() ? value : JSON.nullNode();
      case "date" -> JSON.textNode(age(value.asText(), now));
      default -> JSON.textNode(value.isTextual() ? value.asText() : value.toString());
    };
  }

  /** The value at a printer column's path; null where there is none or the path is of another form. */
  static JsonNode valueAt(JsonNode item, String jsonPath) {
    if (jsonPath == null || jsonPath.isEmpty()) {
      return null;
    }
    Matcher step = STEP.matcher(jsonPath);
    JsonNode node = item;
    int at = 0;
    while (node != null && at < jsonPath.length()) {
      if (!step.find(at) || step.start() != at) {
        return null;
      }
      at = step.end();
      if (step.group(1) != null) {
        node = node.get(step.group(1));
      } else if (step.group(2) != null) {
        node = node.get(Integer.parseInt(step.group(2)));
      } else {
        node = first(node, step.group(3), step.group(4));
      }
    }
    return node == item ? null : node;
  }

  private static JsonNode first(JsonNode list, String field, String value) {
    if (!list.isArray()) {
      return null;
    }
    for (JsonNode element : list) {
      if (value.equals(element.path(field).asText(null))) {
        return element;
      }
    }
    return null;
  }

  /** The API server's human-readable duration (k8s.io/apimachinery duration.HumanDuration). */
  static String age(String timestamp, Instant now) {
    Duration d;
    try {
      d = Duration.between(Instant.parse(timestamp), now);
    } catch (DateTimeParseException e) {
      return "<invalid>";
    }
    long seconds = d.getSeconds();
    if (seconds < -1) {
      return "<invalid>";
    } else if (seconds < 0) {
      return "0s";
    } else if (seconds < 120) {
      return seconds + "s";
    }
    long minutes = seconds / 60;
    if (minutes < 10) {
      return seconds % 60 == 0 ? minutes + "m" : minutes + "m" + seconds % 60 + "s";
    } else if (minutes < 180) {
      return minutes + "m";
    }
    long hours = minutes / 60;
    if (hours < 8) {
      return minutes % 60 == 0 ? hours + "h" : hours + "h" + minutes % 60 + "m";
    } else if (hours < 48) {
      return hours + "h";
    } else if (hours < 24 * 8) {
      return hours % 24 == 0 ? hours / 24 + "d" : hours / 24 + "d" + hours % 24 + "h";
    } else if (hours < 24 * 365 * 2) {
      return hours / 24 + "d";
    } else if (hours < 24 * 365 * 8) {
      long days = hours / 24 % 365;
      return days == 0 ? hours / 24 / 365 + "y" : hours / 24 / 365 + "y" + days + "d";
    }
    return hours / 24 / 365 + "y";
  }
}
