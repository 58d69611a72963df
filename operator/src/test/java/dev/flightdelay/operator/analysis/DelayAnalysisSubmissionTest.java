package dev.flightdelay.operator.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flightdelay.api.v1alpha1.CarrierResult;
import dev.flightdelay.api.v1alpha1.DelayAnalysis;
import dev.flightdelay.api.v1alpha1.DelayAnalysisStatus.Phase;
import dev.flightdelay.job.FlightDelayJob;
import dev.flightdelay.job.JobOptions;
import dev.flightdelay.operator.OperatorHarness;
import dev.flightdelay.operator.databucket.DataBucketTestAccess;
import dev.flightdelay.testing.FlightData;
import dev.flightdelay.testing.MotoExtension;
import dev.flightdelay.testing.MotoServer;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** A DelayAnalysis submitted as a driver pod built by Spark's own submitter, and its results. */
@ExtendWith(MotoExtension.class)
class DelayAnalysisSubmissionTest {

  private static final String BUCKET = "flights-data-bucket";
  private static final String KEY = "nycflights13/flights.csv.gz";

  @AutoClose
  private OperatorHarness harness;

  @Test
  void ranksCarriersFromTheTerminationMessageOfARealJobRunWithTheDriverPodsArguments(MotoServer moto, @TempDir Path tmp)
      throws IOException {
    Path flights = FlightData.require(FlightData.FLIGHTS_DF);
    harness = OperatorHarness.start(moto);
    var client = harness.client();
    DelayAnalyses.createSparkServiceAccount(client);
    DataBucketTestAccess.createAndAwaitReady(harness, "flights", BUCKET);
    try (S3Client s3 = moto.s3()) {
      s3.putObject(p -> p.bucket(BUCKET).key(KEY), RequestBody.fromFile(flights));
    }

    DelayAnalysis created = DelayAnalyses.create(client, "carriers", DelayAnalyses.ofBucket("flights", KEY).andThen(s -> {
      s.setTopN(5);
      s.setSpark(new dev.flightdelay.api.v1alpha1.SparkSpec());
      s.getSpark().setImage("registry.example/flight-delay-job:1.2.3");
      s.getSpark().getConf().put("spark.sql.shuffle.partitions", "8");
    }));
    DelayAnalysis submitted = DelayAnalyses.awaitPhase(client, "carriers", Phase.Submitted);
    String podName = submitted.getStatus().getDriverPod();
    assertThat(submitted.getStatus().getApplicationId()).startsWith("spark-").endsWith("-1-1");
    assertThat(submitted.getStatus().getAttempts()).isEqualTo(1);

    Kubelet kubelet = new Kubelet(client);
    Pod pod = kubelet.awaitPod(podName);
    Container driver = pod.getSpec().getContainers().get(0);
    assertThat(driver.getImage()).isEqualTo("registry.example/flight-delay-job:1.2.3");
    assertThat(driver.getArgs()).containsSubsequence("driver", "--class", FlightDelayJob.class.getName(),
        SparkConfFactory.JOB_JAR, "--input", "s3a://" + BUCKET + "/" + KEY,
        "--output", "s3a://" + BUCKET + "/results/flights/carriers/", "--top", "5",
        "--summary-file", "/dev/termination-log");
    assertThat(driver.getEnv()).filteredOn(e -> e.getName().startsWith("AWS_")).extracting(EnvVar::getName)
        .containsExactlyInAnyOrder("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY");
    EnvVar keyId = driver.getEnv().stream().filter(e -> e.getName().equals("AWS_ACCESS_KEY_ID")).findFirst().orElseThrow();
    assertThat(keyId.getValue()).isNull();
    assertThat(keyId.getValueFrom().getSecretKeyRef().getName()).isEqualTo(OperatorHarness.CREDENTIALS_SECRET);
    assertThat(keyId.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("accessKeyId");
    assertThat(pod.getMetadata().getLabels())
        .containsEntry("flightdelay.dev/delay-analysis", "carriers")
        .containsEntry("flightdelay.dev/delay-analysis-uid", created.getMetadata().getUid())
        .containsEntry("spark-role", "driver")
        .containsEntry("spark-app-selector", submitted.getStatus().getApplicationId());
    assertThat(pod.getMetadata().getOwnerReferences()).singleElement().satisfies(owner -> {
      assertThat(owner.getKind()).isEqualTo("DelayAnalysis");
      assertThat(owner.getUid()).isEqualTo(created.getMetadata().getUid());
      assertThat(owner.getController()).isTrue();
    });
    assertThat(pod.getSpec().getServiceAccountName()).isEqualTo("flight-delay-spark");
    assertThat(pod.getSpec().getRestartPolicy()).isEqualTo("Never");
    assertThat(driver.getResources().getRequests()).containsEntry("cpu", new Quantity("1"));
    assertThat(driver.getResources().getLimits()).containsEntry("memory", new Quantity("1408Mi"));

    String configMapName = pod.getSpec().getVolumes().stream().filter(v -> v.getConfigMap() != null)
        .map(v -> v.getConfigMap().getName()).findFirst().orElseThrow();
    ConfigMap configMap = client.configMaps().inNamespace(OperatorHarness.NAMESPACE).withName(configMapName).get();
    Properties sparkProperties = new Properties();
    sparkProperties.load(new StringReader(configMap.getData().get("spark.properties")));
    assertThat(sparkProperties)
        .containsEntry("spark.hadoop.fs.s3a.endpoint", moto.endpoint().toString())
        .containsEntry("spark.hadoop.fs.s3a.path.style.access", "true")
        .containsEntry("spark.kubernetes.driver.pod.name", podName)
        .containsEntry("spark.executor.instances", "2")
        .containsEntry("spark.sql.shuffle.partitions", "8")
        .containsEntry("spark.driver.host", podName.replaceAll("-driver$", "-svc") + ".flights.svc")
        .containsEntry("spark.kubernetes.driver.secretKeyRef.AWS_SECRET_ACCESS_KEY",
            OperatorHarness.CREDENTIALS_SECRET + ":secretAccessKey");
    assertThat(configMap.getData().get("spark.properties")).doesNotContain(MotoServer.SECRET_ACCESS_KEY);
    assertThat(configMap.getMetadata().getOwnerReferences()).singleElement()
        .satisfies(owner -> assertThat(owner.getUid()).isEqualTo(pod.getMetadata().getUid()));
    List<Service> services = client.services().inNamespace(OperatorHarness.NAMESPACE).list().getItems();
    assertThat(services).singleElement().satisfies(service -> {
      assertThat(service.getMetadata().getName()).isEqualTo(podName.replaceAll("-driver$", "-svc"));
      assertThat(service.getMetadata().getOwnerReferences().get(0).getUid()).isEqualTo(pod.getMetadata().getUid());
    });

    kubelet.run(podName);
    DelayAnalyses.awaitPhase(client, "carriers", Phase.Running);
    String terminationMessage = runJobAsTheDriverWould(pod, sparkProperties, moto, tmp);
    kubelet.terminate(podName, 0, terminationMessage);

    DelayAnalysis done = DelayAnalyses.awaitPhase(client, "carriers", Phase.Succeeded);
    var status = done.getStatus();
    assertThat(status.condition("Ready")).hasValueSatisfying(c -> assertThat(c.getStatus()).isEqualTo("True"));
    assertThat(status.getMostDelayedCarrier()).isEqualTo("F9");
    assertThat(status.getCarriers()).hasSize(5).extracting(CarrierResult::getRank).containsExactly(1, 2, 3, 4, 5);
    assertThat(status.getCarriers().get(0).getCarrier()).isEqualTo("F9");
    assertThat(status.getCarriers().get(0).getMeanArrivalDelayMinutes()).isCloseTo(21.92, org.assertj.core.data.Offset.offset(0.01));
    assertThat(status.getRowsRead()).isEqualTo(336_776L);
    assertThat(status.getRowsRejected()).isZero();
    assertThat(status.getResultsUri()).isEqualTo("s3a://" + BUCKET + "/results/flights/carriers/results.json");
    assertThat(status.getObservedGeneration()).isEqualTo(done.getMetadata().getGeneration());
    assertThat(status.getHistory()).singleElement().satisfies(a -> {
      assertThat(a.getPhase()).isEqualTo("Succeeded");
      assertThat(a.getDriverPod()).isEqualTo(podName);
    });
    try (S3Client s3 = moto.s3()) {
      assertThat(s3.getObjectAsBytes(g -> g.bucket(BUCKET).key("results/flights/carriers/results.json")).asUtf8String())
          .contains("\"mostDelayedCarrier\" : \"F9\"");
    }
    assertThat(DelayAnalyses.eventReasons(client, "carriers")).contains("Submitted", "Running", "Succeeded");
    assertThat(harness.registry().scrape()).contains("flightdelay_analysis_runs_total{outcome=\"succeeded\"} 1.0")
        .contains("flightdelay_analysis_submit_seconds_count");
  }

  /**
   * What the image's entrypoint does with the pod: spark.hadoop.* from the mounted
   * spark.properties, credentials from the Secrets the env refers to, then the job's main with the
   * container's application arguments; what it writes to its summary file is the termination message.
   */
  private String runJobAsTheDriverWould(Pod pod, Properties sparkProperties, MotoServer moto, Path tmp) throws IOException {
    List<String> args = new ArrayList<>(pod.getSpec().getContainers().get(0).getArgs());
    List<String> appArgs = new ArrayList<>(args.subList(args.indexOf(SparkConfFactory.JOB_JAR) + 1, args.size()));
    Path terminationLog = tmp.resolve("termination-log");
    appArgs.set(appArgs.indexOf("--summary-file") + 1, terminationLog.toString());
    SparkSession spark = SparkSession.builder().master("local[2]").appName("driver-stand-in")
        .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4").getOrCreate();
    try {
      var hadoop = spark.sparkContext().hadoopConfiguration();
      sparkProperties.stringPropertyNames().stream().filter(k -> k.startsWith("spark.hadoop."))
          .forEach(k -> hadoop.set(k.substring("spark.hadoop.".length()), sparkProperties.getProperty(k)));
      hadoop.set("fs.s3a.impl.disable.cache", "true");
      hadoop.set("fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
      hadoop.set("fs.s3a.access.key", secretValue(pod, "AWS_ACCESS_KEY_ID"));
      hadoop.set("fs.s3a.secret.key", secretValue(pod, "AWS_SECRET_ACCESS_KEY"));
      FlightDelayJob.analyse(spark, JobOptions.parse(appArgs.toArray(String[]::new)));
    } finally {
      spark.stop();
    }
    return Files.readString(terminationLog, StandardCharsets.UTF_8);
  }

  private String secretValue(Pod pod, String env) {
    var ref = pod.getSpec().getContainers().get(0).getEnv().stream().filter(e -> e.getName().equals(env)).findFirst()
        .orElseThrow().getValueFrom().getSecretKeyRef();
    Secret secret = harness.client().secrets().inNamespace(OperatorHarness.NAMESPACE).withName(ref.getName()).get();
    String data = secret.getData() == null ? null : secret.getData().get(ref.getKey());
    return data != null ? new String(Base64.getDecoder().decode(data), StandardCharsets.UTF_8) : secret.getStringData().get(ref.getKey());
  }
}
