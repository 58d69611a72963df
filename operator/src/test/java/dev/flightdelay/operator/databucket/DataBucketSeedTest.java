package dev.flightdelay.operator.databucket;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.flightdelay.api.v1alpha1.DataBucket;
import dev.flightdelay.api.v1alpha1.SeedObject;
import dev.flightdelay.api.v1alpha1.SeedStatus;
import dev.flightdelay.operator.OperatorHarness;
import dev.flightdelay.testing.FlightData;
import dev.flightdelay.testing.MotoExtension;
import dev.flightdelay.testing.MotoServer;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** Loading spec.seed objects: from a URL (multipart), a ConfigMap, another bucket; failures. */
@ExtendWith(MotoExtension.class)
class DataBucketSeedTest {

  private static final String AIRLINES = "carrier,name\nF9,Frontier Airlines Inc.\n";
  private static final String BTS = "Reporting_Airline,ArrDelay\nWN,5\n";

  @AutoClose
  private OperatorHarness harness;
  private HttpServer http;

  @AfterEach
  void stop() {
    if (http != null) {
      http.stop(0);
    }
  }

  private String serve(Path file) throws IOException {
    http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    http.createContext("/flights.csv.gz", exchange -> {
      exchange.sendResponseHeaders(200, Files.size(file));
      try (OutputStream out = exchange.getResponseBody()) {
        Files.copy(file, out);
      }
    });
    http.start();
    return "http://127.0.0.1:" + http.getAddress().getPort() + "/flights.csv.gz";
  }


  @Test
  void loadsFromAUrlInPartsFromAConfigMapAndFromAnotherBucket(MotoServer moto) throws Exception {
    Path flights = FlightData.require(FlightData.FLIGHTS_DF);
    String url = serve(flights);
    harness = OperatorHarness.start(moto);
    SeedObject airlines = DataBuckets.configMapSeed(harness.client(), "airlines", "airlines.csv", AIRLINES);
    try (S3Client s3 = moto.s3()) {
      s3.createBucket(b -> b.bucket("raw-drops"));
      s3.putObject(p -> p.bucket("raw-drops").key("bts/2023-01.csv"), RequestBody.fromString(BTS));
    }
    List<Long> progress = new CopyOnWriteArrayList<>();
    Watch watch = harness.client().resources(DataBucket.class).inNamespace(OperatorHarness.NAMESPACE).watch(new Watcher<>() {
      @Override
      public void eventReceived(Action action, DataBucket resource) {
        if (resource.getStatus() != null && resource.getStatus().getSeeds() != null) {
          resource.getStatus().getSeeds().stream()
              .filter(s -> s.getKey().equals("nycflights13/flights.csv.gz") && s.getState() == SeedStatus.State.Loading)
              .forEach(s -> progress.add(s.getBytesLoaded()));
        }
      }

      @Override
      public void onClose(WatcherException cause) {}
    });

    DataBuckets.create(harness.client(), "seeded", s -> {
      s.setBucketName("seeded-flights");
      s.setSeed(List.of(
          DataBuckets.urlSeed("nycflights13/flights.csv.gz", url),
          airlines,
          DataBuckets.s3Seed("bts/2023-01.csv", "s3://raw-drops/bts/2023-01.csv")));
    });
    DataBucket ready = DataBuckets.awaitReady(harness.client(), "seeded");
    watch.close();

    assertThat(ready.getStatus().getSeeds()).allSatisfy(s -> {
      assertThat(s.getState()).isEqualTo(SeedStatus.State.Loaded);
      assertThat(s.getBytesLoaded()).isEqualTo(s.getBytesTotal());
      assertThat(s.getAttempts()).isEqualTo(1);
    });
    assertThat(ready.getStatus().getObjects()).isEqualTo(3);
    try (S3Client s3 = moto.s3()) {
      byte[] loaded = s3.getObjectAsBytes(g -> g.bucket("seeded-flights").key("nycflights13/flights.csv.gz")).asByteArray();
      assertThat(sha256(loaded)).isEqualTo(sha256(Files.readAllBytes(flights)));
      assertThat(s3.headObject(h -> h.bucket("seeded-flights").key("nycflights13/flights.csv.gz")).eTag())
          .as("a multipart ETag ends in -<parts>").matches("\"?[0-9a-f]{32}-2\"?");
      assertThat(s3.getObjectAsBytes(g -> g.bucket("seeded-flights").key("airlines.csv")).asUtf8String())
          .contains("Frontier");
      assertThat(s3.getObjectAsBytes(g -> g.bucket("seeded-flights").key("bts/2023-01.csv")).asUtf8String())
          .startsWith("Reporting_Airline");
    }
    assertThat(progress).as("progress seen while loading").contains((long) MultipartUploader.MIN_PART_SIZE);
    assertThat(ready.getStatus().getBytes()).isEqualTo(Files.size(flights) + AIRLINES.length() + BTS.length());
  }

