package dev.flightdelay.operator.databucket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flightdelay.api.v1alpha1.SeedObject;
import dev.flightdelay.operator.OperatorHarness;
import dev.flightdelay.testing.MotoExtension;
import dev.flightdelay.testing.MotoServer;
import io.micrometer.core.instrument.Counter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** When nothing drifted, a reconcile only reads: a handful of calls, no writes. */
@ExtendWith(MotoExtension.class)
class DataBucketSteadyStateTest {

  @AutoClose
  private OperatorHarness harness;

  private Map<String, Double> callsByOperation() {
    Map<String, Double> calls = new TreeMap<>();
    for (Counter counter : harness.registry().find("flightdelay.aws.calls").counters()) {
      calls.merge(counter.getId().getTag("operation"), counter.count(), Double::sum);
    }
    return calls;
  }

  @Test
  void readsAHandfulAndWritesNothingWhenNothingDrifted(MotoServer moto) throws InterruptedException {
    harness = OperatorHarness.start(moto);
    SeedObject seed = DataBuckets.configMapSeed(harness.client(), "notes", "readme.txt", "hi");
    DataBuckets.create(harness.client(), "steady", s -> {
      s.setBucketName("steady-bucket");
      s.setSeed(List.of(seed));
    });
    DataBuckets.awaitReady(harness.client(), "steady");
    Thread.sleep(2500);
    Map<String, Double> before = callsByOperation();

    Thread.sleep(7000);

    Map<String, Double> during = new TreeMap<>();
    callsByOperation().forEach((op, n) -> {
      double delta = n - before.getOrDefault(op, 0.0);
      if (delta > 0) {
        during.put(op, delta);
      }
    });
    double reconciles = during.getOrDefault("GetBucketVersioning", 0.0);
    double total = during.values().stream().mapToDouble(Double::doubleValue).sum();
    System.out.printf("steady state: %.0f reconciles, %.1f AWS calls each: %s%n", reconciles, total / reconciles, during);
    assertThat(reconciles).as("resyncs every 2 s").isGreaterThanOrEqualTo(2);
    assertThat(during.keySet()).as("no writes").allMatch(op -> op.startsWith("Get") || op.startsWith("Head") || op.startsWith("List"));
    assertThat(total / reconciles).as("calls per reconcile").isLessThanOrEqualTo(7);
  }
}
