package dev.flightdelay.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flightdelay.testing.FlightData;
import dev.flightdelay.testing.MotoExtension;
import dev.flightdelay.testing.MotoServer;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** The job reads its input from and writes its results to S3 (moto) through S3A. */
@ExtendWith({LocalSpark.class, MotoExtension.class})
class S3aInputTest {

  @TempDir Path dir;

  @Test
  void readsS3aInputAndWritesResultsBesideIt(SparkSession spark, MotoServer moto) throws IOException {
    Path flights = FlightData.require(FlightData.FLIGHTS_DF);
    try (S3Client s3 = moto.s3()) {
      s3.createBucket(b -> b.bucket("flights"));
      s3.putObject(p -> p.bucket("flights").key("nycflights13/flights_df.csv.gz"), RequestBody.fromFile(flights));
      useMoto(spark.sparkContext().hadoopConfiguration(), moto);

      JobOptions options =
          JobOptions.of("s3a://flights/nycflights13/flights_df.csv.gz", "s3a://flights/results/run-1");
      AnalysisResult result = FlightDelayJob.analyse(spark, options);

      assertThat(result.rowsRead()).isEqualTo(336_776);
      assertThat(result.mostDelayedCarrier()).isEqualTo("F9");
      String json =
          s3.getObjectAsBytes(g -> g.bucket("flights").key("results/run-1/results.json")).asUtf8String();
      assertThat(json).contains("\"mostDelayedCarrier\" : \"F9\"");
      assertThat(s3.headObject(h -> h.bucket("flights").key("results/run-1/results.csv")).contentLength()).isPositive();
      byte[] png = s3.getObjectAsBytes(g -> g.bucket("flights").key("results/run-1/delays.png")).asByteArray();
      assertThat(png).startsWith(0x89, 'P', 'N', 'G');
    }
  }

  @Test
  void readsEveryObjectUnderAPrefixWithRowsPerObject(SparkSession spark, MotoServer moto) throws IOException {
    var months = MonthlyFiles.byMonth(MonthlyFiles.lines(FlightData.require(FlightData.FLIGHTS_DF)));
    try (S3Client s3 = moto.s3()) {
      s3.createBucket(b -> b.bucket("bts"));
      for (int m = 1; m <= 3; m++) {
        Path file = MonthlyFiles.write(dir.resolve("2013-" + m + ".zip"), months.get(m), MonthlyFiles.Packing.ZIP, "\r\n", true);
        s3.putObject(p -> p.bucket("bts").key("ontime/2013/" + file.getFileName()), RequestBody.fromFile(file));
      }
      s3.putObject(p -> p.bucket("bts").key("ontime/2014/2014-1.zip"), RequestBody.fromString("not read"));
      useMoto(spark.sparkContext().hadoopConfiguration(), moto);

      AnalysisResult result = FlightDelayJob.analyse(spark, JobOptions.of("s3a://bts/ontime/2013/", null));

      assertThat(result.files()).extracting(FileCount::path).containsExactly(
          "s3a://bts/ontime/2013/2013-1.zip", "s3a://bts/ontime/2013/2013-2.zip", "s3a://bts/ontime/2013/2013-3.zip");
      assertThat(result.files()).extracting(FileCount::rowsRead).containsExactly(
          (long) months.get(1).size() - 1, (long) months.get(2).size() - 1, (long) months.get(3).size() - 1);
      assertThat(result.rowsRejected()).isZero();
    }
  }

  private static void useMoto(Configuration conf, MotoServer moto) {
    MotoS3a.endpointSettings(moto).forEach(conf::set);
    conf.set("fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
    conf.set("fs.s3a.access.key", MotoServer.ACCESS_KEY_ID);
    conf.set("fs.s3a.secret.key", MotoServer.SECRET_ACCESS_KEY);
    conf.set("fs.s3a.impl.disable.cache", "true");
  }
}
