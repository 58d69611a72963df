package dev.flightdelay.operator.sparkhost;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The user data as the instance's cloud-init will read it: checked by the real
 * {@code cloud-init schema}, its scripts by {@code shellcheck}, its notebook and Jupyter config
 * by Python (the Debian packages cloud-init and shellcheck; .ci/run installs them).
 */
class CloudConfigTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();
  /** cloud-init accepts unknown top-level keys silently: the ones we use are listed here. */
  private static final Set<String> KNOWN_KEYS =
      Set.of("package_update", "packages", "ssh_pwauth", "disable_root", "users", "write_files", "runcmd");
  private static final String TOKEN = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

  @TempDir
  Path dir;

  static Stream<Arguments> variants() {
    return Stream.of(
        Arguments.of("default", values("4.1.1", "3", 22, 8888, "ssh-rsa AAAAB3Nza flights/a", null)),
        Arguments.of("no Jupyter", values("4.1.1", "3", 22, null, "ssh-rsa AAAAB3Nza flights/a", null)),
        Arguments.of("no SSH", values("4.1.1", "3", null, 8888, null, null)),
        Arguments.of("SSH on 2222", values("4.1.1", "3", 2222, 8888, "ssh-rsa AAAAB3Nza flights/a", null)),
        Arguments.of("with a DataBucket", values("4.1.1", "3", 22, 8888, "ssh-rsa AAAAB3Nza flights/a", "flights-archive")),
        Arguments.of("Spark 3.5.3", values("3.5.3", "3", 22, 8888, "ssh-rsa AAAAB3Nza flights/a", null)));
  }

  private static CloudConfig.Values values(String spark, String hadoop, Integer ssh, Integer jupyter, String key, String bucket) {
    return new CloudConfig.Values("flights/notebook", spark, hadoop, ssh, jupyter, key, bucket, "eu-west-1", TOKEN, "c0ffee");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("variants")
  void rendersACloudConfigThatCloudInitAndShellcheckAccept(String variant, CloudConfig.Values values) throws Exception {
    String userData = new CloudConfig().render(values);
    Path file = dir.resolve("user-data.yaml");
    Files.writeString(file, userData);

    Result schema = run(List.of("cloud-init", "schema", "--config-file", file.toString()), null);
    assertThat(schema.exit()).as(schema.output()).isZero();
    assertThat(schema.output()).contains("Valid cloud-config");

    JsonNode config = YAML.readTree(userData);
    List<String> keys = new ArrayList<>();
    config.fieldNames().forEachRemaining(keys::add);
    assertThat(keys).isSubsetOf(KNOWN_KEYS);
    assertThat(userData).startsWith("#cloud-config\n").doesNotContain(TOKEN).doesNotContain("{{");

    List<JsonNode> files = new ArrayList<>();
    config.get("write_files").forEach(files::add);
    for (JsonNode written : files) {
      String content = written.get("content").asText();
      if (content.startsWith("#!")) {
        Path script = dir.resolve(Path.of(written.get("path").asText()).getFileName());
        Files.writeString(script, content);
        Result shellcheck = run(List.of("shellcheck", "--severity=style", script.toString()), null);
        assertThat(shellcheck.exit()).as(written.get("path").asText() + ":\n" + shellcheck.output()).isZero();
      }
    }
    JsonNode env = files.stream().filter(f -> f.get("path").asText().equals("/etc/flightdelay/sparkhost.env")).findFirst().orElseThrow();
    assertThat(env.get("content").asText()).contains("SPARK_VERSION=" + values.sparkVersion() + "\n",
        "HADOOP_VERSION=" + values.hadoopVersion() + "\n",
        "SSH_PORT=" + (values.sshPort() == null ? "" : values.sshPort()) + "\n",
        "JUPYTER_PORT=" + (values.jupyterPort() == null ? "" : values.jupyterPort()) + "\n",
        "DATA_BUCKET=" + (values.bucket() == null ? "" : values.bucket()) + "\n");
    assertThat(files).extracting(f -> f.get("path").asText()).contains("/home/spark/notebooks/flight-delays.ipynb");
    if (values.jupyterPort() == null) {
      assertThat(files).extracting(f -> f.get("path").asText()).doesNotContain("/etc/systemd/system/jupyter.service");
    }
    JsonNode spark = config.get("users").get(1);
    assertThat(spark.get("name").asText()).isEqualTo("spark");
    assertThat(spark.has("ssh_authorized_keys")).isEqualTo(values.publicKey() != null);
  }

  @Test
  void theStarterNotebookIsNbformat4WithPythonThatParses() throws Exception {
    JsonNode config = YAML.readTree(new CloudConfig().render(values("4.1.1", "3", 22, 8888, null, "flights-archive")));
    JsonNode notebook = JSON.readTree(content(config, "/home/spark/notebooks/flight-delays.ipynb"));

    assertThat(notebook.get("nbformat").asInt()).isEqualTo(4);
    assertThat(notebook.get("nbformat_minor").asInt()).isGreaterThanOrEqualTo(5);
    assertThat(notebook.get("metadata").get("kernelspec").get("language").asText()).isEqualTo("python");
    StringBuilder code = new StringBuilder();
    Set<String> ids = new java.util.HashSet<>();
    for (JsonNode cell : notebook.get("cells")) {
      assertThat(cell.get("cell_type").asText()).isIn("markdown", "code");
      assertThat(ids.add(cell.get("id").asText())).as("cell ids are unique").isTrue();
      assertThat(cell.get("source").isArray()).isTrue();
      if (cell.get("cell_type").asText().equals("code")) {
        assertThat(cell.get("outputs").isArray()).isTrue();
        assertThat(cell.has("execution_count")).isTrue();
        cell.get("source").forEach(line -> code.append(line.asText()));
        code.append('\n');
      }
    }
    Result parsed = run(List.of("python3", "-c", "import ast, sys; ast.parse(sys.stdin.read())"), code.toString());
    assertThat(parsed.exit()).as(parsed.output()).isZero();
    assertThat(code).contains("practice_data", "findspark.init()", "arr_delay", "groupBy(\"carrier\")", "F.desc(\"mean_arrival_delay\")");
  }

  @Test
  void theJupyterConfigIsPythonWhosePasswordHashTheTokenMatchesAsJupyterChecksIt() throws Exception {
    JsonNode config = YAML.readTree(new CloudConfig().render(values("4.1.1", "3", 22, 8443, null, null)));
    String jupyterConfig = content(config, "/home/spark/.jupyter/jupyter_server_config.py");

    assertThat(jupyterConfig).contains("c.ServerApp.port = 8443", "c.ServerApp.certfile", "c.IdentityProvider.token = \"\"");
    // jupyter_server.auth.security.passwd_check, for hashes that are not argon2.
    String check = String.join("\n",
        "import hashlib, sys",
        "class Config:",
        "    def __getattr__(self, name):",
        "        value = Config()",
        "        object.__setattr__(self, name, value)",
        "        return value",
        "c = Config()",
        "get_config = lambda: c",
        "exec(sys.stdin.read())",
        "algorithm, salt, digest = c.PasswordIdentityProvider.hashed_password.split(':', 2)",
        "h = hashlib.new(algorithm)",
        "h.update(sys.argv[1].encode('utf-8') + salt.encode('ascii'))",
        "sys.exit(0 if h.hexdigest() == digest else 3)");
    assertThat(run(List.of("python3", "-c", check, TOKEN), jupyterConfig).exit()).isZero();
    assertThat(run(List.of("python3", "-c", check, "not-the-token"), jupyterConfig).exit()).isEqualTo(3);
  }

  private static String content(JsonNode config, String path) {
    for (JsonNode file : config.get("write_files")) {
      if (file.get("path").asText().equals(path)) {
        return file.get("content").asText();
      }
    }
    throw new AssertionError("no file " + path + " in the user data");
  }

  private record Result(int exit, String output) {}

  private static Result run(List<String> command, String input) throws IOException, InterruptedException {
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new AssertionError(command.get(0) + " is needed by this test (Debian: apt-get install -y cloud-init shellcheck;"
          + " .ci/run installs them)", e);
    }
    try (var stdin = process.getOutputStream()) {
      if (input != null) {
        stdin.write(input.getBytes(StandardCharsets.UTF_8));
      }
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Result(process.waitFor(), output);
  }
}
