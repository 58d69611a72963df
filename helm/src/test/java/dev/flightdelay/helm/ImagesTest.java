package dev.flightdelay.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The chart, the images and the build share one version, and the pod runs as the image's user. */
class ImagesTest {

  @Test
  void theChartAndItsImagesCarryTheProjectsVersion() throws IOException {
    JsonNode chart = new YAMLMapper().readTree(Chart.DIR.resolve("Chart.yaml").toFile());
    String version = System.getProperty("flightdelay.version");

    assertThat(chart.path("version").asText()).isEqualTo(version);
    assertThat(chart.path("appVersion").asText()).isEqualTo(version);
  }

  @Test
  void thePodRunsAsTheUserOfTheOperatorImage() throws IOException {
    String user = Files.readAllLines(Path.of("..", "operator", "Dockerfile")).stream().filter(l -> l.startsWith("USER "))
        .reduce((first, last) -> last).orElseThrow().substring("USER ".length());
    PodSecurityContext pod = Chart.template("").deployment().getSpec().getTemplate().getSpec().getSecurityContext();

    assertThat(pod.getRunAsUser() + ":" + pod.getRunAsGroup()).isEqualTo(user);
  }
}
