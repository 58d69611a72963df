package dev.flightdelay.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flightdelay.api.v1alpha1.Manifests.Document;
import dev.flightdelay.api.v1alpha1.validation.Violation;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The tenancy attacks under src/test/resources/attacks, as the CRD schema sees them: those it
 * can refuse (spark.conf outside the allowlist) are refused on the field they break; the others
 * are well formed, so the operator's policy must refuse them (the operator's tests apply them).
 */
class AttackManifestsTest {

  static List<Document> attacks() throws URISyntaxException {
    return Manifests.documentsUnder(
        Path.of(Objects.requireNonNull(AttackManifestsTest.class.getResource("/attacks")).toURI()));
  }

  @Test
  void everyAttackSaysWhatItBreaksAndHowItIsRefused() throws URISyntaxException {
    assertThat(attacks()).hasSizeGreaterThanOrEqualTo(15).allSatisfy(attack -> {
      assertThat(annotation(attack, "breaks")).as("%s breaks", attack).isNotBlank();
      assertThat(annotation(attack, "reason")).as("%s reason", attack).isIn("Forbidden", "InvalidSpec");
      assertThat(annotation(attack, "schema")).as("%s schema", attack).isIn("refused", "accepted");
      assertThat(attack.content().path("metadata").path("namespace").asText()).isEqualTo("team-b");
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("attacks")
  void schemaRefusesWhatItCanAndAcceptsTheRestForTheOperator(Document attack) {
    List<Violation> violations = Manifests.validatorFor(attack.kind()).validate(attack.content());
    String field = annotation(attack, "breaks");
    if ("refused".equals(annotation(attack, "schema"))) {
      String schemaField = field.contains("[") ? field.substring(0, field.indexOf('[')) : field;
      assertThat(violations).as("%s is refused on %s", attack, schemaField).anyMatch(v -> v.concerns(schemaField));
    } else {
      assertThat(violations).as("%s is well formed", attack).isEmpty();
    }
  }

  @Test
  void schemaAndAllowlistAgreeOnEveryAllowedKeyAndRefuseTheRest() {
    var validator = Manifests.validatorFor("DelayAnalysis");
    for (String key : SparkConfAllowlist.KEYS) {
      String value = SparkConfAllowlist.VALUES.getOrDefault(key, "4");
      assertThat(SparkConfAllowlist.refusal(key, value)).as(key).isEmpty();
      assertThat(validator.validate(withConf(key, value))).as("schema accepts %s", key).isEmpty();
    }
    for (String key : List.of("spark.sql.warehouse.dir", "spark.kubernetes.driver.podTemplateFile", "spark.jars",
        "spark.driver.extraJavaOptions", "spark.kubernetes.kerberos.krb5.path", "spark.hadoop.fs.s3a.access.key")) {
      assertThat(SparkConfAllowlist.refusal(key, "x")).as(key).isPresent();
      assertThat(validator.validate(withConf(key, "x"))).as("schema refuses %s", key)
          .anyMatch(v -> v.concerns("spec.spark.conf"));
    }
    assertThat(SparkConfAllowlist.refusal("spark.eventLog.enabled", "true")).isPresent();
    assertThat(validator.validate(withConf("spark.eventLog.enabled", "true"))).anyMatch(v -> v.concerns("spec.spark.conf"));
  }

  private static ObjectNode withConf(String key, String value) {
    ObjectNode analysis = Manifests.yaml("""
        apiVersion: flightdelay.dev/v1alpha1
        kind: DelayAnalysis
        metadata:
          name: tuned
        spec:
          inputUri: s3a://team-b-data/flights.csv
          spark:
            conf: {}
        """);
    ((ObjectNode) analysis.path("spec").path("spark").path("conf")).put(key, value);
    return analysis;
  }

  private static String annotation(Document attack, String name) {
    return attack.content().path("metadata").path("annotations").path("test.flightdelay.dev/" + name).asText();
  }
}
