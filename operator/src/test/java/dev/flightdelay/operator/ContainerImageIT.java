package dev.flightdelay.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No Docker engine here, so the Dockerfile is checked against the build: what it copies is what
 * `mvn package` produced, its layers hold what they say, and its entry point runs a main class
 * that exists, as a non-root user.
 */
class ContainerImageIT {

  private static final Path DOCKERFILE = Path.of("Dockerfile");

  @Test
  void buildsOnAJava17Runtime() throws IOException {
    assertThat(instructions("FROM")).isNotEmpty().allSatisfy(from -> assertThat(from).startsWith("eclipse-temurin:17-jre"));
  }

  @Test
  void copiesOnlyWhatThePackageBuiltAndTheBuildContextLetsThrough() throws IOException {
    List<String> sources = instructions("COPY").stream().filter(c -> !c.startsWith("--from="))
        .map(c -> c.split("\\s+")[0]).toList();

    assertThat(sources).containsExactlyInAnyOrder("target/lib/", "target/flight-delay-operator.jar");
    assertThat(Path.of("target", "flight-delay-operator.jar")).isRegularFile();
    assertThat(jars(Path.of("target", "lib"))).isNotEmpty();
    assertThat(Files.readAllLines(Path.of(".dockerignore"))).filteredOn(l -> l.startsWith("!"))
        .containsExactlyInAnyOrderElementsOf(sources.stream().map(s -> "!" + s).toList());
  }

  @Test
  void putsThisProjectsLibrariesInALayerOfTheirOwn() throws IOException {
    String sort = instructions("RUN").get(0);
    String pattern = sort.substring(sort.indexOf("/libraries/third-party/") + "/libraries/third-party/".length()).split("\\s+")[0];
    PathMatcher project = FileSystems.getDefault().getPathMatcher("glob:" + pattern);

    List<String> moved = jars(Path.of("target", "lib")).stream().filter(j -> project.matches(Path.of(j))).toList();
    assertThat(moved).isNotEmpty().allSatisfy(jar -> assertThat(jar).startsWith("flight-delay-"));
    assertThat(jars(Path.of("target", "lib"))).filteredOn(j -> !project.matches(Path.of(j)))
        .noneMatch(j -> j.startsWith("flight-delay-"));
  }

  @Test
  void entryPointRunsTheOperatorsMainClassFromTheCopiedJars() throws IOException {
    List<String> entryPoint = Arrays.stream(instructions("ENTRYPOINT").get(0).replaceAll("[\\[\\]\"]", "").split(","))
        .map(String::strip).toList();
    String mainClass = entryPoint.get(entryPoint.size() - 1);
    String classPath = entryPoint.get(entryPoint.indexOf("-cp") + 1);

    assertThat(mainClass).isEqualTo(Main.class.getName());
    try (JarFile jar = new JarFile(Path.of("target", "flight-delay-operator.jar").toFile())) {
      assertThat(jar.getEntry(mainClass.replace('.', '/') + ".class")).isNotNull();
    }
    assertThat(classPath.split(":")).containsExactly(
        "/opt/flight-delay-operator/flight-delay-operator.jar", "/opt/flight-delay-operator/lib/*");
    assertThat(instructions("WORKDIR")).containsExactly("/opt/flight-delay-operator");
    assertThat(instructions("COPY")).contains("target/flight-delay-operator.jar flight-delay-operator.jar",
        "--from=libraries /libraries/third-party/ lib/", "--from=libraries /libraries/project/ lib/");
  }

  @Test
  void runsAsANonRootUser() throws IOException {
    List<String> users = instructions("USER");

    assertThat(users.get(users.size() - 1)).matches("[1-9][0-9]*:[1-9][0-9]*");
  }

  /** The arguments of each instruction of that name, continuation lines joined. */
  private static List<String> instructions(String name) throws IOException {
    List<String> found = new ArrayList<>();
    String joined = Files.readString(DOCKERFILE).replaceAll("\\\\\\n\\s*", " ");
    for (String line : joined.lines().toList()) {
      if (line.startsWith(name + " ")) {
        found.add(line.substring(name.length() + 1).strip().replaceAll("\\s+AS \\w+$", ""));
      }
    }
    return found;
  }

  private static List<String> jars(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".jar")).toList();
    }
  }
}
