package dev.flightdelay.job;

/** How many rows one input file gave, and how many of them were rejected. */
public record FileCount(String path, long rowsRead, long rowsRejected) {}
