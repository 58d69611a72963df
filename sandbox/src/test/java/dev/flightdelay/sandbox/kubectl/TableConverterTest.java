package dev.flightdelay.sandbox.kubectl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** kubectl get's Table, from the DelayAnalysis CRD's own printer columns. */
class TableConverterTest {

  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

  @Test
  void rowsCarryThePrinterColumnsOfTheCrdTypedAndDatesAsAges() throws Exception {
    var columns = ApiDiscovery.served(CrdFixture.load("delayanalyses"), "v1alpha1").orElseThrow()
        .getAdditionalPrinterColumns();
    JsonNode list = Serialization.jsonMapper().readTree("""
        {"kind": "List", "metadata": {"resourceVersion": "7"}, "items": [
          {"metadata": {"name": "done", "creationTimestamp": "2026-11-25T11:58:30Z"},
           "status": {"phase": "Succeeded", "mostDelayedCarrier": "F9", "attempts": 1,
                      "driverPod": "done-1-1-driver",
                      "conditions": [{"type": "Ready", "status": "True"}]}},
          {"metadata": {"name": "new", "creationTimestamp": "2026-11-22T09:00:00Z"}}]}
        """);

    ObjectNode table = TableConverter.of(columns).toTable(list, null, NOW);

    List<String> names = new ArrayList<>();
    table.get("columnDefinitions").forEach(c -> names.add(c.get("name").asText()));
    assertThat(names).startsWith("Name", "PHASE", "MOST-DELAYED", "ATTEMPTS").contains("DRIVER").endsWith("AGE");
    JsonNode done = table.get("rows").get(0);
    assertThat(cell(table, done, "Name").asText()).isEqualTo("done");
    assertThat(cell(table, done, "PHASE").asText()).isEqualTo("Succeeded");
    assertThat(cell(table, done, "ATTEMPTS").isIntegralNumber()).isTrue();
    assertThat(cell(table, done, "AGE").asText()).isEqualTo("90s");
    assertThat(done.path("object").path("kind").asText()).isEqualTo("PartialObjectMetadata");
    JsonNode fresh = table.get("rows").get(1);
    assertThat(cell(table, fresh, "PHASE").isNull()).isTrue();
    assertThat(cell(table, fresh, "AGE").asText()).isEqualTo("3d3h");
    assertThat(table.path("metadata").path("resourceVersion").asText()).isEqualTo("7");
  }

  @Test
  void agesReadAsTheApiServerWritesThem() {
    assertThat(TableConverter.age("2026-11-25T11:59:55Z", NOW)).isEqualTo("5s");
    assertThat(TableConverter.age("2026-11-25T11:55:30Z", NOW)).isEqualTo("4m30s");
    assertThat(TableConverter.age("2026-11-25T11:00:00Z", NOW)).isEqualTo("60m");
    assertThat(TableConverter.age("2026-11-25T06:30:00Z", NOW)).isEqualTo("5h30m");
    assertThat(TableConverter.age("2026-11-24T00:00:00Z", NOW)).isEqualTo("36h");
    assertThat(TableConverter.age("2024-11-25T12:00:00Z", NOW)).isEqualTo("2y");
    assertThat(TableConverter.age("not a date", NOW)).isEqualTo("<invalid>");
  }

  @Test
  void readsTheJsonPathFormsOfPrinterColumns() throws Exception {
    JsonNode object = Serialization.jsonMapper().readTree("""
        {"status": {"conditions": [{"type": "Synced", "status": "False"}, {"type": "Ready", "status": "True"}],
                    "carriers": [{"carrier": "F9"}]}}
        """);
    assertThat(TableConverter.valueAt(object, ".status.conditions[?(@.type==\"Ready\")].status").asText()).isEqualTo("True");
    assertThat(TableConverter.valueAt(object, ".status.carriers[0].carrier").asText()).isEqualTo("F9");
    assertThat(TableConverter.valueAt(object, ".status.missing")).isNull();
    assertThat(TableConverter.valueAt(object, "status")).isNull();
  }

  private static JsonNode cell(ObjectNode table, JsonNode row, String column) {
    for (int i = 0; i < table.get("columnDefinitions").size(); i++) {
      if (table.get("columnDefinitions").get(i).get("name").asText().equals(column)) {
        return row.get("cells").get(i);
      }
    }
    throw new AssertionError("no column " + column);
  }
}
