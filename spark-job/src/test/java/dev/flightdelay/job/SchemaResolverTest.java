package dev.flightdelay.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchemaResolverTest {

  @Test
  void findsEachKnownSchemaFromItsHeaderWhateverTheCase() {
    assertThat(SchemaResolver.resolve(List.of("year", "CARRIER", "Dep_Delay", "arr_delay"), "auto", Map.of()))
        .isEqualTo(new FlightColumns("nycflights13", "CARRIER", "Dep_Delay", "arr_delay", null, null));
    assertThat(SchemaResolver.resolve(
            List.of("OP_UNIQUE_CARRIER", "DEP_DELAY", "ARR_DELAY", "CANCELLED", "DIVERTED"), "auto", Map.of()))
        .isEqualTo(new FlightColumns("bts", "OP_UNIQUE_CARRIER", "DEP_DELAY", "ARR_DELAY", "CANCELLED", "DIVERTED"));
    assertThat(SchemaResolver.resolve(List.of("OP_CARRIER", "DEP_DELAY", "ARR_DELAY"), "auto", Map.of()).schema())
        .isEqualTo("bts");
    assertThat(SchemaResolver.resolve(List.of("UniqueCarrier", "ArrDelay", "DepDelay"), "auto", Map.of()).schema())
        .isEqualTo("dataexpo");
  }

  @Test
  void honoursAForcedSchema() {
    assertThatThrownBy(() -> SchemaResolver.resolve(List.of("carrier", "arr_delay"), "bts", Map.of()))
        .isInstanceOf(InputSchemaException.class)
        .hasMessageContaining("header has 2 columns")
        .hasMessageContaining("Reporting_Airline");
  }

  @Test
  void countsTheHeadersColumnsAndNamesOnlyTheExpectedOnes() {
    assertThatThrownBy(() -> SchemaResolver.resolve(List.of("root:x:0:0:secret-token-123"), "auto", Map.of()))
        .isInstanceOf(InputSchemaException.class)
        .hasMessageNotContaining("secret-token-123")
        .hasMessageContaining("header has 1 column;")
        .hasMessageContaining("nycflights13 (carrier: carrier, arrival delay: arr_delay)")
        .hasMessageContaining("Reporting_Airline")
        .hasMessageContaining("UniqueCarrier");
  }

  @Test
  void namesTheMissingColumnsOfACustomMappingButNotTheHeaders() {
    assertThatThrownBy(
            () -> SchemaResolver.resolve(
                List.of("airline", "secret-column"), "custom", Map.of("carrier", "airline", "arrivalDelay", "late")))
        .isInstanceOf(InputSchemaException.class)
        .hasMessageContaining("arrivalDelay -> 'late' is not a column")
        .hasMessageContaining("header of 2 columns")
        .hasMessageNotContaining("secret-column");
    assertThatThrownBy(() -> SchemaResolver.resolve(List.of("a"), "custom", Map.of()))
        .hasMessageContaining("carrier is not mapped");
  }
}