  @Test
  void marksABrokenUrlFailedAndRetriesItNoFasterThanTheBackOff(MotoServer moto) throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    harness = OperatorHarness.start(moto);
    SeedObject readme = DataBuckets.configMapSeed(harness.client(), "notes", "readme.txt", "hello");
    Instant start = Instant.now();
    DataBuckets.create(harness.client(), "broken", s -> {
      s.setBucketName("broken-seeds");
      s.setSeed(List.of(DataBuckets.urlSeed("missing.csv", "http://127.0.0.1:" + closedPort + "/missing.csv"), readme));
    });

    DataBucket failed = DataBuckets.awaitReason(harness.client(), "broken", "SeedFailed");
    SeedStatus broken = failed.getStatus().getSeeds().get(0);
    assertThat(broken.getState()).isEqualTo(SeedStatus.State.Failed);
    assertThat(broken.getReason()).contains("cannot connect");
    assertThat(failed.getStatus().getSeeds().get(1).getState()).isEqualTo(SeedStatus.State.Loaded);
    assertThat(failed.getStatus().condition("Ready").orElseThrow().getMessage()).contains("missing.csv");

    Thread.sleep(Duration.ofSeconds(8).toMillis());
    DataBucket later = DataBuckets.get(harness.client(), "broken");
    double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
    // Back-off 1 s, 2 s, 4 s, 8 s...: in about 8-10 s at most 4-5 attempts; a hot loop makes hundreds.
    assertThat(later.getStatus().getSeeds().get(0).getAttempts()).isBetween(2, 2 + (int) (Math.log(seconds) / Math.log(2)));
    assertThat(later.getStatus().getSeeds().get(1).getAttempts()).as("the loaded object is not loaded again").isEqualTo(1);
  }

  @Test
  void keepsOnlyContentWithTheChecksumTheSpecGives(MotoServer moto) throws Exception {
    harness = OperatorHarness.start(moto);
    String content = "carrier,name\nAS,Alaska Airlines Inc.\n";
    SeedObject right = DataBuckets.configMapSeed(harness.client(), "right", "right.csv", content);
    right.setSha256(sha256(content.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    SeedObject wrong = DataBuckets.configMapSeed(harness.client(), "wrong", "wrong.csv", content);
    wrong.setSha256("0".repeat(64));

    DataBuckets.create(harness.client(), "checked", s -> {
      s.setBucketName("checked-bucket");
      s.setSeed(List.of(right, wrong));
    });
    DataBucket failed = DataBuckets.awaitReason(harness.client(), "checked", "SeedFailed");

    assertThat(failed.getStatus().getSeeds().get(0).getState()).isEqualTo(SeedStatus.State.Loaded);
    assertThat(failed.getStatus().getSeeds().get(1).getState()).isEqualTo(SeedStatus.State.Failed);
    assertThat(failed.getStatus().getSeeds().get(1).getReason()).contains("sha256");
    try (S3Client s3 = moto.s3()) {
      assertThat(s3.headObject(h -> h.bucket("checked-bucket").key("right.csv")).metadata())
          .containsEntry("sha256", right.getSha256());
      assertThat(s3.listObjectsV2(l -> l.bucket("checked-bucket")).contents()).extracting(o -> o.key())
          .as("content that fails its checksum is never stored").containsExactly("right.csv");
    }
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  @Test
  void refusesARedirectToTheInstanceMetadataAddressAtConnectTime(MotoServer moto) throws IOException {
    http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    http.createContext("/flights.csv", exchange -> {
      exchange.getResponseHeaders().add("Location", "http://169.254.169.254/latest/meta-data/iam/security-credentials/");
      exchange.sendResponseHeaders(302, -1);
      exchange.close();
    });
    http.start();
    harness = OperatorHarness.start(moto);

    DataBuckets.create(harness.client(), "redirected", s -> {
      s.setBucketName("redirected-flights");
      s.setSeed(List.of(DataBuckets.urlSeed("flights.csv", "http://127.0.0.1:" + http.getAddress().getPort() + "/flights.csv")));
    });
    DataBucket failed = DataBuckets.awaitReason(harness.client(), "redirected", "SeedFailed");

    assertThat(failed.getStatus().getSeeds().get(0).getReason())
        .startsWith("spec.seed[0].url: host 169.254.169.254 resolves to 169.254.169.254, in 169.254.0.0/16");
    try (S3Client s3 = moto.s3()) {
      assertThat(s3.listObjectsV2(l -> l.bucket("redirected-flights")).contents()).isEmpty();
    }
  }
}
