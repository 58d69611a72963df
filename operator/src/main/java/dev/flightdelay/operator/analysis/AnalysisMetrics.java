package dev.flightdelay.operator.analysis;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * flightdelay_analysis_submit_seconds: how long building and creating a driver takes;
 * flightdelay_analysis_runs_total{outcome}: runs that ended, by outcome.
 */
public final class AnalysisMetrics {

  private final MeterRegistry registry;
  private final Timer submit;

  public AnalysisMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.submit = Timer.builder("flightdelay.analysis.submit")
        .description("Time to build and create a driver (pod, or local process)")
        .publishPercentiles(0.5, 0.99)
        .register(registry);
  }

  public void submitted(Duration took) {
    submit.record(took);
  }

  public void runEnded(String outcome) {
    Counter.builder("flightdelay.analysis.runs").description("DelayAnalysis runs that ended, by outcome")
        .tag("outcome", outcome).register(registry).increment();
  }
}
