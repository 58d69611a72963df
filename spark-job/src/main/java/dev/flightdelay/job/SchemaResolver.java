package dev.flightdelay.job;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Maps the columns of an input onto the canonical fields, from the header (case-insensitive,
 * known aliases), a forced schema name, or an explicit mapping.
 */
public final class SchemaResolver {

  /** A known layout: the aliases of each canonical field, in order of preference. */
  private record KnownSchema(
      String name,
      List<String> carrier,
      List<String> departureDelay,
      List<String> arrivalDelay,
      List<String> cancelled,
      List<String> diverted) {}

  private static final List<KnownSchema> KNOWN =
      List.of(
          new KnownSchema(
              "nycflights13", List.of("carrier"), List.of("dep_delay"), List.of("arr_delay"),
              List.of(), List.of()),
          new KnownSchema(
              "bts",
              List.of("Reporting_Airline", "OP_UNIQUE_CARRIER", "OP_CARRIER"),
              List.of("DepDelay", "DEP_DELAY"),
              List.of("ArrDelay", "ARR_DELAY"),
              List.of("Cancelled", "CANCELLED"),
              List.of("Diverted", "DIVERTED")),
          new KnownSchema(
              "dataexpo",
              List.of("UniqueCarrier"),
              List.of("DepDelay"),
              List.of("ArrDelay"),
              List.of("Cancelled"),
              List.of("Diverted")));

  private SchemaResolver() {}

  /**
   * @param header the input's column names
   * @param schema auto, nycflights13, bts, dataexpo or custom
   * @param mapping with custom: carrier, arrivalDelay, and optionally departureDelay, cancelled,
   *     diverted, each naming an input column
   */
  public static FlightColumns resolve(List<String> header, String schema, Map<String, String> mapping) {
    String wanted = schema == null ? "auto" : schema.toLowerCase(Locale.ROOT);
    if (wanted.equals("custom")) {
      return custom(header, mapping);
    }
    List<KnownSchema> candidates =
        wanted.equals("auto")
            ? KNOWN
            : KNOWN.stream().filter(k -> k.name().equals(wanted)).toList();
    if (candidates.isEmpty()) {
      throw new IllegalArgumentException(
          "unknown schema '" + schema + "', expected auto, nycflights13, bts, dataexpo or custom");
    }
    for (KnownSchema known : candidates) {
      Optional<String> carrier = find(header, known.carrier());
      Optional<String> arrival = find(header, known.arrivalDelay());
      if (carrier.isPresent() && arrival.isPresent()) {
        return new FlightColumns(
            known.name(),
            carrier.get(),
            find(header, known.departureDelay()).orElse(null),
            arrival.get(),
            find(header, known.cancelled()).orElse(null),
            find(header, known.diverted()).orElse(null));
      }
    }
    throw new InputSchemaException(
        "no usable carrier and arrival delay columns for schema "
            + wanted
            + ": the input's header has "
            + columnCount(header)
            + "; expected "
            + expected(candidates));
  }

  private static FlightColumns custom(List<String> header, Map<String, String> mapping) {
    List<String> missing = new ArrayList<>();
    String carrier = mapped(header, mapping, "carrier", true, missing);
    String arrival = mapped(header, mapping, "arrivalDelay", true, missing);
    String departure = mapped(header, mapping, "departureDelay", false, missing);
    String cancelled = mapped(header, mapping, "cancelled", false, missing);
    String diverted = mapped(header, mapping, "diverted", false, missing);
    if (!missing.isEmpty()) {
      throw new InputSchemaException(
          "custom column mapping does not match the input's header of " + columnCount(header) + ": "
              + String.join("; ", missing));
    }
    return new FlightColumns("custom", carrier, departure, arrival, cancelled, diverted);
  }

  private static String mapped(
      List<String> header, Map<String, String> mapping, String field, boolean required, List<String> missing) {
    String column = mapping.get(field);
    if (column == null) {
      if (required) {
        missing.add(field + " is not mapped");
      }
      return null;
    }
    Optional<String> found = find(header, List.of(column));
    if (found.isEmpty()) {
      missing.add(field + " -> '" + column + "' is not a column");
    }
    return found.orElse(null);
  }

  private static Optional<String> find(List<String> header, List<String> aliases) {
    for (String alias : aliases) {
      for (String column : header) {
        if (column.strip().equalsIgnoreCase(alias)) {
          return Optional.of(column);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * How many columns, never their names: the header is the first line of whatever file the job
   * was pointed at, and these messages reach the termination message, status and events.
   */
  private static String columnCount(List<String> header) {
    return header.size() == 1 ? "1 column" : header.size() + " columns";
  }

  private static String expected(List<KnownSchema> schemas) {
    List<String> parts = new ArrayList<>();
    for (KnownSchema k : schemas) {
      parts.add(k.name() + " (carrier: " + String.join("|", k.carrier()) + ", arrival delay: "
          + String.join("|", k.arrivalDelay()) + ")");
    }
    return String.join(" or ", parts);
  }
}
