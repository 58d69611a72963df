package dev.flightdelay.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The chart in this repository, linted and rendered by the real Helm engine (helm-java). Values
 * go in as a values file (-f): helm-java's set() escapes list and map syntax.
 */
final class Chart {

  /** The chart directory, from this module's directory (where Maven runs its tests). */
  static final Path DIR = Path.of("flight-delay-operator").toAbsolutePath();
  static final String RELEASE = "flight-delay-operator";
  static final String NAMESPACE = "flight-delay";

  private Chart() {}

  static LintResult lint() {
    return new Helm(DIR).lint().strict().call();
  }

  /** helm template RELEASE DIR -n NAMESPACE -f (a file holding valuesYaml). */
  static Manifests template(String valuesYaml) {
    return template(NAMESPACE, valuesFile(valuesYaml));
  }

  static Manifests template(String namespace, Path valuesFile) {
    return Manifests.parse(new Helm(DIR).template().withName(RELEASE).withNamespace(namespace)
        .withValuesFile(valuesFile).call());
  }

  /** What Helm answers when it refuses the values: its error message. */
  static String refusal(String valuesYaml) {
    try {
      template(valuesYaml);
    } catch (IllegalStateException e) {
      return e.getMessage();
    }
    throw new AssertionError("Helm rendered the chart with values:\n" + valuesYaml);
  }

  static Path valuesFile(String yaml) {
    try {
      Path file = Files.createTempFile("values-", ".yaml");
      file.toFile().deleteOnExit();
      return Files.writeString(file, yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
