package dev.flightdelay.job;

import java.util.List;

/**
 * The outcome of one analysis: the results.json contract. {@code files} holds each file read
 * with its rows; {@code carriers} holds every ranked carrier; the summary trims it to the top N.
 */
public record AnalysisResult(
    String input,
    List<FileCount> files,
    String schema,
    RankBy rankBy,
    int delayThresholdMinutes,
    long rowsRead,
    long rowsRejected,
    List<RejectedRow> rejectedExamples,
    long flights,
    List<CarrierStats> carriers,
    String mostDelayedCarrier,
    long durationMillis,
    String sparkVersion) {}
