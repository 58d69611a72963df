package dev.flightdelay.job;

/**
 * One carrier's figures. Delays are in minutes; a figure is null when the carrier has no flight
 * it could be computed from (e.g. no arrival at all).
 */
public record CarrierStats(
    int rank,
    String carrier,
    String name,
    long flights,
    long cancelled,
    long diverted,
    long arrivals,
    Double meanArrivalDelayMinutes,
    Double medianArrivalDelayMinutes,
    Double p90ArrivalDelayMinutes,
    Double meanDepartureDelayMinutes,
    Double delayedShare) {

  CarrierStats ranked(int newRank, String newName) {
    return new CarrierStats(
        newRank,
        carrier,
        newName,
        flights,
        cancelled,
        diverted,
        arrivals,
        meanArrivalDelayMinutes,
        medianArrivalDelayMinutes,
        p90ArrivalDelayMinutes,
        meanDepartureDelayMinutes,
        delayedShare);
  }
}
