package dev.flightdelay.operator.databucket;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Messages about a seed URL never carry its credentials or a presigned URL's signature. */
class SeedUrlShownTest {

  @Test
  void dropsUserInfoQueryAndFragment() {
    assertThat(SeedHttpFetcher.shown("https://alice:s3cret@data.example:8443/flights/2013.csv?X-Amz-Signature=abc123#top"))
        .isEqualTo("https://data.example:8443/flights/2013.csv");
  }

  @Test
  void keepsAPlainUrlAsItIs() {
    assertThat(SeedHttpFetcher.shown("https://data.example/flights.csv.gz")).isEqualTo("https://data.example/flights.csv.gz");
  }

  @Test
  void showsNoPartOfAUrlItCannotParse() {
    assertThat(SeedHttpFetcher.shown("https://exa mple/x?token=abc")).doesNotContain("abc");
  }
}
