package dev.flightdelay.operator.databucket;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.flightdelay.api.v1alpha1.DataBucket;
import dev.flightdelay.api.v1alpha1.DeletionPolicy;
import dev.flightdelay.api.v1alpha1.SeedObject;
import dev.flightdelay.operator.FaultProxy;
import dev.flightdelay.operator.OperatorHarness;
import dev.flightdelay.testing.MotoExtension;
import dev.flightdelay.testing.MotoServer;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Faults between the SDK and S3: a WireMock proxy in front of moto answers some requests with
 * 503 SlowDown, 500 or a reset connection. The SDK's retries and the operator's back-off must
 * still converge to one bucket with its data intact, and a refusal must not be retried hot.
 */
@ExtendWith(MotoExtension.class)
class DataBucketFaultTest {

  @AutoClose
  private FaultProxy faults;
  private WireMockServer proxy;
  @AutoClose
  private OperatorHarness harness;

  @BeforeEach
  void startProxy(MotoServer moto) {
    faults = FaultProxy.in(moto);
    proxy = faults.server();
  }

  private URI proxyEndpoint() {
    return faults.endpoint();
  }

  private static String s3Error(String code) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>" + code
        + " injected by the test proxy</Message></Error>";
  }

  private void failFirst(Supplier<MappingBuilder> request, String scenario, ResponseDefinitionBuilder... answers) {
    faults.failFirst(request, scenario, answers);
  }

  @Test
  void convergesThroughSlowDownServerErrorsAndResetConnections(MotoServer moto) {
    failFirst(() -> put(urlEqualTo("/faulty-bucket")), "create",
        aResponse().withStatus(503).withBody(s3Error("SlowDown")),
        aResponse().withStatus(500).withBody(s3Error("InternalError")));
    failFirst(() -> get(urlPathEqualTo("/faulty-bucket")).withQueryParam("encryption", matching(".*")),
        "encryption", aResponse().withStatus(503).withBody(s3Error("SlowDown")));
    failFirst(() -> put(urlPathEqualTo("/faulty-bucket/readme.txt")), "upload",
        aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
        aResponse().withStatus(500).withBody(s3Error("InternalError")));
    harness = OperatorHarness.startWithS3At(proxyEndpoint(), DataBucketController.NONE);
    SeedObject seed = DataBuckets.configMapSeed(harness.client(), "notes", "readme.txt", "every byte counts");

    DataBuckets.create(harness.client(), "faulty", s -> {
      s.setBucketName("faulty-bucket");
      s.setSeed(List.of(seed));
    });
    DataBucket ready = DataBuckets.awaitReady(harness.client(), "faulty");

    assertThat(ready.getStatus().getSeeds()).singleElement().satisfies(s -> assertThat(s.getBytesLoaded()).isEqualTo(17));
    try (S3Client s3 = moto.s3()) {
      assertThat(s3.listBuckets().buckets()).extracting(b -> b.name()).containsExactly("faulty-bucket");
      assertThat(s3.getObjectAsBytes(g -> g.bucket("faulty-bucket").key("readme.txt")).asUtf8String()).isEqualTo("every byte counts");
    }
    assertThat(proxy.findAll(putRequestedFor(urlEqualTo("/faulty-bucket")))).as("CreateBucket: two faults, then created").hasSize(3);
    assertThat(proxy.findAll(putRequestedFor(urlEqualTo("/faulty-bucket/readme.txt")))).as("PutObject: reset, 500, then stored").hasSize(3);
  }

  @Test
  void doesNotRetryAccessDeniedHot(MotoServer moto) throws InterruptedException {
    proxy.stubFor(get(urlPathMatching("/denied-bucket/?")).atPriority(1)
        .willReturn(aResponse().withStatus(403).withBody(s3Error("AccessDenied"))));
    harness = OperatorHarness.startWithS3At(proxyEndpoint(), DataBucketController.NONE);
    Instant start = Instant.now();

    DataBuckets.create(harness.client(), "denied", s -> s.setBucketName("denied-bucket"));
    DataBucket refused = DataBuckets.awaitReason(harness.client(), "denied", "AccessDenied");
    Thread.sleep(Duration.ofSeconds(25).toMillis());

    long seconds = Duration.between(start, Instant.now()).toSeconds();
    int attempts = proxy.findAll(anyRequestedFor(urlPathMatching("/denied-bucket/?"))).size();
    // Back-off: 10 s after the first failure, then twice the time it has been failing.
    assertThat(attempts).as("requests in %d s", seconds).isBetween(2, 3);
    assertThat(refused.getStatus().getPhase()).hasToString("Failed");
    assertThat(refused.getStatus().condition("Ready").orElseThrow().getMessage()).contains("AccessDenied");
  }

  @Test
  void leavesTheBucketBehindWhenDeletingKeepsFailingInsteadOfHoldingTheResource(MotoServer moto) {
    harness = OperatorHarness.startWithS3At(proxyEndpoint(), DataBucketController.NONE);
    DataBuckets.create(harness.client(), "stuck", s -> {
      s.setBucketName("stuck-bucket");
      s.setDeletionPolicy(DeletionPolicy.Delete);
    });
    DataBuckets.awaitReady(harness.client(), "stuck");
    proxy.stubFor(delete(urlPathMatching("/stuck-bucket/?")).atPriority(1)
        .willReturn(aResponse().withStatus(500).withBody(s3Error("InternalError"))));

    harness.client().resources(DataBucket.class).inNamespace(OperatorHarness.NAMESPACE).withName("stuck").delete();

    // The harness's policy lets go after 5 s; the SDK's own retries of each attempt come on top.
    await().atMost(Duration.ofSeconds(60)).until(
        () -> harness.client().resources(DataBucket.class).inNamespace(OperatorHarness.NAMESPACE).withName("stuck").get() == null);
    try (S3Client s3 = moto.s3()) {
      assertThat(s3.listBuckets().buckets()).extracting(b -> b.name()).contains("stuck-bucket");
    }
    assertThat(proxy.findAll(deleteRequestedFor(urlPathMatching("/stuck-bucket/?")))).isNotEmpty();
    assertThat(harness.client().v1().events().inNamespace(OperatorHarness.NAMESPACE).list().getItems())
        .anyMatch(e -> "BucketLeftBehind".equals(e.getReason()) && e.getMessage().contains("InternalError"));
  }
}

