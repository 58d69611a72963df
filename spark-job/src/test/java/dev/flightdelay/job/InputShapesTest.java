package dev.flightdelay.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flightdelay.job.MonthlyFiles.Packing;
import dev.flightdelay.testing.FlightData;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job on the real nycflights13 data in the shapes people have it: a folder of monthly files
 * (plain, gzipped, zipped, columns in another order), a glob, a Windows export, and the ways a
 * download goes wrong.
 */
@ExtendWith(LocalSpark.class)
class InputShapesTest {

  @TempDir static Path dir;
  private static Path flights;
  private static Map<String, ReferenceStats.Carrier> reference;
  private static TreeMap<Integer, List<String>> months;

  @BeforeAll
  static void splitTheYearIntoMonths() throws IOException {
    flights = FlightData.require(FlightData.FLIGHTS_DF);
    reference = ReferenceStats.of(flights, 15);
    months = MonthlyFiles.byMonth(MonthlyFiles.lines(flights));
  }

  private static AnalysisResult analyse(SparkSession spark, String input) {
    return new FlightDelayAnalysis(spark, AirlineNames.builtIn()).run(JobOptions.of(input, null));
  }

  /** Months 1-4 plain, 5-8 gzipped, 9-12 zipped with a readme; even months with their columns reversed. */
  private static Path yearFolder(Path folder) throws IOException {
    Files.createDirectories(folder);
    for (var month : months.entrySet()) {
      int m = month.getKey();
      Packing packing = m <= 4 ? Packing.CSV : m <= 8 ? Packing.GZIP : Packing.ZIP;
      String name = String.format("flights-2013-%02d.csv%s", m, packing == Packing.GZIP ? ".gz" : "")
          .replace(".csv", packing == Packing.ZIP ? ".zip" : ".csv");
      List<String> lines = m % 2 == 0 ? MonthlyFiles.reversedColumns(month.getValue()) : month.getValue();
      MonthlyFiles.write(folder.resolve(name), lines, packing, "\n", false);
    }
    return folder;
  }

  @Test
  void readsEveryFileOfAFolderEachByItsOwnHeaderAndCountsRowsPerFile(SparkSession spark) throws IOException {
    Path folder = yearFolder(dir.resolve("year"));
    Files.writeString(folder.resolve("_SUCCESS"), "");

    AnalysisResult result = analyse(spark, folder.toString());

    assertThat(result.rowsRead()).isEqualTo(336_776);
    assertThat(result.rowsRejected()).isZero();
    ReferenceStats.assertAgrees(result, reference);
    assertThat(result.files()).hasSize(12);
    for (int m = 1; m <= 12; m++) {
      FileCount file = result.files().get(m - 1);
      assertThat(file.path()).contains(String.format("flights-2013-%02d", m));
      assertThat(file.rowsRead()).as("month %d", m).isEqualTo(months.get(m).size() - 1);
      assertThat(file.rowsRejected()).isZero();
    }
  }

  @Test
  void readsTheFilesAGlobMatches(SparkSession spark) throws IOException {
    Path folder = yearFolder(dir.resolve("glob"));

    AnalysisResult result = analyse(spark, folder.resolve("flights-2013-0[1-3].csv").toString());

    assertThat(result.files()).extracting(FileCount::rowsRead)
        .containsExactly((long) months.get(1).size() - 1, (long) months.get(2).size() - 1, (long) months.get(3).size() - 1);
    assertThat(result.rowsRead()).isEqualTo(months.get(1).size() + months.get(2).size() + months.get(3).size() - 3);
  }

  @Test
  void readsAByteOrderMarkAndCrlfExactlyAsThePlainFile(SparkSession spark) throws IOException {
    Path sample = FlightData.require(FlightData.MODERN_SAMPLE);
    List<String> lines = MonthlyFiles.lines(sample);
    Path plain = MonthlyFiles.write(dir.resolve("plain.csv"), lines, Packing.CSV, "\n", false);
    AnalysisResult expected = analyse(spark, plain.toString());

    for (Packing packing : Packing.values()) {
      String name = "windows-" + packing + (packing == Packing.GZIP ? ".csv.gz" : packing == Packing.ZIP ? ".zip" : ".csv");
      Path windows = MonthlyFiles.write(dir.resolve(name), lines, packing, "\r\n", true);

      AnalysisResult result = analyse(spark, windows.toString());

      assertThat(result.rowsRead()).as(name).isEqualTo(100_000).isEqualTo(expected.rowsRead());
      assertThat(result.rowsRejected()).as(name).isZero();
      assertThat(result.rejectedExamples()).as(name).isEmpty();
      assertThat(result.schema()).isEqualTo(expected.schema());
      ReferenceStats.assertAgrees(result, ReferenceStats.of(sample, 15));
    }
  }

