package dev.flightdelay.job;

import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;

/**
 * Where S3A finds AWS credentials when the user has not said: every way a driver or executor pod
 * is given an identity in production. Hadoop 3.4's default chain lacks web identity, so a pod on
 * EKS with IRSA (AWS_WEB_IDENTITY_TOKEN_FILE + AWS_ROLE_ARN) would reach S3 with no credentials.
 */
final class S3aCredentialChain {

  static final String PROVIDERS_KEY = "fs.s3a.aws.credentials.provider";

  /**
   * In order: fs.s3a.access.key, .secret.key and .session.token (Spark copies AWS_ACCESS_KEY_ID,
   * AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN into these: the operator's secretKeyRef way), then
   * those variables read by the SDK, then IRSA's token file exchanged at STS (needs the SDK's sts
   * module), then the container endpoint (EKS Pod Identity, ECS) falling back on the EC2 instance
   * profile, both of which IAMInstanceCredentialsProvider tries. Web identity comes before the
   * instance profile: on EKS the node's role is there too, and the pod's own role must win.
   */
  static final List<String> PROVIDERS =
      List.of(
          "org.apache.hadoop.fs.s3a.TemporaryAWSCredentialsProvider",
          "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider",
          "software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider",
          OptionalWebIdentityCredentialsProvider.class.getName(),
          "org.apache.hadoop.fs.s3a.auth.IAMInstanceCredentialsProvider");

  private S3aCredentialChain() {}

  /**
   * Sets the chain as spark.hadoop.* (so the executors' S3A has it too) unless the user chose
   * providers: in the Spark conf, or in a Hadoop site file, which the spark.hadoop.* key would
   * otherwise override. A per-bucket fs.s3a.bucket.NAME.aws.credentials.provider wins regardless.
   *
   * @param hadoopDefaults a Configuration as Hadoop loads it (core-default.xml, core-site.xml)
   */
  static void setUnlessChosen(SparkConf conf, Configuration hadoopDefaults) {
    if (conf.contains("spark.hadoop." + PROVIDERS_KEY) || chosenInHadoopConf(hadoopDefaults)) {
      return;
    }
    conf.set("spark.hadoop." + PROVIDERS_KEY, String.join(",", PROVIDERS));
  }

  private static boolean chosenInHadoopConf(Configuration hadoop) {
    String[] sources = hadoop.getPropertySources(PROVIDERS_KEY);
    return sources != null && !Arrays.asList(sources).equals(List.of("core-default.xml"));
  }
}
