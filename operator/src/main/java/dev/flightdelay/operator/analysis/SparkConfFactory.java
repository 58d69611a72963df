package dev.flightdelay.operator.analysis;

import dev.flightdelay.api.v1alpha1.DelayAnalysis;
import dev.flightdelay.api.v1alpha1.DelayAnalysisSpec;
import dev.flightdelay.api.v1alpha1.SparkSpec;
import dev.flightdelay.operator.aws.CredentialsSecretReader;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.SparkConf;
import scala.Tuple2;

/**
 * The SparkConf of a driver: what spark-submit would get from its command line, built from the
 * spec, the DataBucket and the operator's settings. Credentials never enter it: the driver and
 * executors get them as environment variables from the DataBucket's Secret (secretKeyRef).
 * Spark expands ${env:X}, ${system:Y} and ${other.key} in a setting when it reads it, inside the
 * operator: a setting that holds a reference is refused before Spark sees it.
 */
public final class SparkConfFactory {

  /** The spark-job jar inside the job image (see spark-job/Dockerfile). */
  public static final String JOB_JAR = "local:///opt/spark/jars/flight-delay-job.jar";
  public static final String DEFAULT_SERVICE_ACCOUNT = "flight-delay-spark";

  private final String defaultImage;
  private final String apiServer;

  /**
   * @param defaultImage the job image of this operator version
   * @param apiServer the API server as the driver reaches it from inside the cluster
   */
  public SparkConfFactory(String defaultImage, String apiServer) {
    this.defaultImage = defaultImage;
    this.apiServer = apiServer;
  }

  public SparkConf driverConf(DelayAnalysis analysis, AttemptNames names, DataAccess access)
      throws AttemptRunner.RunnerException {
    DelayAnalysisSpec spec = analysis.getSpec();
    SparkSpec spark = spec.getSpark() == null ? new SparkSpec() : spec.getSpark();
    SparkConf conf = new SparkConf(false);
    conf.set("spark.master", "k8s://" + apiServer);
    conf.set("spark.submit.deployMode", "cluster");
    conf.set("spark.app.name", analysis.getMetadata().getName());
    conf.set("spark.app.id", names.applicationId());
    conf.set("spark.kubernetes.namespace", analysis.getMetadata().getNamespace());
    conf.set("spark.kubernetes.container.image", spark.getImage() == null ? defaultImage : spark.getImage());
    conf.set("spark.kubernetes.driver.pod.name", names.driverPod());
    conf.set("spark.kubernetes.executor.podNamePrefix", names.prefix());
    conf.set("spark.kubernetes.authenticate.driver.serviceAccountName", serviceAccount(spark));
    conf.set("spark.kubernetes.submission.waitAppCompletion", "false");
    conf.set("spark.driver.cores", String.valueOf(spark.getDriver() == null || spark.getDriver().getCores() == null
        ? 1 : spark.getDriver().getCores()));
    conf.set("spark.driver.memory", spark.getDriver() == null || spark.getDriver().getMemory() == null
        ? "1g" : spark.getDriver().getMemory());
    var executor = spark.getExecutor();
    conf.set("spark.executor.instances", String.valueOf(executor == null || executor.getInstances() == null
        ? 2 : executor.getInstances()));
    conf.set("spark.executor.cores", String.valueOf(executor == null || executor.getCores() == null ? 1 : executor.getCores()));
    conf.set("spark.executor.memory", executor == null || executor.getMemory() == null ? "1g" : executor.getMemory());
    DriverLabels.of(analysis).forEach((key, value) -> conf.set("spark.kubernetes.driver.label." + key, value));
    s3aSettings(access).forEach(conf::set);
    if (access.s3() != null && access.s3().credentialsSecret() != null) {
      credentialEnv(access.s3()).forEach((env, secretKey) -> {
        conf.set("spark.kubernetes.driver.secretKeyRef." + env, secretKey);
        conf.set("spark.kubernetes.executor.secretKeyRef." + env, secretKey);
      });
    }
    spark.getConf().forEach((key, value) -> {
      if (AnalysisValidator.isAllowed(key, value)) {
        conf.set(key, value);
      }
    });
    for (Tuple2<String, String> setting : conf.getAll()) {
      if (setting._2().contains("${")) {
        // Every user value was checked against its pattern; this catches what comes from elsewhere
        // (another resource's field, a setting), naming the key only: the value may be the bait.
        throw new AttemptRunner.RunnerException(KubernetesRunner.INVALID_SPARK_CONF, setting._1()
            + " would hold a ${...} reference, which Spark expands inside the operator; it is not submitted", null);
      }
    }
    return conf;
  }

  /** The S3A settings (no credentials) for a store the operator knows of; empty otherwise. */
  public static Map<String, String> s3aSettings(DataAccess access) {
    Map<String, String> settings = new LinkedHashMap<>();
    DataAccess.S3Access s3 = access.s3();
    if (s3 == null) {
      return settings;
    }
    if (s3.endpoint() != null) {
      settings.put("spark.hadoop.fs.s3a.endpoint", s3.endpoint().toString());
      if ("http".equals(s3.endpoint().getScheme())) {
        settings.put("spark.hadoop.fs.s3a.connection.ssl.enabled", "false");
      }
    }
    if (s3.region() != null) {
      settings.put("spark.hadoop.fs.s3a.endpoint.region", s3.region());
    }
    settings.put("spark.hadoop.fs.s3a.path.style.access", String.valueOf(s3.pathStyle()));
    return settings;
  }

  /** Environment variable to "secret:key", as S3A's environment credentials provider reads them. */
  public static Map<String, String> credentialEnv(DataAccess.S3Access s3) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("AWS_ACCESS_KEY_ID", s3.credentialsSecret() + ":" + CredentialsSecretReader.ACCESS_KEY_ID);
    env.put("AWS_SECRET_ACCESS_KEY", s3.credentialsSecret() + ":" + CredentialsSecretReader.SECRET_ACCESS_KEY);
    if (s3.sessionToken()) {
      env.put("AWS_SESSION_TOKEN", s3.credentialsSecret() + ":" + CredentialsSecretReader.SESSION_TOKEN);
    }
    return env;
  }

  static String serviceAccount(SparkSpec spark) {
    return spark.getServiceAccount() == null ? DEFAULT_SERVICE_ACCOUNT : spark.getServiceAccount();
  }
}
