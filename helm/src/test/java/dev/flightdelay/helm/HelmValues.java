package dev.flightdelay.helm;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values of a helm command line: -f files, then each --set on top, parsed as Helm's strvals
 * parses the forms a README uses (a.b=value with \. for a dot in a key, {x,y} lists, true/false,
 * whole numbers).
 */
final class HelmValues {

  private static final YAMLMapper YAML = new YAMLMapper();

  private final Map<String, Object> values = new LinkedHashMap<>();

  @SuppressWarnings("unchecked")
  void file(String yaml) {
    try {
      merge(values, YAML.readValue(yaml, Map.class));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  void set(String assignment) {
    int eq = assignment.indexOf('=');
    List<String> keys = Arrays.stream(assignment.substring(0, eq).split("(?<!\\\\)\\."))
        .map(k -> k.replace("\\.", ".")).toList();
    Map<String, Object> parent = values;
    for (String key : keys.subList(0, keys.size() - 1)) {
      parent = (Map<String, Object>) parent.computeIfAbsent(key, k -> new LinkedHashMap<String, Object>());
    }
    parent.put(keys.get(keys.size() - 1), scalarOrList(assignment.substring(eq + 1)));
  }

  String yaml() {
    try {
      return YAML.writeValueAsString(values);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Object scalarOrList(String value) {
    if (value.startsWith("{") && value.endsWith("}")) {
      List<Object> list = new ArrayList<>();
      Arrays.stream(value.substring(1, value.length() - 1).split(",")).map(HelmValues::scalarOrList).forEach(list::add);
      return list;
    }
    if (value.equals("true") || value.equals("false")) {
      return Boolean.parseBoolean(value);
    }
    return value.matches("-?\\d+") ? Long.parseLong(value) : value;
  }

  @SuppressWarnings("unchecked")
  private static void merge(Map<String, Object> into, Map<String, Object> from) {
    from.forEach((key, value) -> {
      if (value instanceof Map<?, ?> map && into.get(key) instanceof Map<?, ?>) {
        merge((Map<String, Object>) into.get(key), (Map<String, Object>) map);
      } else {
        into.put(key, value);
      }
    });
  }
}
