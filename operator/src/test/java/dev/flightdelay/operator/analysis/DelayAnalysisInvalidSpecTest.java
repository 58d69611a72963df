package dev.flightdelay.operator.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flightdelay.api.v1alpha1.DelayAnalysis;
import dev.flightdelay.api.v1alpha1.DelayAnalysisSpec;
import dev.flightdelay.api.v1alpha1.DelayAnalysisStatus.Phase;
import dev.flightdelay.api.v1alpha1.LocalObjectRef;
import dev.flightdelay.api.v1alpha1.SparkSpec;
import dev.flightdelay.operator.OperatorHarness;
import dev.flightdelay.testing.MotoExtension;
import dev.flightdelay.testing.MotoServer;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Specs the CRD's CEL rules refuse, reaching the operator anyway (this API server runs no CEL):
 * InvalidSpec naming the field, one event, nothing created, no retry.
 */
@ExtendWith(MotoExtension.class)
class DelayAnalysisInvalidSpecTest {

  private static OperatorHarness harness;

  @BeforeAll
  static void start(MotoServer moto) {
    harness = OperatorHarness.start(moto);
    DelayAnalyses.createSparkServiceAccount(harness.client());
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  private void assertRefused(String name, Consumer<DelayAnalysisSpec> spec, String field) {
    assertRefused(name, spec, field, "InvalidSpec");
  }

  private void assertRefused(String name, Consumer<DelayAnalysisSpec> spec, String field, String reason) {
    DelayAnalyses.create(harness.client(), name, spec);
    DelayAnalysis refused = DelayAnalyses.awaitPhase(harness.client(), name, Phase.Failed);
    assertThat(refused.getStatus().condition("Ready")).hasValueSatisfying(c -> {
      assertThat(c.getReason()).isEqualTo(reason);
      assertThat(c.getMessage()).startsWith(field + ":");
    });
    // A resync interval later: still one event, still nothing created.
    sleep(Duration.ofSeconds(3));
    assertThat(DelayAnalyses.eventReasons(harness.client(), name)).containsExactly(reason);
    assertThat(new Kubelet(harness.client()).driverPodsOf(name)).isEmpty();
    assertThat(DelayAnalyses.get(harness.client(), name).getStatus().getAttempts()).isZero();
  }

  @Test
  void refusesBothInputs() {
    assertRefused("both", s -> {
      s.setInputUri("file:/data/flights.csv");
      s.setDataBucketRef(new LocalObjectRef("flights"));
      s.setKey("flights.csv");
    }, "spec.inputUri");
  }

  @Test
  void refusesNoInput() {
    assertRefused("neither", s -> { }, "spec.inputUri");
  }

  @Test
  void refusesAKeyWithoutABucketRef() {
    assertRefused("keyonly", s -> {
      s.setInputUri("file:/data/flights.csv");
      s.setKey("flights.csv");
    }, "spec.dataBucketRef");
  }

  @Test
  void refusesAConfKeyOffTheAllowlist() {
    assertRefused("master", s -> {
      s.setInputUri("file:/data/flights.csv");
      s.setSpark(new SparkSpec());
      s.getSpark().getConf().put("spark.hadoop.fs.s3a.secret.key", "not-here");
    }, "spec.spark.conf[spark.hadoop.fs.s3a.secret.key]", "Forbidden");
  }

  @Test
  void refusesAConfKeyOutsideSpark() {
    assertRefused("notspark", s -> {
      s.setInputUri("file:/data/flights.csv");
      s.setSpark(new SparkSpec());
      s.getSpark().getConf().put("hadoop.fs.s3a.endpoint", "http://elsewhere");
    }, "spec.spark.conf[hadoop.fs.s3a.endpoint]", "Forbidden");
  }

  @Test
  void refusesAConfValueOfAnotherTypeNamingTheTypeNotTheValue() {
    assertRefused("overhead", s -> {
      s.setInputUri("file:/data/flights.csv");
      s.setSpark(new SparkSpec());
      s.getSpark().getConf().put("spark.driver.memoryOverhead", "plenty");
    }, "spec.spark.conf[spark.driver.memoryOverhead]");
    assertThat(DelayAnalyses.get(harness.client(), "overhead").getStatus().getMessage())
        .isEqualTo("spec.spark.conf[spark.driver.memoryOverhead]: not a size such as 512m");
  }

  @Test
  void refusesAnImageThatIsNoImageReference() {
    assertRefused("badimage", s -> {
      s.setInputUri("file:/data/flights.csv");
      s.setSpark(new SparkSpec());
      s.getSpark().setImage(OperatorHarness.TRUSTED_REGISTRY + "job:1 --privileged");
    }, "spec.spark.image");
  }

  @Test
  void refusesAnImageTheAdminDoesNotAllow() {
    assertRefused("foreign", s -> {
      s.setInputUri("file:/data/flights.csv");
      s.setSpark(new SparkSpec());
      s.getSpark().setImage("docker.io/someone/flight-delay-job:1.2.3");
    }, "spec.spark.image", "Forbidden");
    assertThat(DelayAnalyses.get(harness.client(), "foreign").getStatus().getMessage())
        .contains(OperatorHarness.JOB_IMAGE, OperatorHarness.TRUSTED_REGISTRY, "FLIGHTDELAY_ALLOWED_IMAGES");
  }

  @Test
  void saysWhichServiceAccountIsMissingAndSubmitsOnceItExists() {
    DelayAnalyses.create(harness.client(), "nosa", s -> {
      s.setInputUri("file:/data/flights.csv");
      s.setSpark(new SparkSpec());
      s.getSpark().setServiceAccount("spark-runner");
    });
    DelayAnalysis waiting = DelayAnalyses.awaitStatus(harness.client(), "nosa", a -> a.getStatus().condition("Ready")
        .map(c -> "ServiceAccountMissing".equals(c.getReason())).orElse(false), Duration.ofSeconds(30));
    assertThat(waiting.getStatus().getMessage()).contains("ServiceAccount spark-runner does not exist");
    assertThat(new Kubelet(harness.client()).driverPodsOf("nosa")).isEmpty();

    harness.client().serviceAccounts().inNamespace(OperatorHarness.NAMESPACE).resource(
        new io.fabric8.kubernetes.api.model.ServiceAccountBuilder().withNewMetadata().withName("spark-runner").endMetadata()
            .build()).create();
    DelayAnalysis submitted = DelayAnalyses.awaitPhase(harness.client(), "nosa", Phase.Submitted);
    assertThat(new Kubelet(harness.client()).awaitPod(submitted.getStatus().getDriverPod()).getSpec().getServiceAccountName())
        .isEqualTo("spark-runner");
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
