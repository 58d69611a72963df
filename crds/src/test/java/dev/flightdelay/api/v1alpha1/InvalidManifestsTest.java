package dev.flightdelay.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

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
 * The corpus of bad manifests under src/test/resources/invalid: each is refused by the CRD
 * schema, with an error on the field its test.flightdelay.dev/breaks annotation names.
 */
class InvalidManifestsTest {

  private static final String BREAKS = "test.flightdelay.dev/breaks";

  static List<Document> invalidManifests() throws URISyntaxException {
    Path dir =
        Path.of(
            Objects.requireNonNull(InvalidManifestsTest.class.getResource("/invalid")).toURI());
    return Manifests.documentsUnder(dir);
  }

  @Test
  void corpusHoldsAtLeastThirtyCasesOverEveryKind() throws URISyntaxException {
    assertThat(invalidManifests()).hasSizeGreaterThanOrEqualTo(30);
    assertThat(invalidManifests()).extracting(Document::kind).contains("DataBucket", "SparkHost", "DelayAnalysis");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidManifests")
  void isRefusedOnTheFieldItBreaks(Document manifest) {
    String field = manifest.content().path("metadata").path("annotations").path(BREAKS).asText();
    assertThat(field).as("%s names the field it breaks in %s", manifest, BREAKS).isNotBlank();

    List<Violation> violations = Manifests.validatorFor(manifest.kind()).validate(manifest.content());

    assertThat(violations).as("%s must be refused", manifest).isNotEmpty();
    assertThat(violations)
        .as("%s must be refused on %s", manifest, field)
        .anyMatch(v -> v.concerns(field));
  }
}
