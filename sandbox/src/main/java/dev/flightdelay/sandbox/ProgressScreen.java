package dev.flightdelay.sandbox;

import dev.flightdelay.api.v1alpha1.DataBucket;
import dev.flightdelay.api.v1alpha1.DelayAnalysis;
import dev.flightdelay.api.v1alpha1.DelayAnalysisStatus;
import dev.flightdelay.api.v1alpha1.SeedStatus;
import dev.flightdelay.api.v1alpha1.SparkHost;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The run on one screen: each resource's phase, the seed bytes loaded of their total, and the
 * Spark run. On a terminal the block is redrawn in place; elsewhere (a log, a pipe) each line is
 * printed when it changes.
 */
final class ProgressScreen {

  private final PrintStream out;
  private final boolean terminal;
  private List<String> shown = List.of();
  private Instant runningSince;

  ProgressScreen(PrintStream out, boolean terminal) {
    this.out = out;
    this.terminal = terminal;
  }

  /** Shows the resources as they are now (any may be null: not created yet). */
  void show(DataBucket bucket, DelayAnalysis analysis, SparkHost host, Instant now) {
    List<String> lines = lines(bucket, analysis, host, now);
    if (lines.equals(shown)) {
      return;
    }
    if (terminal) {
      if (!shown.isEmpty()) {
        out.print("\033[" + shown.size() + "F");
      }
      lines.forEach(line -> out.print(line + "\033[K\n"));
    } else {
      for (int i = 0; i < lines.size(); i++) {
        if (i >= shown.size() || !lines.get(i).equals(shown.get(i))) {
          out.println(lines.get(i));
        }
      }
    }
    out.flush();
    shown = lines;
  }

  List<String> lines(DataBucket bucket, DelayAnalysis analysis, SparkHost host, Instant now) {
    List<String> lines = new ArrayList<>();
    lines.add(row("DataBucket", bucket, bucket == null || bucket.getStatus() == null || bucket.getStatus().getPhase() == null
        ? null : bucket.getStatus().getPhase().name(), bucket == null ? "" : seeds(bucket)));
    DelayAnalysisStatus status = analysis == null ? null : analysis.getStatus();
    String phase = status == null || status.getPhase() == null ? null : status.getPhase().name();
    lines.add(row("DelayAnalysis", analysis, phase, analysis == null ? "" : reason(analysis.getStatus() == null
        ? null : analysis.getStatus().condition("Ready").orElse(null), phase)));
    lines.add(String.format("%-40s %s", "Spark run", spark(status, now)));
    if (host != null) {
      lines.add(row("SparkHost", host, host.getStatus() == null || host.getStatus().getPhase() == null
          ? null : host.getStatus().getPhase().name(), ""));
    }
    return lines;
  }

  private static String row(String kind, HasMetadata object, String phase, String detail) {
    String name = kind + "/" + (object == null ? "" : object.getMetadata().getName());
    return String.format("%-40s %-15s %s", name, object == null ? "-" : phase == null ? "Pending" : phase, detail).stripTrailing();
  }

  private static String seeds(DataBucket bucket) {
    if (bucket.getStatus() == null || bucket.getStatus().getSeeds() == null) {
      return "";
    }
    return bucket.getStatus().getSeeds().stream().map(ProgressScreen::seed).collect(Collectors.joining(", "));
  }

  private static String seed(SeedStatus seed) {
    String state = seed.getState() == null ? "pending" : seed.getState().name().toLowerCase(Locale.ROOT);
    if (seed.getState() == SeedStatus.State.Loading || seed.getState() == SeedStatus.State.Loaded) {
      return String.format(Locale.ROOT, "%s %s of %s", seed.getKey(), megabytes(seed.getBytesLoaded()),
          megabytes(seed.getBytesTotal()));
    }
    return seed.getKey() + " " + state + (seed.getReason() == null ? "" : " (" + seed.getReason() + ")");
  }

  private static String megabytes(Long bytes) {
    return bytes == null ? "?" : String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
  }

  /** Why it is not Ready, while it waits or after it failed. */
  private static String reason(Condition ready, String phase) {
    if (ready == null || "True".equals(ready.getStatus()) || "Running".equals(phase) || "Submitted".equals(phase)) {
      return "";
    }
    return ready.getReason() == null ? "" : ready.getReason();
  }

  private String spark(DelayAnalysisStatus status, Instant now) {
    if (status == null || status.getPhase() == null || status.getApplicationId() == null) {
      runningSince = null;
      return "not started";
    }
    String attempt = status.getApplicationId() + ", attempt " + status.getAttempts();
    return switch (status.getPhase()) {
      case Submitted, Running -> {
        if (runningSince == null) {
          runningSince = now;
        }
        // a counter would print a line a second where the screen cannot be redrawn
        yield terminal ? String.format(Locale.ROOT, "%s, local driver running for %d s", attempt,
            Duration.between(runningSince, now).toSeconds()) : attempt + ", local driver running";
      }
      case Succeeded -> String.format(Locale.ROOT, "%s, succeeded: %,d rows read, %,d rejected", attempt,
          status.getRowsRead(), status.getRowsRejected());
      default -> attempt + ", " + status.getPhase().name().toLowerCase(Locale.ROOT);
    };
  }
}
