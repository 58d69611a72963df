package dev.flightdelay.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flightdelay.testing.FlightData;
import dev.flightdelay.testing.MotoExtension;
import dev.flightdelay.testing.MotoServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The packaged job reaches S3 (moto) with credentials given the way a pod gets them, and nothing
 * else: no fs.s3a.* credential keys, no AWS variable, profile file or metadata service of this
 * machine (see {@link JobProcess#onlyAwsEnvironment}).
 */
@ExtendWith(MotoExtension.class)
class S3aCredentialsIT {

  private static final String INPUT = "s3a://flights/nycflights13/flights_df.csv.gz";
  private static final String OUTPUT = "s3a://flights/results/run-1";
  /** moto accepts any role and any token; its STS hands out credentials for both. */
  private static final String ROLE_ARN = "arn:aws:iam::123456789012:role/flight-delay-job";
  private static final String SERVICE_ACCOUNT_TOKEN =
      "eyJhbGciOiJSUzI1NiIsImtpZCI6InRlc3QifQ"
          + ".eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQ6ZmxpZ2h0czpmbGlnaHQtZGVsYXktc3BhcmsifQ"
          + ".c2lnbmF0dXJl";

  @TempDir Path dir;
  private MotoServer moto;

  @BeforeEach
  void uploadTheFlights(MotoServer moto) {
    this.moto = moto;
    try (S3Client s3 = moto.s3()) {
      s3.createBucket(b -> b.bucket("flights"));
      s3.putObject(p -> p.bucket("flights").key("nycflights13/flights_df.csv.gz"),
          RequestBody.fromFile(FlightData.require(FlightData.FLIGHTS_DF)));
    }
  }

  /** The operator's way: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY from a Secret (secretKeyRef). */
  @Test
  void readsAndWritesS3WithOnlyAccessKeyVariables() throws Exception {
    JobProcess.Outcome run = job(Map.of(
        "AWS_ACCESS_KEY_ID", MotoServer.ACCESS_KEY_ID,
        "AWS_SECRET_ACCESS_KEY", MotoServer.SECRET_ACCESS_KEY));

    assertRankedAndWritten(run);
  }

  /** IRSA: the service account token file exchanged for the role's credentials at STS (moto's). */
  @Test
  void readsAndWritesS3WithOnlyAWebIdentityToken() throws Exception {
    Path token = Files.writeString(dir.resolve("token"), SERVICE_ACCOUNT_TOKEN);

    JobProcess.Outcome run = job(Map.of(
        "AWS_WEB_IDENTITY_TOKEN_FILE", token.toString(),
        "AWS_ROLE_ARN", ROLE_ARN,
        "AWS_REGION", moto.region(),
        "AWS_ENDPOINT_URL_STS", moto.endpoint().toString()));

    assertRankedAndWritten(run);
  }

  /**
   * EKS Pod Identity: the agent's endpoint asked with the pod's token. It comes after web identity
   * in the chain, so this also proves a pod without IRSA gets past that link.
   */
  @Test
  void readsAndWritesS3WithOnlyAPodIdentityEndpoint() throws Exception {
    Path token = Files.writeString(dir.resolve("eks-pod-identity-token"), SERVICE_ACCOUNT_TOKEN);
    try (ContainerCredentialsEndpoint agent = ContainerCredentialsEndpoint.start(
        SERVICE_ACCOUNT_TOKEN, MotoServer.ACCESS_KEY_ID, MotoServer.SECRET_ACCESS_KEY)) {
      JobProcess.Outcome run = job(Map.of(
          "AWS_CONTAINER_CREDENTIALS_FULL_URI", agent.uri().toString(),
          "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", token.toString()));

      assertRankedAndWritten(run);
      assertThat(agent.served()).isPositive();
    }
  }

  /** What makes the ones above mean something: the child has no credentials of its own. */
  @Test
  void failsWithoutCredentialsHavingTriedEveryProvider() throws Exception {
    JobProcess.Outcome run = job(Map.of());

    assertThat(run.exitCode()).isEqualTo(FlightDelayJob.FAILED);
    assertThat(run.stderr()).contains("No AWS Credentials provided by")
        .contains(OptionalWebIdentityCredentialsProvider.class.getSimpleName())
        .contains("IAMInstanceCredentialsProvider");
  }

  private JobProcess.Outcome job(Map<String, String> awsEnvironment) throws IOException, InterruptedException {
    JobProcess job = new JobProcess(dir).onlyAwsEnvironment(awsEnvironment);
    MotoS3a.endpointSettings(moto).forEach((key, value) -> job.systemProperty("spark.hadoop." + key, value));
    return job.run("--input", INPUT, "--output", OUTPUT);
  }

  private void assertRankedAndWritten(JobProcess.Outcome run) {
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(run.stdout()).contains("336776 rows read, 0 rejected").containsPattern("1\\s+F9\\s");
    try (S3Client s3 = moto.s3()) {
      String json = s3.getObjectAsBytes(g -> g.bucket("flights").key("results/run-1/results.json")).asUtf8String();
      assertThat(json).contains("\"mostDelayedCarrier\" : \"F9\"").contains("\"rowsRead\" : 336776");
    }
  }
}
