package dev.flightdelay.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The product demo: the README's one command, on the repository's nycflights13 table. */
class SandboxQuickstartIT {

  private static final Pattern RANK_ROW = Pattern.compile(
      "^\\s+(\\d+)\\s+(\\w\\w)\\s+.+?\\s+(\\d+)\\s+(\\d+)\\s+(-?\\d+\\.\\d\\d)\\s+.*%$");

  @Test
  void ranksTheNycflights13CarriersPrintsTheChartAndExitsZero(@TempDir Path dir) throws Exception {
    Path workDir = dir.resolve("work");
    try (SandboxProcess sandbox = SandboxProcess.start(workDir)) {
      int exit = sandbox.waitFor(Duration.ofMinutes(5));
      String out = sandbox.stdout();
      assertThat(exit).as("exit code; stderr:\n" + sandbox.stderr() + "\nstdout:\n" + out).isZero();

      List<String[]> rows = Arrays.stream(out.split("\n")).map(RANK_ROW::matcher).filter(Matcher::matches)
          .map(m -> new String[] {m.group(1), m.group(2), m.group(4), m.group(5)}).toList();
      assertThat(rows).as("all 16 carriers of nycflights13, ranked").hasSize(16);
      assertThat(rows.get(0)).containsExactly("1", "F9", "681", "21.92");
      assertThat(rows.get(15)).containsExactly("16", "AS", "709", "-9.93");
      assertThat(out).contains("336,776 rows read, 0 rejected");

      Path chart = printedPath(out, "chart:");
      assertThat(chart).startsWith(workDir).isRegularFile().hasFileName("delays.png");
      byte[] png = Files.readAllBytes(chart);
      assertThat(Arrays.copyOf(png, 4)).containsExactly((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
      Path results = printedPath(out, "on disk:");
      assertThat(Files.readString(results)).contains("\"mostDelayedCarrier\" : \"F9\"");
      assertThat(out).containsPattern("timings: [0-9.]+ s in all: API \\+ S3 start");

      assertThat(sandbox.processesOfWorkDir()).as("no Spark driver left running").isEmpty();
    }
  }

  private static Path printedPath(String out, String label) {
    Matcher m = Pattern.compile("^\\s*" + Pattern.quote(label) + "\\s+(\\S+)$", Pattern.MULTILINE).matcher(out);
    assertThat(m.find()).as(label + " in\n" + out).isTrue();
    return Path.of(m.group(1));
  }
}