  @Test
  void refusesAMissingPathAndAnEmptyFolderSayingSo(SparkSession spark) throws IOException {
    assertThatThrownBy(() -> analyse(spark, dir.resolve("no-such-file.csv").toString()))
        .isInstanceOf(InputNotFoundException.class)
        .hasMessageEndingWith("no-such-file.csv does not exist");
    Path empty = Files.createDirectories(dir.resolve("empty"));
    Files.writeString(empty.resolve(".hidden"), "carrier,arr_delay\nUA,1\n");
    assertThatThrownBy(() -> analyse(spark, empty.toString()))
        .isInstanceOf(InputNotFoundException.class)
        .hasMessageContaining("is an empty folder");
    assertThatThrownBy(() -> analyse(spark, dir.resolve("flights-1999-*.csv").toString()))
        .isInstanceOf(InputNotFoundException.class)
        .hasMessageContaining("no file matches");
  }

  @Test
  void saysAfterHowManyRowsAGzipOrZipWasCutShort(SparkSession spark) throws IOException {
    Path gz = MonthlyFiles.truncated(flights, dir.resolve("cut.csv.gz"), 0.5);
    assertThatThrownBy(() -> analyse(spark, gz.toString()))
        .isInstanceOf(DamagedInputException.class)
        .hasMessageContaining("cut.csv.gz is truncated or corrupt")
        .hasMessageMatching("(?s).*truncated after [1-9][0-9]{4,5} rows")
        .hasNoCause();

    Path zip = MonthlyFiles.write(dir.resolve("full.zip"), months.get(7), Packing.ZIP, "\n", false);
    Path cutZip = MonthlyFiles.truncated(zip, dir.resolve("cut.zip"), 0.6);
    assertThatThrownBy(() -> analyse(spark, cutZip.toString()))
        .isInstanceOf(DamagedInputException.class)
        .hasMessageMatching("(?s).*cut.zip is truncated or corrupt.*truncated after [1-9][0-9]+ rows");
  }

  @Test
  void refusesAGzipThatIsNotGzipAndAZipWithoutOneCsv(SparkSession spark) throws IOException {
    Path notGzip = Files.writeString(dir.resolve("not-really.csv.gz"), "carrier,arr_delay\nUA,1\n");
    assertThatThrownBy(() -> analyse(spark, notGzip.toString()))
        .isInstanceOf(DamagedInputException.class)
        .hasMessageContaining("not-really.csv.gz is damaged");

    Path noCsv = dir.resolve("no-csv.zip");
    Path twoCsv = dir.resolve("two-csv.zip");
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(noCsv))) {
      entry(zip, "readme.html", "<html></html>");
    }
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(twoCsv))) {
      entry(zip, "a.csv", "carrier,arr_delay\nUA,1\n");
      entry(zip, "b.csv", "carrier,arr_delay\nAA,2\n");
    }
    assertThatThrownBy(() -> analyse(spark, noCsv.toString()))
        .isInstanceOf(InputSchemaException.class).hasMessageContaining("holds no .csv file");
    assertThatThrownBy(() -> analyse(spark, twoCsv.toString()))
        .isInstanceOf(InputSchemaException.class).hasMessageContaining("holds more than one .csv file");
  }

  @Test
  void refusesParquetThatCannotBeDecoded(SparkSession spark) throws IOException {
    Path parquet = dir.resolve("broken.parquet");
    try (OutputStream out = Files.newOutputStream(parquet)) {
      out.write("PAR1".getBytes(StandardCharsets.US_ASCII));
      out.write(new byte[4096]);
      out.write(new byte[] {16, 0, 0, 0});
      out.write("PAR1".getBytes(StandardCharsets.US_ASCII));
    }

    assertThatThrownBy(() -> analyse(spark, parquet.toString()))
        .isInstanceOf(InputSchemaException.class)
        .hasMessageContaining("is not readable Parquet")
        .hasNoCause();
  }

  private static void entry(ZipOutputStream zip, String name, String text) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    zip.write(text.getBytes(StandardCharsets.UTF_8));
    zip.closeEntry();
  }
}
