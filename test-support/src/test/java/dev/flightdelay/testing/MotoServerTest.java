package dev.flightdelay.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

@ExtendWith(MotoExtension.class)
class MotoServerTest {


  @Test
  void roundTripsAnObjectThroughTheSdk(MotoServer moto) {
    byte[] content = "carrier,dep_delay,arr_delay\nF9,12,21\n".getBytes();
    try (S3Client s3 = moto.s3()) {
      s3.createBucket(b -> b.bucket("round-trip"));
      s3.putObject(p -> p.bucket("round-trip").key("flights/small.csv"), RequestBody.fromBytes(content));

      byte[] read =
          s3.getObjectAsBytes(g -> g.bucket("round-trip").key("flights/small.csv")).asByteArray();

      assertThat(read).isEqualTo(content);
      assertThat(s3.headObject(h -> h.bucket("round-trip").key("flights/small.csv")).contentLength())
          .isEqualTo(content.length);
    }
  }

  @Test
  void resetForgetsEveryBucket(MotoServer moto) {
    try (S3Client s3 = moto.s3()) {
      s3.createBucket(b -> b.bucket("forgotten"));
      assertThat(s3.listBuckets().buckets()).hasSize(1);

      moto.reset();

      assertThat(s3.listBuckets().buckets()).isEmpty();
    }
  }

  @Test
  void startsWithACleanStateInEveryTest(MotoServer moto) {
    try (S3Client s3 = moto.s3()) {
      s3.createBucket(b -> b.bucket("leftover-check"));
    }
    // Another test made "round-trip" and "forgotten"; the extension reset moto before this one.
    try (S3Client s3 = moto.s3()) {
      assertThat(s3.listBuckets().buckets()).extracting(b -> b.name()).containsExactly("leftover-check");
    }
  }

  @Test
  void failsWithAnInstallHintWhenMotoIsMissing() {
    assertThatThrownBy(() -> MotoServer.start("/nonexistent/python3", Map.of()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("moto")
        .hasMessageContaining("pip install");
  }
}
