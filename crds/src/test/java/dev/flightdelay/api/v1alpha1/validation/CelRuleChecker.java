package dev.flightdelay.api.v1alpha1.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates the CEL rules of a CRD schema ({@code x-kubernetes-validations}) against an object, as
 * the API server does: each rule with {@code self} bound to the value at its place in the schema,
 * transition rules ({@code oldSelf}) only on update, where the old value exists.
 */
final class CelRuleChecker {

  private final CelCompiler compiler =
      CelCompilerFactory.standardCelCompilerBuilder()
          .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
          .addVar("self", SimpleType.DYN)
          .addVar("oldSelf", SimpleType.DYN)
          .build();
  private final CelRuntime runtime = CelRuntimeFactory.standardCelRuntimeBuilder().build();
  private final Map<String, CelRuntime.Program> programs = new HashMap<>();

  List<Violation> check(JsonNode schema, JsonNode value, JsonNode oldValue) {
    List<Violation> violations = new ArrayList<>();
    walk(schema, value, oldValue, "", violations);
    return violations;
  }

  private void walk(
      JsonNode schema, JsonNode value, JsonNode oldValue, String path, List<Violation> out) {
    if (value == null || value.isMissingNode() || value.isNull()) {
      return;
    }
    for (JsonNode rule : schema.path("x-kubernetes-validations")) {
      evaluate(rule, value, oldValue, path, out);
    }
    if (value.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        JsonNode fieldSchema = schema.path("properties").path(field.getKey());
        if (fieldSchema.isMissingNode()) {
          fieldSchema = schema.path("additionalProperties");
        }
        if (fieldSchema.isObject()) {
          walk(fieldSchema, field.getValue(), child(oldValue, field.getKey()), join(path, field.getKey()), out);
        }
      }
    } else if (value.isArray() && schema.path("items").isObject()) {
      for (int i = 0; i < value.size(); i++) {
        walk(schema.path("items"), value.get(i), null, path + "[" + i + "]", out);
      }
    }
  }

  private void evaluate(
      JsonNode rule, JsonNode value, JsonNode oldValue, String path, List<Violation> out) {
    String expression = rule.path("rule").asText();
    boolean transition = expression.contains("oldSelf");
    if (transition && (oldValue == null || oldValue.isMissingNode())) {
      return;
    }
    Map<String, Object> variables = new HashMap<>();
    variables.put("self", toCel(value));
    if (transition) {
      variables.put("oldSelf", toCel(oldValue));
    }
    Object result;
    try {
      result = program(expression).eval(variables);
    } catch (CelEvaluationException e) {
      result = "error: " + e.getMessage();
    }
    if (!Boolean.TRUE.equals(result)) {
      String field = path + rule.path("fieldPath").asText("");
      String message = rule.path("message").asText("failed rule: " + expression);
      out.add(new Violation(field.startsWith(".") ? field.substring(1) : field, message));
    }
  }

  private CelRuntime.Program program(String expression) {
    return programs.computeIfAbsent(
        expression,
        e -> {
          try {
            CelAbstractSyntaxTree ast = compiler.compile(e).getAst();
            return runtime.createProgram(ast);
          } catch (CelValidationException | CelEvaluationException ex) {
            throw new IllegalStateException("the CRD carries a CEL rule that does not compile: " + e, ex);
          }
        });
  }

  private static JsonNode child(JsonNode node, String name) {
    return node == null ? null : node.get(name);
  }

  private static String join(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  /** JSON as CEL sees it: maps, lists, int (long), double, string, bool. */
  private static Object toCel(JsonNode node) {
    if (node.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      node.fields().forEachRemaining(f -> map.put(f.getKey(), toCel(f.getValue())));
      return map;
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>();
      node.forEach(item -> list.add(toCel(item)));
      return list;
    }
    if (node.isIntegralNumber()) {
      return node.longValue();
    }
    if (node.isNumber()) {
      return node.doubleValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    return node.asText();
  }
}
