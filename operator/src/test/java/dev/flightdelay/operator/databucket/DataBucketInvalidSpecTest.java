package dev.flightdelay.operator.databucket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flightdelay.api.v1alpha1.BucketEncryption;
import dev.flightdelay.api.v1alpha1.DataBucket;
import dev.flightdelay.api.v1alpha1.DataBucketStatus;
import dev.flightdelay.api.v1alpha1.LocalObjectRef;
import dev.flightdelay.operator.OperatorHarness;
import dev.flightdelay.testing.MotoExtension;
import dev.flightdelay.testing.MotoServer;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Specs the schema lets through but the operator cannot act on; and secrets kept secret. */
@ExtendWith(MotoExtension.class)
class DataBucketInvalidSpecTest {

  @AutoClose
  private OperatorHarness harness;

  static List<Arguments> invalidSpecs() {
    return List.of(
        Arguments.of("spec.credentialsSecretRef", (Consumer<dev.flightdelay.api.v1alpha1.DataBucketSpec>) s ->
            s.setCredentialsSecretRef(new LocalObjectRef("no-such-secret"))),
        Arguments.of("spec.credentialsSecretRef", (Consumer<dev.flightdelay.api.v1alpha1.DataBucketSpec>) s ->
            s.setCredentialsSecretRef(new LocalObjectRef("half-secret"))),
        Arguments.of("spec.kmsKeyId", (Consumer<dev.flightdelay.api.v1alpha1.DataBucketSpec>) s ->
            s.setEncryption(BucketEncryption.SSE_KMS)),
        Arguments.of("spec.seed[0].configMapRef", (Consumer<dev.flightdelay.api.v1alpha1.DataBucketSpec>) s ->
            s.setSeed(List.of(DataBuckets.configMapSeed("a.csv", "no-such-configmap", "a.csv")))),
        Arguments.of("spec.seed[1].key", (Consumer<dev.flightdelay.api.v1alpha1.DataBucketSpec>) s ->
            s.setSeed(List.of(DataBuckets.urlSeed("same.csv", "https://example.com/a.csv"),
                DataBuckets.s3Seed("same.csv", "s3://other-bucket/b.csv")))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidSpecs")
  void refusesWithTheFieldNamedAndMakesNoAwsCall(String field, Consumer<dev.flightdelay.api.v1alpha1.DataBucketSpec> breakIt,
      MotoServer moto) throws InterruptedException {
    harness = OperatorHarness.start(moto);
    harness.client().secrets().inNamespace(OperatorHarness.NAMESPACE).resource(
        new SecretBuilder().withNewMetadata().withName("half-secret").endMetadata()
            .addToStringData("accessKeyId", "AKIAEXAMPLE").build()).create();

    DataBuckets.create(harness.client(), "invalid", s -> {
      s.setBucketName("never-created");
      breakIt.accept(s);
    });
    DataBucket refused = DataBuckets.awaitReason(harness.client(), "invalid", "InvalidSpec");
    Thread.sleep(3000);

    assertThat(refused.getStatus().getPhase()).isEqualTo(DataBucketStatus.Phase.Failed);
    assertThat(refused.getStatus().condition("Ready").orElseThrow().getMessage()).startsWith(field);
    assertThat(harness.operator().awsCalls()).as("AWS calls").isZero();
    assertThat(harness.client().v1().events().inNamespace(OperatorHarness.NAMESPACE).list().getItems())
        .as("one event, not one per resync").filteredOn(e -> "InvalidSpec".equals(e.getReason())).hasSize(1);
  }

  @Test
  void neverShowsASecretValueInStatusEventsOrLogs(MotoServer moto) {
    String secretValue = "s3cr3t-" + System.nanoTime();
    String sessionToken = "t0k3n-" + System.nanoTime();
    PrintStream originalErr = System.err;
    PrintStream originalOut = System.out;
    ByteArrayOutputStream logs = new ByteArrayOutputStream();
    PrintStream tee = new PrintStream(logs, true, StandardCharsets.UTF_8);
    System.setErr(tee);
    System.setOut(tee);
    try {
      harness = OperatorHarness.start(moto);
      harness.client().secrets().inNamespace(OperatorHarness.NAMESPACE).resource(
          new SecretBuilder().withNewMetadata().withName("leaky").endMetadata()
              .addToStringData("accessKeyId", "AKIAEXAMPLE")
              .addToStringData("secretAccessKey", secretValue)
              .addToStringData("sessionToken", sessionToken).build()).create();
      DataBuckets.create(harness.client(), "careful", s -> {
        s.setBucketName("careful-bucket");
        s.setCredentialsSecretRef(new LocalObjectRef("leaky"));
      });
      DataBuckets.awaitReady(harness.client(), "careful");
      DataBuckets.edit(harness.client(), "careful", s -> s.setEncryption(BucketEncryption.SSE_KMS));
      DataBuckets.awaitReason(harness.client(), "careful", "InvalidSpec");
    } finally {
      System.setErr(originalErr);
      System.setOut(originalOut);
    }

    String status = Serialization.asYaml(DataBuckets.get(harness.client(), "careful").getStatus());
    String events = Serialization.asYaml(harness.client().v1().events().inNamespace(OperatorHarness.NAMESPACE).list());
    String logged = logs.toString(StandardCharsets.UTF_8);
    assertThat(logged).as("the operator logged while running").contains("DataBucket flights/careful");
    for (String secret : List.of(secretValue, sessionToken)) {
      assertThat(status).doesNotContain(secret);
      assertThat(events).doesNotContain(secret);
      assertThat(logged).doesNotContain(secret);
    }
  }
}
