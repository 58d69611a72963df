package dev.flightdelay.job;

import dev.flightdelay.testing.MotoServer;
import java.util.Map;

/** The S3A settings that point at a moto server; credentials are each test's own business. */
final class MotoS3a {

  private MotoS3a() {}

  static Map<String, String> endpointSettings(MotoServer moto) {
    return Map.of(
        "fs.s3a.endpoint", moto.endpoint().toString(),
        "fs.s3a.endpoint.region", moto.region(),
        "fs.s3a.path.style.access", "true",
        "fs.s3a.connection.ssl.enabled", "false");
  }
}
