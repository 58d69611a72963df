package dev.flightdelay.job;

import java.io.Serializable;

/** An example of a row the analysis refused, and why. */
public record RejectedRow(String reason, String row) implements Serializable {}
