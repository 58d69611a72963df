package dev.flightdelay.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.flightdelay.api.v1alpha1.validation.Violation;
import org.junit.jupiter.api.Test;

/** Rules of the schema that a single invalid manifest cannot show: minimal specs, updates. */
class SchemaRulesTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private static JsonNode yaml(String text) throws Exception {
    return YAML.readTree(text);
  }

  @Test
  void acceptsTheSmallestSpecOfEachKind() throws Exception {
    assertThat(Manifests.validatorFor("DataBucket").validate(yaml("""
        apiVersion: flightdelay.dev/v1alpha1
        kind: DataBucket
        metadata: {name: b}
        spec: {bucketName: my-flights}
        """))).isEmpty();
    assertThat(Manifests.validatorFor("SparkHost").validate(yaml("""
        apiVersion: flightdelay.dev/v1alpha1
        kind: SparkHost
        metadata: {name: h}
        spec: {allowedCidrs: [10.1.0.0/16]}
        """))).isEmpty();
    assertThat(Manifests.validatorFor("DelayAnalysis").validate(yaml("""
        apiVersion: flightdelay.dev/v1alpha1
        kind: DelayAnalysis
        metadata: {name: a}
        spec: {inputUri: "file:/data/flights.csv.gz"}
        """))).isEmpty();
  }

  @Test
  void refusesAResourceWithoutSpec() throws Exception {
    assertThat(Manifests.validatorFor("DataBucket").validate(yaml("""
        apiVersion: flightdelay.dev/v1alpha1
        kind: DataBucket
        metadata: {name: b}
        """))).extracting(Violation::field).contains("spec");
  }

  @Test
  void acceptsASparkHostWithNoOpenPortAndNoCidrs() throws Exception {
    assertThat(Manifests.validatorFor("SparkHost").validate(yaml("""
        apiVersion: flightdelay.dev/v1alpha1
        kind: SparkHost
        metadata: {name: h}
        spec: {ssh: {enabled: false}, jupyter: {enabled: false}}
        """))).isEmpty();
  }

  @Test
  void refusesRenamingABucketOnUpdate() throws Exception {
    JsonNode before = yaml("""
        apiVersion: flightdelay.dev/v1alpha1
        kind: DataBucket
        metadata: {name: b}
        spec: {bucketName: my-flights}
        """);
    JsonNode renamed = yaml("""
        apiVersion: flightdelay.dev/v1alpha1
        kind: DataBucket
        metadata: {name: b}
        spec: {bucketName: my-other-flights}
        """);

    assertThat(Manifests.validatorFor("DataBucket").validate(renamed, before))
        .extracting(Violation::field, Violation::message)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("spec.bucketName", "bucketName is immutable"));
    assertThat(Manifests.validatorFor("DataBucket").validate(before, before)).isEmpty();
  }
}
