package dev.flightdelay.job;

/**
 * Which input columns hold the canonical fields. Departure delay, cancelled and diverted are
 * optional: without flags, a missing departure delay means cancelled and a missing arrival delay
 * after a departure means diverted.
 */
public record FlightColumns(
    String schema,
    String carrier,
    String departureDelay,
    String arrivalDelay,
    String cancelled,
    String diverted) {}
