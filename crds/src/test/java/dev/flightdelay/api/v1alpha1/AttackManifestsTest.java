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
    SparkConfAllowlist.KEYS.forEach((key, type) -> {
      assertThat(SparkConfAllowlist.refusal(key, type.example())).as(key).isEmpty();
      assertThat(validator.validate(withConf(key, type.example()))).as("schema accepts %s", key).isEmpty();
    });
    for (String key : List.of("spark.sql.warehouse.dir", "spark.kubernetes.driver.podTemplateFile", "spark.jars",
        "spark.driver.extraJavaOptions", "spark.kubernetes.kerberos.krb5.path", "spark.hadoop.fs.s3a.access.key")) {
      assertThat(SparkConfAllowlist.refusal(key, "4")).as(key).hasValueSatisfying(r -> assertThat(r.malformed()).isFalse());
      assertThat(validator.validate(withConf(key, "4"))).as("schema refuses %s", key)
          .anyMatch(v -> v.concerns("spec.spark.conf"));
    }
    assertThat(SparkConfAllowlist.refusal("spark.eventLog.enabled", "true")).isPresent();
    assertThat(validator.validate(withConf("spark.eventLog.enabled", "true"))).anyMatch(v -> v.concerns("spec.spark.conf"));
  }

  @Test
  void everyAllowedKeyRefusesSubstitutionsAndValuesOfAnotherTypeInSchemaAndAllowlistAlike() {
    var validator = Manifests.validatorFor("DelayAnalysis");
    SparkConfAllowlist.KEYS.forEach((key, type) -> {
      for (String value : List.of("${env:AWS_SECRET_ACCESS_KEY}", "${system:user.home}", "${spark.app.name}",
          type.example() + "${env:X}", "$" + type.example(), "two words", " " + type.example())) {
        assertThat(SparkConfAllowlist.refusal(key, value)).as("%s=%s", key, value).hasValueSatisfying(refusal -> {
          assertThat(refusal.malformed()).isEqualTo(type != SparkConfAllowlist.ValueType.OFF_ONLY);
          assertThat(refusal.message()).isEqualTo("not " + type.description());
        });
        assertThat(validator.validate(withConf(key, value))).as("schema refuses %s=%s", key, value)
            .anyMatch(v -> v.concerns("spec.spark.conf") && v.message().contains(key + ": not " + type.description()));
      }
    });
  }

  @Test
  void sparkConfValueTypesReadAsSparkWritesThem() {
    assertThat(List.of("512m", "2g", "384", "64M", "1t")).allMatch(SparkConfAllowlist.ValueType.SIZE::accepts);
    assertThat(List.of("512mb", "1.5g", "-1", "")).noneMatch(SparkConfAllowlist.ValueType.SIZE::accepts);
    assertThat(List.of("30s", "120", "500ms", "5min", "1h")).allMatch(SparkConfAllowlist.ValueType.DURATION::accepts);
    assertThat(List.of("500m", "2", "0.5")).allMatch(SparkConfAllowlist.ValueType.CPU::accepts);
    assertThat(List.of("UTC", "Europe/Paris", "America/Argentina/Buenos_Aires", "+01:00", "Etc/GMT+3"))
        .allMatch(SparkConfAllowlist.ValueType.TIME_ZONE::accepts);
    assertThat(List.of("../etc/passwd", "/etc/localtime", "UTC ")).noneMatch(SparkConfAllowlist.ValueType.TIME_ZONE::accepts);
    assertThat(List.of("-1", "10m")).allMatch(SparkConfAllowlist.ValueType.SIZE_OR_OFF::accepts);
  }

  @Test
  void imageIsAnImageReferenceInSchemaAndOperatorPatternAlike() {
    var validator = Manifests.validatorFor("DelayAnalysis");
    for (String image : List.of("flight-delay-job:0.1.0", "ghcr.io/acme/flight-delay-job:1.0.0", "localhost:5000/job",
        "registry.example/team/sub/job_x:v1.2-rc.1",
        "ghcr.io/acme/job@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")) {
      assertThat(image).as(image).matches(SparkSpec.IMAGE_PATTERN);
      assertThat(validator.validate(withImage(image))).as("schema accepts %s", image).isEmpty();
    }
    for (String image : List.of("x:${env:AWS_SECRET_ACCESS_KEY}", "${system:user.home}/job", "ghcr.io/acme/../evil:1",
        "Ghcr.io/acme/Job:1", "job:1 --privileged", "job:", "https://ghcr.io/acme/job:1")) {
      assertThat(image).as(image).doesNotMatch(SparkSpec.IMAGE_PATTERN);
      assertThat(validator.validate(withImage(image))).as("schema refuses %s", image)
          .anyMatch(v -> v.concerns("spec.spark.image"));
    }
  }

  private static ObjectNode withImage(String image) {
    ObjectNode analysis = withConf("spark.sql.shuffle.partitions", "8");
    ((ObjectNode) analysis.path("spec").path("spark")).put("image", image);
    return analysis;
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
