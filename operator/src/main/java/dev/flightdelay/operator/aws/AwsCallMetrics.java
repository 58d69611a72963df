package dev.flightdelay.operator.aws;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts AWS calls per service and operation, and their failures, as the Prometheus metrics
 * flightdelay_aws_calls_total and flightdelay_aws_call_errors_total. Each SDK call counts once,
 * whatever its retries.
 */
public final class AwsCallMetrics implements ExecutionInterceptor {

  private final MeterRegistry registry;
  private final AtomicLong calls = new AtomicLong();

  public AwsCallMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Calls made since start, for tests and logs. */
  public long calls() {
    return calls.get();
  }

  @Override
  public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
    count(attributes);
  }

  @Override
  public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
    count(attributes);
    registry.counter("flightdelay.aws.call.errors", "service", service(attributes), "operation", operation(attributes),
        "error", context.exception().getClass().getSimpleName()).increment();
  }

  private void count(ExecutionAttributes attributes) {
    calls.incrementAndGet();
    registry.counter("flightdelay.aws.calls", "service", service(attributes), "operation", operation(attributes)).increment();
  }

  private static String service(ExecutionAttributes attributes) {
    String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
    return service == null ? "unknown" : service;
  }

  private static String operation(ExecutionAttributes attributes) {
    String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    return operation == null ? "unknown" : operation;
  }
}
