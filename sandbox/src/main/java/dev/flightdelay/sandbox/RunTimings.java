package dev.flightdelay.sandbox;

import java.time.Duration;
import java.util.Locale;

/**
 * Where a run's wall time went, from the JVM's start to the ranking, in consecutive parts.
 *
 * @param apiAndS3 JVM start, the API server (with the CRDs), S3 and the data file server
 * @param operator the operator until its informers have synced
 * @param seeding applying the quick start until the DataBucket is Ready (bucket created, seeds loaded)
 * @param sparkStart until the job began its analysis: the operator starting the driver JVM,
 *     Spark's session, and (after the analysis) the results written
 * @param job the analysis itself, as the job measured it
 * @param statusUpdate from the job's summary on disk to Succeeded in the DelayAnalysis's status
 */
record RunTimings(Duration apiAndS3, Duration operator, Duration seeding, Duration sparkStart, Duration job,
    Duration statusUpdate) {

  Duration total() {
    return apiAndS3.plus(operator).plus(seeding).plus(sparkStart).plus(job).plus(statusUpdate);
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT,
        "timings: %.1f s in all: API + S3 start %.1f s, operator start %.1f s, seeding %.1f s, Spark start %.1f s,"
            + " job %.1f s, status update %.1f s",
        seconds(total()), seconds(apiAndS3), seconds(operator), seconds(seeding), seconds(sparkStart), seconds(job),
        seconds(statusUpdate));
  }

  private static double seconds(Duration d) {
    return d.toMillis() / 1000.0;
  }
}
