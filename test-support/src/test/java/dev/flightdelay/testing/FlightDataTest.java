package dev.flightdelay.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

class FlightDataTest {

  @Test
  void findsEveryFileInTheDataFolderOfTheProjectRoot() {
    Path data = FlightData.dataDir();
    assertThat(data.getFileName()).hasToString("data");
    assertThat(data.resolveSibling(".ci")).isDirectory();
    for (String file : new String[] {FlightData.FLIGHTS_DF, FlightData.MODERN_SAMPLE, FlightData.AIRLINES}) {
      assertThat(FlightData.require(file)).startsWith(data).isNotEmptyFile();
    }
  }

  @Test
  void failsNamingThePathWhenAFileIsMissing() {
    assertThatThrownBy(() -> FlightData.require("nycflights13/not-in-the-repository.csv"))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining(FlightData.dataDir().resolve("nycflights13/not-in-the-repository.csv").toString())
        .hasMessageContaining("missing");
  }
}
