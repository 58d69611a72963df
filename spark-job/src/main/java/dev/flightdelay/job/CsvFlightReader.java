package dev.flightdelay.job;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.SerializableConfiguration;

/**
 * Reads CSV input files (plain, compressed or zipped, any Hadoop file system) across the cluster
 * and adds them up with {@link CsvFlightScanner}: each file's header is resolved on its own, plain
 * files are split at line ends into pieces of at most {@link #MAX_SPLIT_BYTES}, and each task
 * scans the bytes of its piece straight from the file system, with no String per line.
 */
final class CsvFlightReader {

  static final long MAX_SPLIT_BYTES = 32L << 20;
  private static final long MIN_SPLIT_BYTES = 1L << 20;

  private final SparkSession spark;

  CsvFlightReader(SparkSession spark) {
    this.spark = spark;
  }

  /** One piece of one file for one task. */
  private record Split(int file, String path, long start, long end, boolean whole, CsvFlightScanner scanner)
      implements Serializable {}

  /**
   * What one task found; {@code damage} says why its compressed file could not be read to the
   * end, {@code refusal} why the file is no CSV the job reads.
   */
  private record SplitResult(int file, PartialResult result, String damage, String refusal) implements Serializable {}

  InputScan read(JobOptions options, List<InputFiles.InputFile> files) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    Set<String> schemas = new LinkedHashSet<>();
    List<CsvFlightScanner> scanners = new ArrayList<>();
    for (InputFiles.InputFile file : files) {
      HeaderReader.Header header = header(file, files.size(), options, conf);
      FlightColumns columns = SchemaResolver.resolve(header.names(), options.schema(), options.columns());
      schemas.add(columns.schema());
      scanners.add(new CsvFlightScanner(header.line(), header.names(), columns));
    }
    List<Split> splits = splits(files, scanners, conf);
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Broadcast<SerializableConfiguration> hadoop = SerializableConfiguration.broadcast(spark.sparkContext(), conf);
    List<SplitResult> results = sc.parallelize(splits, splits.size()).map(scan(hadoop)).collect();

    List<PartialResult> perFile = new ArrayList<>();
    files.forEach(f -> perFile.add(new PartialResult()));
    for (SplitResult r : results) {
      if (r.refusal() != null) {
        throw new InputSchemaException(r.refusal());
      }
      if (r.damage() != null) {
        PartialResult before = perFile.get(r.file()).merge(r.result());
        throw new DamagedInputException("the input file " + files.get(r.file()).path() + " is truncated or corrupt"
            + " (" + r.damage() + "): truncated after " + before.rowsRead + " rows");
      }
      perFile.get(r.file()).merge(r.result());
    }
    List<String> paths = files.stream().map(InputFiles.InputFile::path).toList();
    return new InputScan(String.join(",", schemas), paths, perFile);
  }

  private static HeaderReader.Header header(
      InputFiles.InputFile file, int fileCount, JobOptions options, Configuration conf) {
    try {
      HeaderReader.Header header = HeaderReader.header(file.path(), conf);
      if (header.isEmpty()) {
        throw new InputSchemaException((fileCount == 1 ? "the input " + options.input() : "the input file " + file.path())
            + " is empty: no header line with carrier and delay columns");
      }
      return header;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the header of " + file.path(), e);
    }
  }

  /** Plain files in pieces, so that even one file keeps every core busy; compressed ones whole. */
  private List<Split> splits(List<InputFiles.InputFile> files, List<CsvFlightScanner> scanners, Configuration conf) {
    long plainBytes = 0;
    for (InputFiles.InputFile file : files) {
      if (CsvStreams.splittable(file.path(), conf)) {
        plainBytes += file.length();
      }
    }
    int cores = Math.max(1, spark.sparkContext().defaultParallelism());
    long size = Math.max(MIN_SPLIT_BYTES, Math.min(MAX_SPLIT_BYTES, plainBytes / (2L * cores) + 1));
    List<Split> splits = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      InputFiles.InputFile file = files.get(i);
      if (!CsvStreams.splittable(file.path(), conf)) {
        splits.add(new Split(i, file.path(), 0, Long.MAX_VALUE, true, scanners.get(i)));
        continue;
      }
      long start = 0;
      do {
        long end = Math.min(file.length(), start + size);
        splits.add(new Split(i, file.path(), start, end, false, scanners.get(i)));
        start = end;
      } while (start < file.length());
    }
    return splits;
  }

  private static Function<Split, SplitResult> scan(Broadcast<SerializableConfiguration> hadoop) {
    return split -> {
      Configuration conf = hadoop.value().value();
      PartialResult result = new PartialResult();
      try (InputStream in = split.whole()
          ? CsvStreams.open(split.path(), conf)
          : CsvStreams.open(split.path(), split.start(), conf)) {
        split.scanner().scan(in, split.start(), split.end(), result);
        if (split.whole() && CsvStreams.anotherCsv(in)) {
          return new SplitResult(split.file(), result, null,
              "the zip archive " + split.path() + " holds more than one .csv file");
        }
      } catch (CsvRecordScanner.RecordTooLongException e) {
        return new SplitResult(split.file(), result, null, "the input file " + split.path() + " has " + e.getMessage());
      } catch (IOException e) {
        if (!CsvStreams.damage(e, split.path(), conf)) {
          throw e;
        }
        return new SplitResult(split.file(), result, e.getMessage(), null);
      }
      return new SplitResult(split.file(), result, null, null);
    };
  }
}
