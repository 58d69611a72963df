package dev.flightdelay.helm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flightdelay.operator.OperatorConfig;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionNames;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Walks the commands of a README section in order, as a new user runs them, checking each as far
 * as this machine can without a cluster or a Docker engine: helm commands render the chart of
 * this repository with their flags; images are the ones the Dockerfiles build and the chart
 * names; every file, resource kind and object named exists; kubectl patch --local runs with the
 * real kubectl. A command it does not know fails the walk: every command gets checked.
 */
final class InstallWalkthrough {

  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  /** One helm install or upgrade, rendered. */
  record Install(String release, String namespace, Manifests rendered, OperatorConfig config) {}

  private final Map<String, String> files;
  private final Map<String, CustomResourceDefinitionNames> kinds = new HashMap<>();
  private final Map<String, String> builtImages = new LinkedHashMap<>();
  private final Map<String, String> taggedImages = new LinkedHashMap<>();
  private final Set<String> namespaces = new HashSet<>(Set.of("default"));
  private final Map<String, Set<String>> secrets = new HashMap<>();
  private final Map<String, Set<String>> objects = new HashMap<>();
  private final List<Install> installs = new ArrayList<>();

  private InstallWalkthrough(Map<String, String> files) {
    this.files = files;
    for (Path crd : list(Chart.DIR.resolve("crds"))) {
      CustomResourceDefinitionNames names = read(crd, CustomResourceDefinition.class).getSpec().getNames();
      kinds.put(names.getKind(), names);
    }
  }

  static InstallWalkthrough walk(ShellScript script) {
    InstallWalkthrough walk = new InstallWalkthrough(script.files());
    for (int i = 0; i < script.commands().size(); i++) {
      try {
        walk.run(script.commands().get(i), script.lines().get(i));
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError("README command: " + script.lines().get(i) + "\n" + e.getMessage(), e);
      }
    }
    return walk;
  }

  List<Install> installs() {
    return installs;
  }

  Map<String, String> builtImages() {
    return builtImages;
  }

  Map<String, String> taggedImages() {
    return taggedImages;
  }

  private void run(List<String> words, String line) {
    String command = words.get(0) + " " + (words.size() > 1 ? words.get(1) : "");
    switch (command) {
      case "mvn -B" -> assertThat(words).contains("package");
      case "docker build" -> dockerBuild(words);
      case "docker tag" -> dockerTag(words);
      case "docker push" -> assertThat(taggedImages.values()).contains(words.get(2));
      case "kind load" -> assertThat(builtImages.values()).containsAll(words.subList(3, words.size()));
      case "minikube image" -> assertThat(builtImages.values()).contains(words.get(3));
      case "helm install", "helm upgrade" -> helm(words);
      case "helm uninstall" -> assertThat(installs).anyMatch(i -> i.release().equals(words.get(2))
          && i.namespace().equals(option(words, "--namespace", "-n")));
      default -> {
        if (words.get(0).equals("kubectl")) {
          kubectl(words, line);
        } else {
          throw new AssertionError("a command the README test does not know how to check: " + line);
        }
      }
    }
  }

  private void dockerBuild(List<String> words) {
    String image = option(words, "-t");
    Path context = ROOT.resolve(words.get(words.size() - 1));
    assertThat(context.resolve("Dockerfile")).as("Dockerfile of the build context").isRegularFile();
    assertThat(read(context.resolve("Dockerfile"))).as("the Dockerfile's own build command")
        .contains("docker build -t " + image + " " + words.get(words.size() - 1));
    builtImages.put(ROOT.relativize(context).toString(), image);
  }

  private void dockerTag(List<String> words) {
    assertThat(builtImages.values()).contains(words.get(2));
    assertThat(words.get(3)).endsWith("/" + words.get(2));
    taggedImages.put(words.get(2), words.get(3));
  }

  private void helm(List<String> words) {
    assertThat(ROOT.resolve(words.get(3))).isEqualTo(Chart.DIR);
    String namespace = option(words, "--namespace", "-n");
    if (words.contains("--create-namespace")) {
      namespaces.add(namespace);
    }
    assertThat(namespaces).as("namespaces made so far").contains(namespace);
    HelmValues values = new HelmValues();
    for (int i = 4; i < words.size(); i++) {
      switch (words.get(i)) {
        case "-f", "--values" -> values.file(files.get(words.get(++i)));
        case "--set" -> values.set(words.get(++i));
        case "--namespace", "-n" -> i++;
        case "--create-namespace", "--reuse-values" -> { }
        default -> throw new AssertionError("a helm flag the README test does not know: " + words.get(i));
      }
    }
    Manifests rendered = Chart.template(namespace, Chart.valuesFile(values.yaml()));
    Map<String, String> env = new HashMap<>(rendered.env());
    env.values().removeIf(v -> v == null);
    env.put(OperatorConfig.POD_NAMESPACE, namespace);
    OperatorConfig config = OperatorConfig.from(env, new String[0]);
    rendered.operatorContainer().getEnv().stream()
        .filter(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null)
        .filter(e -> !Boolean.TRUE.equals(e.getValueFrom().getSecretKeyRef().getOptional()))
        .forEach(e -> assertThat(secrets.get(namespace + "/" + e.getValueFrom().getSecretKeyRef().getName()))
            .as("Secret %s made in %s before the install", e.getValueFrom().getSecretKeyRef().getName(), namespace)
            .contains(e.getValueFrom().getSecretKeyRef().getKey()));
    installs.add(new Install(words.get(2), namespace, rendered, config));
  }

