package dev.flightdelay.job;

/** What reading an input found: the schema it used and the counts. */
record InputScan(String schema, PartialResult result) {}
