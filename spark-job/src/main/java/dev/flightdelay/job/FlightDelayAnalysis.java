package dev.flightdelay.job;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

/**
 * Ranks carriers by delay in one pass over the input: every row is either counted for its
 * carrier or rejected with a reason, never dropped silently. A missing delay is a flight that
 * did not depart (cancelled) or did not arrive (diverted), never a zero delay.
 */
public final class FlightDelayAnalysis {

  static final int MAX_REJECTED_EXAMPLES = 10;
  private static final int MAX_EXAMPLE_LENGTH = 200;

  private final SparkSession spark;
  private final AirlineNames airlineNames;

  public FlightDelayAnalysis(SparkSession spark, AirlineNames airlineNames) {
    this.spark = spark;
    this.airlineNames = airlineNames;
  }

  public AnalysisResult run(JobOptions options) {
    long start = System.nanoTime();
    RawFlights raw = new FlightTableReader(spark).read(options);
    Dataset<Row> flights = canonical(raw, options.delayThresholdMinutes());

    List<Row> groups =
        flights
            .groupBy(col("key"))
            .agg(
                count(lit(1)).as("flights"),
                sum(when(col("isCancelled"), 1).otherwise(0)).as("cancelled"),
                sum(when(col("isDiverted"), 1).otherwise(0)).as("diverted"),
                count(col("arrDelay")).as("arrivals"),
                avg(col("arrDelay")).as("meanArr"),
                expr("percentile(arrDelay, array(0.5, 0.9))").as("arrPercentiles"),
                avg(col("depDelay")).as("meanDep"),
                sum(when(col("isDelayed"), 1).otherwise(0)).as("delayed"))
            .collectAsList();

    long rowsRead = 0;
    long rowsRejected = 0;
    List<CarrierStats> carriers = new ArrayList<>();
    for (Row group : groups) {
      long groupFlights = group.getLong(group.fieldIndex("flights"));
      rowsRead += groupFlights;
      if (group.isNullAt(group.fieldIndex("key"))) {
        rowsRejected += groupFlights;
      } else if (groupFlights >= options.minFlights()) {
        carriers.add(stats(group));
      }
    }
    List<RejectedRow> examples = rowsRejected == 0 ? List.of() : rejectedExamples(flights);

    carriers.sort(options.rankBy().ordering());
    List<CarrierStats> ranked = new ArrayList<>();
    for (int i = 0; i < carriers.size(); i++) {
      CarrierStats s = carriers.get(i);
      ranked.add(s.ranked(i + 1, airlineNames.nameOf(s.carrier())));
    }
    return new AnalysisResult(
        options.input(),
        raw.columns().schema(),
        options.rankBy(),
        options.delayThresholdMinutes(),
        rowsRead,
        rowsRejected,
        examples,
        rowsRead - rowsRejected,
        List.copyOf(ranked),
        ranked.isEmpty() ? null : ranked.get(0).carrier(),
        (System.nanoTime() - start) / 1_000_000,
        spark.version());
  }

  /** Raw strings to canonical fields, with a reject reason for rows that cannot be counted. */
  private static Dataset<Row> canonical(RawFlights input, int thresholdMinutes) {
    Dataset<Row> raw = input.rows();
    Column carrier = trim(col(RawFlights.CARRIER));
    Column depMissing = missing(col(RawFlights.DEP));
    Column arrMissing = missing(col(RawFlights.ARR));
    Column dep = when(depMissing, lit(null)).otherwise(number(col(RawFlights.DEP)));
    Column arr = when(arrMissing, lit(null)).otherwise(number(col(RawFlights.ARR)));
    Column reason =
        when(col(RawFlights.MALFORMED).isNotNull(), lit("wrong number of fields"))
            .when(missing(col(RawFlights.CARRIER)), lit("missing carrier"))
            .when(not(depMissing).and(dep.isNull()), lit("departure delay is not a number"))
            .when(not(arrMissing).and(arr.isNull()), lit("arrival delay is not a number"));
    Column divertedFlag = flag(col(RawFlights.DIVERTED));
    // Without a departure delay column, a missing arrival delay is the only sign of a flight
    // that was not flown: count it as cancelled unless a diverted flag says otherwise.
    Column notFlown =
        input.columns().departureDelay() == null ? arrMissing.and(not(divertedFlag)) : depMissing;
    Column cancelled = flag(col(RawFlights.CANCELLED)).or(notFlown);
    Column diverted = not(cancelled).and(divertedFlag.or(arrMissing));
    return raw.select(
        when(reason.isNull(), carrier).as("key"),
        reason.as("reason"),
        dep.as("depDelay"),
        arr.as("arrDelay"),
        cancelled.as("isCancelled"),
        diverted.as("isDiverted"),
        arr.gt(thresholdMinutes).as("isDelayed"),
        when(col(RawFlights.MALFORMED).isNotNull(), col(RawFlights.MALFORMED))
            .otherwise(
                concat_ws(",", col(RawFlights.CARRIER), col(RawFlights.DEP), col(RawFlights.ARR)))
            .as("row"));
  }

  private static Column missing(Column value) {
    Column trimmed = trim(value);
    return value.isNull().or(trimmed.equalTo("")).or(upper(trimmed).equalTo("NA"));
  }

  private static Column number(Column value) {
    return trim(value).try_cast(DataTypes.DoubleType);
  }

  /** A cancelled/diverted flag: 1, 1.00, true. Absent columns are null, so never set. */
  private static Column flag(Column value) {
    Column trimmed = trim(value);
    Column set = number(value).gt(0).or(lower(trimmed).equalTo("true"));
    return when(value.isNull(), lit(false)).otherwise(when(set.isNull(), lit(false)).otherwise(set));
  }

  private List<RejectedRow> rejectedExamples(Dataset<Row> flights) {
    List<RejectedRow> examples = new ArrayList<>();
    for (Row row :
        flights.filter(col("reason").isNotNull()).select("reason", "row").limit(MAX_REJECTED_EXAMPLES).collectAsList()) {
      String text = row.isNullAt(1) ? "" : row.getString(1);
      examples.add(
          new RejectedRow(
              row.getString(0),
              text.length() > MAX_EXAMPLE_LENGTH ? text.substring(0, MAX_EXAMPLE_LENGTH) + "..." : text));
    }
    return List.copyOf(examples);
  }

  private static CarrierStats stats(Row group) {
    long arrivals = group.getLong(group.fieldIndex("arrivals"));
    Double median = null;
    Double p90 = null;
    int percentiles = group.fieldIndex("arrPercentiles");
    if (!group.isNullAt(percentiles)) {
      List<Object> values = group.getList(percentiles);
      median = (Double) values.get(0);
      p90 = (Double) values.get(1);
    }
    return new CarrierStats(
        0,
        group.getString(group.fieldIndex("key")),
        null,
        group.getLong(group.fieldIndex("flights")),
        group.getLong(group.fieldIndex("cancelled")),
        group.getLong(group.fieldIndex("diverted")),
        arrivals,
        nullableDouble(group, "meanArr"),
        median,
        p90,
        nullableDouble(group, "meanDep"),
        arrivals == 0 ? null : (double) group.getLong(group.fieldIndex("delayed")) / arrivals);
  }

  private static Double nullableDouble(Row row, String field) {
    int index = row.fieldIndex(field);
    return row.isNullAt(index) ? null : row.getDouble(index);
  }
}
