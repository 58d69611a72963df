package dev.flightdelay.job;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The input reduced to the columns the analysis needs, as raw strings: carrier, dep, arr,
 * cancelled, diverted (null where the input has no such column) and malformed (the raw line of
 * a row with the wrong number of fields, else null).
 */
record RawFlights(Dataset<Row> rows, FlightColumns columns) {

  static final String CARRIER = "carrier";
  static final String DEP = "dep";
  static final String ARR = "arr";
  static final String CANCELLED = "cancelled";
  static final String DIVERTED = "diverted";
  static final String MALFORMED = "malformed";
}
