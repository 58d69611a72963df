package dev.flightdelay.operator.sparkhost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flightdelay.api.v1alpha1.JupyterSpec;
import dev.flightdelay.api.v1alpha1.LocalObjectRef;
import dev.flightdelay.api.v1alpha1.SparkHost;
import dev.flightdelay.api.v1alpha1.SparkHostSpec;
import dev.flightdelay.api.v1alpha1.SparkHostStatus;
import dev.flightdelay.api.v1alpha1.SshSpec;
import dev.flightdelay.operator.OperatorHarness;
import dev.flightdelay.testing.MotoExtension;
import dev.flightdelay.testing.MotoServer;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Specs the operator cannot act on (the mock API server, like an API server without CEL, lets
 * them all in): refused naming the field, before any AWS call, with one event, never retried
 * hot. And the key and token never leave their Secret.
 */
@ExtendWith(MotoExtension.class)
class SparkHostInvalidSpecTest {

  @AutoClose
  private OperatorHarness harness;

  static List<Arguments> invalidSpecs() {
    return List.of(
        Arguments.of("InvalidSpec", "spec.credentialsSecretRef", spec(s -> s.setCredentialsSecretRef(new LocalObjectRef("no-such-secret")))),
        Arguments.of("InvalidSpec", "spec.credentialsSecretRef", spec(s -> s.setCredentialsSecretRef(new LocalObjectRef("half-secret")))),
        Arguments.of("InvalidSpec", "spec.allowedCidrs[0]", spec(s -> s.setAllowedCidrs(List.of("10.1.2.3/8")))),
        Arguments.of("InvalidSpec", "spec.allowedCidrs[1]", spec(s -> s.setAllowedCidrs(List.of("203.0.113.0/24", "203.0.113.0/24")))),
        Arguments.of("InvalidSpec", "spec.allowedCidrs[0]", spec(s -> s.setAllowedCidrs(List.of("2001:db8::/32")))),
        Arguments.of("InvalidSpec", "spec.allowedCidrs", spec(s -> s.setAllowedCidrs(List.of()))),
        Arguments.of("InvalidSpec", "spec.jupyter.port", spec(s -> {
          SshSpec ssh = new SshSpec();
          ssh.setPort(8888);
          s.setSsh(ssh);
        })),
        Arguments.of("InvalidSpec", "spec.imageFilter", spec(s -> s.setImageId("ami-0123456789abcdef0"))),
        Arguments.of("InvalidSpec", "spec.tags", spec(s -> s.setTags(Map.of("aws:cloudformation:stack-name", "x")))),
        Arguments.of("InvalidSpec", "spec.tags", spec(s -> s.setTags(Map.of("flightdelay.dev/owner", "someone/else/uid")))),
        Arguments.of("Forbidden", "spec.endpoint", spec(s -> {
          s.setEndpoint("http://169.254.169.254");
          s.setCredentialsSecretRef(null);
        })));
  }

  private static Consumer<SparkHostSpec> spec(Consumer<SparkHostSpec> change) {
    return change;
  }

  @ParameterizedTest(name = "{1} ({0})")
  @MethodSource("invalidSpecs")
  void refusesWithTheFieldNamedAndMakesNoAwsCall(String reason, String field, Consumer<SparkHostSpec> breakIt, MotoServer moto)
      throws InterruptedException {
    harness = OperatorHarness.start(moto);
    harness.client().secrets().inNamespace(OperatorHarness.NAMESPACE).resource(
        new SecretBuilder().withNewMetadata().withName("half-secret").endMetadata()
            .addToStringData("accessKeyId", "AKIAEXAMPLE").build()).create();

    SparkHosts.create(harness.client(), "invalid", breakIt);
    SparkHost refused = SparkHosts.awaitReason(harness.client(), "invalid", reason);
    Thread.sleep(3000);

    assertThat(refused.getStatus().getPhase()).isEqualTo(SparkHostStatus.Phase.Failed);
    assertThat(refused.getStatus().condition("Ready").orElseThrow().getMessage()).startsWith(field + ":");
    assertThat(refused.getStatus().getObservedGeneration()).isEqualTo(refused.getMetadata().getGeneration());
    assertThat(harness.operator().awsCalls()).as("AWS calls").isZero();
    assertThat(SparkHosts.events(harness.client(), "invalid")).as("one event, not one per resync")
        .filteredOn(e -> reason.equals(e.getReason())).hasSize(1);
    assertThat(harness.client().secrets().inNamespace(OperatorHarness.NAMESPACE).withName("invalid-access").get()).isNull();
  }

  @Test
  void aFixedSpecIsActedOnAtOnce(MotoServer moto) {
    SparkHosts.registerImage(moto, SparkHosts.IMAGE_NAME);
    harness = OperatorHarness.start(moto);
    SparkHosts.create(harness.client(), "mended", s -> s.setAllowedCidrs(List.of("10.1.2.3/8")));
    SparkHosts.awaitReason(harness.client(), "mended", "InvalidSpec");

    SparkHosts.edit(harness.client(), "mended", s -> s.setAllowedCidrs(List.of("10.0.0.0/8")));

    assertThat(SparkHosts.awaitReady(harness.client(), "mended").getStatus().getInstanceId()).isNotNull();
  }

  @Test
  void neverShowsTheKeyOrTheTokenInStatusEventsLogsOrUserData(MotoServer moto) {
    SparkHosts.registerImage(moto, SparkHosts.IMAGE_NAME);
    PrintStream originalErr = System.err;
    PrintStream originalOut = System.out;
    ByteArrayOutputStream logs = new ByteArrayOutputStream();
    PrintStream tee = new PrintStream(logs, true, StandardCharsets.UTF_8);
    System.setErr(tee);
    System.setOut(tee);
    SparkHost ready;
    try {
      harness = OperatorHarness.start(moto);
      SparkHosts.create(harness.client(), "careful", s -> s.setJupyter(new JupyterSpec()));
      ready = SparkHosts.awaitReady(harness.client(), "careful");
      SparkHosts.edit(harness.client(), "careful", s -> s.setAllowedCidrs(List.of("10.1.2.3/8")));
      SparkHosts.awaitReason(harness.client(), "careful", "InvalidSpec");
    } finally {
      System.setErr(originalErr);
      System.setOut(originalOut);
    }

    Secret secret = harness.client().secrets().inNamespace(OperatorHarness.NAMESPACE).withName("careful-access").get();
    String token = decode(secret, "jupyter-token");
    String privateKey = decode(secret, "ssh-privatekey");
    String keyBody = privateKey.lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();
    String status = Serialization.asYaml(SparkHosts.get(harness.client(), "careful").getStatus());
    String events = Serialization.asYaml(harness.client().v1().events().inNamespace(OperatorHarness.NAMESPACE).list());
    String logged = logs.toString(StandardCharsets.UTF_8);
    String userData;
    try (var ec2 = moto.ec2()) {
      userData = new String(Base64.getDecoder().decode(ec2.describeInstanceAttribute(
          d -> d.instanceId(ready.getStatus().getInstanceId()).attribute("userData")).userData().value()), StandardCharsets.UTF_8);
    }
    assertThat(logged).as("the operator logged while running").contains("SparkHost flights/careful");
    for (String secretValue : List.of(token, keyBody)) {
      assertThat(status).doesNotContain(secretValue);
      assertThat(events).doesNotContain(secretValue);
      assertThat(logged).doesNotContain(secretValue);
      assertThat(userData).doesNotContain(secretValue);
    }
  }

  private static String decode(Secret secret, String key) {
    return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
  }
}
