package dev.flightdelay.operator.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flightdelay.api.v1alpha1.DelayAnalysis;
import dev.flightdelay.api.v1alpha1.DelayAnalysisStatus.Phase;
import dev.flightdelay.api.v1alpha1.SparkSpec;
import dev.flightdelay.operator.OperatorHarness;
import dev.flightdelay.testing.ConsoleCapture;
import dev.flightdelay.testing.MotoExtension;
import dev.flightdelay.testing.MotoServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Spark expands ${env:X}, ${system:Y} and ${other.key} in a setting when it reads it, and it reads
 * them inside the operator. An operator whose environment (FLIGHTDELAY_TEST_ENV_MARKER, set by
 * surefire as the chart sets AWS_SECRET_ACCESS_KEY) and system properties hold a marker gets specs
 * that reference them from every field that reaches Spark: each is refused as InvalidSpec naming
 * the field, and the markers are in no status, event, request the operator sent or log line.
 */
@ExtendWith(MotoExtension.class)
class SparkSubstitutionAttackTest {

  private static final String ENV = "FLIGHTDELAY_TEST_ENV_MARKER";
  private static final String PROPERTY = "flightdelay.test.marker";
  private static final String HONEST_IMAGE = OperatorHarness.TRUSTED_REGISTRY + "flight-delay-job:1.2.3";

  @Test
  void referencesToTheOperatorsEnvironmentAndPropertiesAreRefusedAndExpandedNowhere(MotoServer moto) {
    String envMarker = System.getenv(ENV);
    assertThat(envMarker).as("surefire sets %s (operator/pom.xml)", ENV).isNotBlank();
    String propertyMarker = "system-marker-" + UUID.randomUUID();
    System.setProperty(PROPERTY, propertyMarker);
    Map<String, Attack> attacks = new LinkedHashMap<>();
    attacks.put("env-overhead", conf("spark.driver.memoryOverhead", "${env:" + ENV + "}"));
    attacks.put("system-overhead", conf("spark.executor.memoryOverhead", "${system:" + PROPERTY + "}"));
    attacks.put("system-timezone", conf("spark.sql.session.timeZone", "${system:" + PROPERTY + "}"));
    attacks.put("env-in-size", conf("spark.sql.files.maxPartitionBytes", "1${env:" + ENV + "}"));
    attacks.put("env-image", new Attack("spec.spark.image", s -> s.setImage("registry.example/job:${env:" + ENV + "}")));
    attacks.put("system-image", new Attack("spec.spark.image",
        s -> s.setImage(OperatorHarness.TRUSTED_REGISTRY + "${system:" + PROPERTY + "}")));

    List<String> requests = new ArrayList<>();
    String logged;
    String statuses;
    String events;
    try (ConsoleCapture console = ConsoleCapture.start(); OperatorHarness harness = OperatorHarness.start(moto)) {
      var client = harness.client();
      DelayAnalyses.createSparkServiceAccount(client);
      harness.api().takeRequests();
      attacks.forEach((name, attack) -> DelayAnalyses.create(client, name, s -> {
        s.setInputUri("file:/data/flights.csv");
        s.setSpark(new SparkSpec());
        attack.spark().accept(s.getSpark());
      }));
      // One honest analysis goes all the way to a driver pod: the capture does see what is submitted.
      DelayAnalyses.create(client, "honest", s -> {
        s.setInputUri("file:/data/flights.csv");
        s.setSpark(new SparkSpec());
        s.getSpark().setImage(HONEST_IMAGE);
        s.getSpark().getConf().put("spark.driver.memoryOverhead", "512m");
      });

      attacks.forEach((name, attack) -> {
        DelayAnalysis refused = DelayAnalyses.awaitPhase(client, name, Phase.Failed);
        assertThat(refused.getStatus().condition("Ready")).as(name).hasValueSatisfying(c -> {
          assertThat(c.getReason()).isEqualTo("InvalidSpec");
          assertThat(c.getMessage()).startsWith(attack.field() + ": not ");
        });
        assertThat(new Kubelet(client).driverPodsOf(name)).as(name).isEmpty();
      });
      DelayAnalysis honest = DelayAnalyses.awaitPhase(client, "honest", Phase.Submitted);
      assertThat(new Kubelet(client).awaitPod(honest.getStatus().getDriverPod()).getSpec().getContainers().get(0).getImage())
          .isEqualTo(HONEST_IMAGE);

      requests.addAll(harness.api().takeRequestsWithBodies());
      statuses = Serialization.asYaml(client.resources(DelayAnalysis.class).inNamespace(OperatorHarness.NAMESPACE).list());
      events = Serialization.asYaml(client.v1().events().inNamespace(OperatorHarness.NAMESPACE).list());
      logged = console.text();
    } finally {
      System.clearProperty(PROPERTY);
    }

    assertThat(requests).as("the honest driver pod was submitted").anyMatch(r -> r.startsWith("POST ") && r.contains(HONEST_IMAGE));
    assertThat(logged).as("the operator logged while running").contains("DelayAnalysis " + OperatorHarness.NAMESPACE + "/");
    for (String marker : List.of(envMarker, propertyMarker)) {
      assertThat(statuses).as("statuses").doesNotContain(marker);
      assertThat(events).as("events").doesNotContain(marker);
      assertThat(requests).as("requests").noneMatch(r -> r.contains(marker));
      assertThat(logged).as("log").doesNotContain(marker);
    }
  }

  private record Attack(String field, Consumer<SparkSpec> spark) {}

  private static Attack conf(String key, String value) {
    return new Attack("spec.spark.conf[" + key + "]", s -> s.getConf().put(key, value));
  }
}