  private void kubectl(List<String> words, String line) {
    String namespace = option(words, "--namespace", "-n");
    List<String> args = new ArrayList<>(words.subList(1, words.size()));
    if (namespace != null) {
      args.remove(args.indexOf(namespace) - 1);
      args.remove(namespace);
    }
    String verb = args.get(0) + (args.get(0).equals("create") || args.get(0).equals("rollout") ? " " + args.get(1) : "");
    switch (verb) {
      case "create namespace" -> namespaces.add(args.get(2));
      case "create secret" -> {
        Set<String> keys = new HashSet<>();
        args.stream().filter(a -> a.startsWith("--from-literal=")).forEach(a -> keys.add(a.substring(15, a.indexOf('=', 15))));
        secrets.put((namespace == null ? "default" : namespace) + "/" + args.get(3), keys);
      }
      case "rollout status" -> {
        assertThat(args.get(2)).startsWith("deployment/");
        assertThat(installs).anyMatch(i -> i.namespace().equals(namespace)
            && i.rendered().deployment().getMetadata().getName().equals(args.get(2).substring("deployment/".length())));
      }
      case "apply" -> {
        if (args.get(2).equals("-")) {
          throw new AssertionError("kubectl apply -f - only after kubectl patch --local: " + line);
        }
        applied(ROOT.resolve(args.get(2)));
      }
      case "patch" -> patchLocal(args, line);
      case "wait" -> {
        String[] target = args.stream().filter(a -> !a.startsWith("--") && a.contains("/")).findFirst().orElseThrow().split("/");
        assertThat(objects.get(kindOf(target[0]))).as("%s applied before", target[0]).contains(target[1]);
        assertThat(args).contains("--for=condition=Ready");
      }
      case "get" -> assertThat(objects.get(kindOf(args.get(1)))).contains(args.get(2));
      case "delete" -> {
        if (args.get(1).equals("-f")) {
          assertThat(ROOT.resolve(args.get(2))).exists();
        } else {
          Stream.of(args.get(1).split(",")).forEach(InstallWalkthrough.this::kindOf);
          assertThat(args).contains("--all", "--all-namespaces");
        }
      }
      default -> throw new AssertionError("a kubectl command the README test does not know how to check: " + line);
    }
  }

  /** kubectl patch --local ... | kubectl apply -f -, its left side run with the real kubectl. */
  private void patchLocal(List<String> args, String line) {
    assertThat(args).contains("--local");
    assertThat(line).contains(" | kubectl apply -f -");
    String patched = kubectlOffline(line.substring(0, line.indexOf(" | kubectl apply -f -")));
    HasMetadata object = Serialization.unmarshal(patched);
    objects.computeIfAbsent(object.getKind(), k -> new HashSet<>()).add(object.getMetadata().getName());
    if (object.getKind().equals("DataBucket")) {
      Map<String, Object> spec = Serialization.jsonMapper().convertValue(Serialization.jsonMapper().valueToTree(object).get("spec"), Map.class);
      assertThat((String) spec.get("bucketName")).matches("[a-z0-9][a-z0-9-]{1,61}[a-z0-9]");
      @SuppressWarnings("unchecked")
      String secret = ((Map<String, String>) spec.get("credentialsSecretRef")).get("name");
      assertThat(secrets.get("default/" + secret)).as("Secret %s made before", secret).contains("accessKeyId", "secretAccessKey");
    }
  }

  private static String kubectlOffline(String command) {
    try {
      ProcessBuilder builder = new ProcessBuilder("bash", "-c", command).directory(ROOT.toFile()).redirectErrorStream(true);
      builder.environment().put("KUBECONFIG", "/dev/null");
      Process process = builder.start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).as("kubectl said: %s", output).isZero();
      return output;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void applied(Path path) {
    assertThat(path).exists();
    for (Path file : Files.isDirectory(path) ? list(path) : List.of(path)) {
      for (HasMetadata object : Manifests.parse(read(file)).resources()) {
        objects.computeIfAbsent(object.getKind(), k -> new HashSet<>()).add(object.getMetadata().getName());
      }
    }
  }

  /** The kind a kubectl resource name (plural, singular or short name) stands for, from the CRDs. */
  private String kindOf(String name) {
    return kinds.values().stream()
        .filter(n -> n.getPlural().equals(name) || n.getSingular().equals(name) || n.getShortNames().contains(name))
        .map(CustomResourceDefinitionNames::getKind).findFirst()
        .orElseThrow(() -> new AssertionError(name + " is no resource of the project's CRDs"));
  }

  private static String option(List<String> words, String... names) {
    for (String name : names) {
      int at = words.indexOf(name);
      if (at >= 0) {
        return words.get(at + 1);
      }
    }
    return null;
  }

  private static List<Path> list(Path directory) {
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(f -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static <T> T read(Path file, Class<T> type) {
    return Serialization.unmarshal(read(file), type);
  }
}
