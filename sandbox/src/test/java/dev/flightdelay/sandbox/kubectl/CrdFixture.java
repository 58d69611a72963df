package dev.flightdelay.sandbox.kubectl;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The project's generated CRDs, as the crds jar carries them. */
final class CrdFixture {

  private CrdFixture() {}

  static CustomResourceDefinition load(String plural) {
    String resource = "META-INF/fabric8/" + plural + ".flightdelay.dev-v1.yml";
    try (InputStream in = CrdFixture.class.getClassLoader().getResourceAsStream(resource)) {
      return Serialization.unmarshal(in, CustomResourceDefinition.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
