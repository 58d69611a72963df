package dev.flightdelay.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run that cannot succeed says why, exits non-zero and leaves nothing running. */
class SandboxFailureIT {

  @Test
  void aDataFileWithoutCarrierAndDelayColumnsExitsOneWithTheJobsMessage(@TempDir Path dir) throws Exception {
    Path data = Files.writeString(dir.resolve("no-flights.csv"), "a,b,c\n1,2,3\n4,5,6\n");
    try (SandboxProcess sandbox = SandboxProcess.start(dir.resolve("work"), "--data", data.toString())) {
      int exit = sandbox.waitFor(Duration.ofMinutes(4));
      assertThat(exit).as(sandbox.stdout() + sandbox.stderr()).isEqualTo(SandboxMain.FAILED);
      assertThat(sandbox.stderr()).contains("DelayAnalysis/nycflights13-delays failed: DriverFailed: ")
          .contains("local driver exited with code 3: no usable carrier and arrival delay columns");
      assertThat(sandbox.stdout()).doesNotContain("Carriers ranked by");
      assertThat(sandbox.processesOfWorkDir()).as("no Spark driver left running").isEmpty();
      assertThat(SandboxKubectlIT.refused(URI.create(SandboxKubectlIT.apiServer(sandbox.stdout()))))
          .as("API port released").isTrue();
    }
  }

  @Test
  void aDataFileThatDoesNotExistIsRefusedBeforeAnythingStarts(@TempDir Path dir) throws Exception {
    Path missing = dir.resolve("missing.csv");
    try (SandboxProcess sandbox = SandboxProcess.start(dir.resolve("work"), "--data", missing.toString())) {
      assertThat(sandbox.waitFor(Duration.ofSeconds(60))).isEqualTo(SandboxMain.USAGE);
      assertThat(sandbox.stderr()).startsWith("flight-delay-sandbox: --data " + missing + ": no such file");
      assertThat(sandbox.stdout()).doesNotContain("API server");
    }
  }
}
