package dev.flightdelay.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No Docker engine here, so the Dockerfile is checked against the build: the Spark version of the
 * base image, the jar names it copies, the non-root user.
 */
class ContainerImageIT {

  private static final Path DOCKERFILE = Path.of("Dockerfile");

  @Test
  void buildsOnTheOfficialSparkImageOfTheSameVersion() throws IOException {
    String sparkVersion = BuildInfo.property("spark.version");
    List<String> lines = Files.readAllLines(DOCKERFILE);

    assertThat(lines).contains("ARG SPARK_VERSION=" + sparkVersion, "FROM apache/spark:${SPARK_VERSION}");
  }

  @Test
  void copiesTheJobJarAndTheLibrariesThePackageBuilt() throws IOException {
    String dockerfile = Files.readString(DOCKERFILE);
    assertThat(dockerfile)
        .contains("COPY target/flight-delay-job.jar /opt/spark/jars/flight-delay-job.jar")
        .contains("COPY target/image-lib/*.jar /opt/spark/jars/");
    assertThat(Path.of("target", "flight-delay-job.jar")).isRegularFile();

    List<String> imageLib;
    try (Stream<Path> files = Files.list(Path.of("target", "image-lib"))) {
      imageLib = files.map(f -> f.getFileName().toString()).toList();
    }
    assertThat(imageLib)
        .contains("hadoop-aws-" + BuildInfo.property("hadoop.version") + ".jar")
        .anyMatch(name -> name.matches("s3-2\\.\\d+\\.\\d+\\.jar"))
        .anyMatch(name -> name.startsWith("jfreechart-"))
        .noneMatch(name -> name.startsWith("spark-") || name.startsWith("hadoop-client-"));
    assertThat(imageLib).as("sts, without which web identity (IRSA) credentials fail")
        .anyMatch(name -> name.matches("sts-2\\.\\d+\\.\\d+\\.jar"));
  }

  @Test
  void runsAsTheImagesNonRootUser() throws IOException {
    List<String> users = Files.readAllLines(DOCKERFILE).stream().filter(l -> l.startsWith("USER ")).toList();
    assertThat(users.get(users.size() - 1)).isEqualTo("USER 185");
  }
}
