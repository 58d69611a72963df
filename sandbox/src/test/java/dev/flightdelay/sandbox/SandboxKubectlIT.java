package dev.flightdelay.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flightdelay.testing.FlightData;
import dev.flightdelay.testing.MotoServer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sandbox as a playground: --keep-running on a user's own file (--data, another column
 * layout), driven with the real kubectl through README.md's commands, then stopped as Ctrl-C
 * stops it.
 */
class SandboxKubectlIT {

  private static final Pattern API_SERVER = Pattern.compile("API server (http://\\S+)");

  @Test
  void kubectlAppliesWaitsGetsDescribesAndDeletesInAKeptRunningSandbox(@TempDir Path dir) throws Exception {
    // named as a user's own R export would be, the same name as the quick start's object
    Path data = Files.copy(FlightData.require(FlightData.MODERN_SAMPLE), dir.resolve("flights.csv.gz"));
    try (MotoServer moto = MotoServer.start();
        SandboxProcess sandbox = SandboxProcess.start(dir.resolve("work"), "--keep-running", "--data", data.toString(),
            "--ec2-endpoint", moto.endpoint().toString())) {
      Kubectl kubectl = new Kubectl(sandbox.awaitKeptRunning(Duration.ofMinutes(4)));
      assertThat(sandbox.stdout()).contains("100,000 rows read, 0 rejected");

      Kubectl.Result get = kubectl.run("get", "dbk,dla");
      assertThat(get.exit()).as(get.toString()).isZero();
      assertThat(get.out()).containsPattern("NAME\\s+BUCKET\\s+PHASE\\s+OBJECTS\\s+READY\\s+AGE")
          .containsPattern("databucket.flightdelay.dev/nycflights13\\s+nycflights13-quickstart-change-me\\s+Ready\\s+\\d+\\s+True")
          .containsPattern("NAME\\s+PHASE\\s+MOST-DELAYED\\s+ATTEMPTS\\s+AGE")
          .containsPattern("delayanalysis.flightdelay.dev/nycflights13-delays\\s+Succeeded\\s+F9\\s+1\\s");

      Kubectl.Result host = kubectl.run("get", "sph", "-o", "jsonpath={.items[*].spec.dataBucketRef.name}");
      assertThat(host.out()).as("the SparkHost applied with --ec2-endpoint: " + host).isEqualTo("nycflights13");

      Kubectl.Result carriers = kubectl.run("get", "dla", "nycflights13-delays", "-o", "jsonpath={.status.carriers}");
      JsonNode ranking = new ObjectMapper().readTree(carriers.out());
      assertThat(ranking.size()).as(carriers.toString()).isGreaterThan(5);
      assertThat(ranking.get(0).path("rank").asInt()).isEqualTo(1);
      assertThat(ranking.get(0).path("carrier").asText()).isEqualTo("F9");

      Kubectl.Result describe = kubectl.run("describe", "dla", "nycflights13-delays");
      assertThat(describe.out()).as(describe.toString()).contains("Most Delayed Carrier:  F9")
          .containsPattern("Normal\\s+Succeeded\\s+.*flight-delay-operator\\s+most delayed carrier: F9 of 100000 flights");

      String key = kubectl.run("get", "dla", "nycflights13-delays", "-o", "jsonpath={.spec.key}").out();
      Kubectl.Result misspelt = kubectl.runWithInput(analysis("misspelt", key, "rankby: delayedShare"), "apply", "-f", "-");
      assertThat(misspelt.exit()).isNotZero();
      assertThat(misspelt.err()).contains("strict decoding error: unknown field \"spec.rankby\"");

      Kubectl.Result own = kubectl.runWithInput(analysis("by-delayed-share", key, "rankBy: delayedShare"), "apply", "-f", "-");
      assertThat(own.out()).as(own.toString()).contains("delayanalysis.flightdelay.dev/by-delayed-share created");
      Kubectl.Result wait = kubectl.run("wait", "--for=condition=Ready", "dla/by-delayed-share", "--timeout=2m");
      assertThat(wait.out()).as(wait.toString()).contains("delayanalysis.flightdelay.dev/by-delayed-share condition met");
      assertThat(kubectl.run("get", "dla", "by-delayed-share").out()).containsPattern("by-delayed-share\\s+Succeeded\\s+\\w\\w\\s+1\\s");
      String shares = kubectl.run("get", "dla", "by-delayed-share", "-o", "jsonpath={.status.carriers[*].delayedShare}").out();
      double[] byShare = java.util.Arrays.stream(shares.trim().split("\\s+")).mapToDouble(Double::parseDouble).toArray();
      assertThat(byShare).hasSizeGreaterThan(5);
      assertThat(byShare[0]).isGreaterThanOrEqualTo(byShare[1]).isGreaterThanOrEqualTo(byShare[byShare.length - 1]);

      Kubectl.Result delete = kubectl.run("delete", "dla", "by-delayed-share");
      assertThat(delete.out()).as(delete.toString()).contains("delayanalysis.flightdelay.dev \"by-delayed-share\" deleted");
      Kubectl.Result gone = kubectl.run("get", "dla", "by-delayed-share");
      assertThat(gone.exit()).isNotZero();
      assertThat(gone.err()).contains("NotFound");

      // the quick start as written (the sandbox had swapped in the --data file): back to nycflights13
      Kubectl.Result apply = kubectl.run("apply", "-f", "examples/quickstart/");
      assertThat(apply.out()).as(apply.toString()).contains("databucket.flightdelay.dev/nycflights13 configured",
          "delayanalysis.flightdelay.dev/nycflights13-delays configured");
      Kubectl.Result rerun = kubectl.run("wait", "--for=condition=Ready", "dla/nycflights13-delays", "--timeout=2m");
      assertThat(rerun.exit()).as(rerun.toString()).isZero();
      assertThat(kubectl.run("get", "dla", "nycflights13-delays", "-o",
          "jsonpath={.spec.key} {.status.rowsRead} {.status.mostDelayedCarrier}").out())
          .isEqualTo("nycflights13/flights.csv 336776 F9");

      URI api = URI.create(apiServer(sandbox.stdout()));
      assertThat(sandbox.stop(Duration.ofSeconds(30))).as("exit on SIGTERM").isIn(0, 143);
      assertThat(sandbox.processesOfWorkDir()).as("no Spark driver left running").isEmpty();
      assertThat(refused(api)).as("API port released").isTrue();
    }
  }

  private static String analysis(String name, String key, String rankBy) {
    return """
        apiVersion: flightdelay.dev/v1alpha1
        kind: DelayAnalysis
        metadata:
          name: %s
        spec:
          dataBucketRef:
            name: nycflights13
          key: %s
          %s
        """.formatted(name, key, rankBy);
  }

  static String apiServer(String stdout) {
    Matcher m = API_SERVER.matcher(stdout);
    assertThat(m.find()).as("API server line in\n" + stdout).isTrue();
    return m.group(1);
  }

  static boolean refused(URI endpoint) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), 2000);
      return false;
    } catch (ConnectException e) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
