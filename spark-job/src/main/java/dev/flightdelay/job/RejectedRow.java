package dev.flightdelay.job;

/** An example of a row the analysis refused, and why. */
public record RejectedRow(String reason, String row) {}
