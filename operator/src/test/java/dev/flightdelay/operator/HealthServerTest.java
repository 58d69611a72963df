package dev.flightdelay.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flightdelay.testing.MotoExtension;
import dev.flightdelay.testing.MotoServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The endpoints a Deployment's probes and Prometheus scrape. */
@ExtendWith(MotoExtension.class)
class HealthServerTest {

  private static HttpResponse<String> get(int port, String path) throws Exception {
    return HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void answersHealthReadinessAndPrometheusMetrics(MotoServer moto) throws Exception {
    try (OperatorHarness harness = OperatorHarness.start(moto);
        HealthServer health = new HealthServer(0, harness.operator()::isReady, harness.registry())) {
      health.start();
      dev.flightdelay.operator.databucket.DataBucketTestAccess.createAndAwaitReady(harness, "metered", "metered-bucket");

      assertThat(get(health.port(), "/healthz").statusCode()).isEqualTo(200);
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(get(health.port(), "/readyz").statusCode()).isEqualTo(200));
      String metrics = get(health.port(), "/metrics").body();
      assertThat(metrics)
          .contains("flightdelay_aws_calls_total{operation=\"CreateBucket\",service=\"S3\"}")
          .containsPattern("operator_sdk_reconciliations_(executions|success)[a-z_]*\\{[^}]*\\}");
    }
  }

  @Test
  void isNotReadyBeforeTheOperatorStarts() throws Exception {
    try (HealthServer health = new HealthServer(0, () -> false,
        new io.micrometer.prometheusmetrics.PrometheusMeterRegistry(io.micrometer.prometheusmetrics.PrometheusConfig.DEFAULT))) {
      health.start();
      assertThat(get(health.port(), "/readyz").statusCode()).isEqualTo(503);
      assertThat(get(health.port(), "/healthz").statusCode()).isEqualTo(200);
    }
  }
}
