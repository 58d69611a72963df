package dev.flightdelay.sandbox.kubectl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

/** fieldValidation=Strict against the project's own CRD schemas. */
class UnknownFieldsTest {

  @Test
  void namesEachFieldTheCrdDoesNotDefineAndNothingElse() throws Exception {
    JsonNode schema = Serialization.jsonMapper().valueToTree(ApiDiscovery.served(CrdFixture.load("databuckets"),
        "v1alpha1").orElseThrow().getSchema().getOpenAPIV3Schema());
    JsonNode bucket = Serialization.jsonMapper().readTree("""
        {"apiVersion": "flightdelay.dev/v1alpha1", "kind": "DataBucket",
         "metadata": {"name": "b", "labels": {"any": "label"}, "whatever": 1},
         "spec": {"bucketName": "b", "tags": {"team": "a"}, "versionning": true,
                  "seed": [{"key": "k", "url": "https://e/x"}, {"key": "k2", "uri": "https://e/y"}]},
         "status": {"phase": "Ready"}}
        """);

    assertThat(UnknownFields.in(bucket, schema)).containsExactlyInAnyOrder("spec.versionning", "spec.seed[1].uri");
  }

  @Test
  void aWellFormedQuickStartAnalysisHasNone() throws Exception {
    JsonNode schema = Serialization.jsonMapper().valueToTree(ApiDiscovery.served(CrdFixture.load("delayanalyses"),
        "v1alpha1").orElseThrow().getSchema().getOpenAPIV3Schema());
    JsonNode analysis = Serialization.jsonMapper().readTree("""
        {"apiVersion": "flightdelay.dev/v1alpha1", "kind": "DelayAnalysis", "metadata": {"name": "a"},
         "spec": {"dataBucketRef": {"name": "b"}, "key": "k", "rankBy": "delayedShare", "topN": 16,
                  "spark": {"conf": {"spark.sql.shuffle.partitions": "4"}}}}
        """);

    assertThat(UnknownFields.in(analysis, schema)).isEmpty();
  }
}
