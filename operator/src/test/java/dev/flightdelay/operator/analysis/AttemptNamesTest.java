package dev.flightdelay.operator.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flightdelay.api.v1alpha1.DelayAnalysis;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import org.junit.jupiter.api.Test;

class AttemptNamesTest {

  private static DelayAnalysis analysis(String name, String uid) {
    DelayAnalysis analysis = new DelayAnalysis();
    analysis.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("ns").withUid(uid).build());
    return analysis;
  }

  @Test
  void sameResourceGenerationAndAttemptGiveTheSameNames() {
    DelayAnalysis analysis = analysis("carriers", "3f2a9c1e-0b7d-4e55-9a11-5c0ffee00042");
    assertThat(AttemptNames.of(analysis, 3, 2)).isEqualTo(AttemptNames.of(analysis, 3, 2));
    assertThat(AttemptNames.of(analysis, 3, 2).driverPod()).isEqualTo("carriers-3f2a9c1e-3-2-driver");
    assertThat(AttemptNames.of(analysis, 3, 2).applicationId()).isEqualTo("spark-3f2a9c1e0b7d4e559a115c0ffee00042-3-2");
    assertThat(AttemptNames.of(analysis, 3, 3)).isNotEqualTo(AttemptNames.of(analysis, 3, 2));
  }

  @Test
  void longOrOddNamesStayValidDnsLabels() {
    DelayAnalysis analysis = analysis("2024.very-long-analysis-name-for-the-whole-year-of-flights",
        "3f2a9c1e-0b7d-4e55-9a11-5c0ffee00042");
    AttemptNames names = AttemptNames.of(analysis, 12345, 20);
    for (String name : new String[] {names.driverPod(), names.service(), names.configMap(), names.applicationId()}) {
      assertThat(name).hasSizeLessThanOrEqualTo(63).matches("[a-z]([-a-z0-9]*[a-z0-9])?");
    }
  }
}
