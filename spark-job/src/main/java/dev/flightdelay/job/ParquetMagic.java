package dev.flightdelay.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Refuses a Parquet input any of whose files does not end in Parquet's magic bytes, before Spark
 * reads it. Parquet's own error for such a file quotes its last four bytes, and Spark logs that
 * error and puts it in the failure the summary carries: a job pointed at a token or key file with
 * format parquet would hand out four bytes of it per run.
 */
final class ParquetMagic {

  private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);
  /** Magic, footer length, magic: no Parquet file is shorter. */
  private static final int MIN_LENGTH = 2 * MAGIC.length + 4;

  private ParquetMagic() {}

  /** Checks every file Spark would read for the input (a file, a directory tree or a glob). */
  static void check(String input, Configuration conf) {
    Path path = new Path(input);
    try {
      FileSystem fs = path.getFileSystem(conf);
      FileStatus[] matches = fs.globStatus(path);
      if (matches == null) {
        return; // Nothing there: Spark's own "path does not exist" says so.
      }
      for (FileStatus match : matches) {
        if (!allParquet(fs, match)) {
          throw new InputSchemaException(
              "the input " + input + " is not Parquet: it is or holds a file that does not end in"
                  + " Parquet's magic bytes (is the format right?)");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + input, e);
    }
  }

  private static boolean allParquet(FileSystem fs, FileStatus status) throws IOException {
    if (!status.isDirectory()) {
      return endsInMagic(fs, status);
    }
    for (FileStatus child : fs.listStatus(status.getPath())) {
      if (!hiddenFromSpark(child.getPath().getName()) && !allParquet(fs, child)) {
        return false;
      }
    }
    return true;
  }

  private static boolean endsInMagic(FileSystem fs, FileStatus file) throws IOException {
    if (file.getLen() < MIN_LENGTH) {
      return false;
    }
    byte[] tail = new byte[MAGIC.length];
    try (FSDataInputStream in = fs.open(file.getPath())) {
      in.readFully(file.getLen() - MAGIC.length, tail);
    }
    return Arrays.equals(tail, MAGIC);
  }

  /**
   * The names Spark's file index leaves out of a directory (InMemoryFileIndex): hidden and
   * underscore files such as _SUCCESS and .crc, except Parquet's own summary files.
   */
  private static boolean hiddenFromSpark(String name) {
    boolean excluded = (name.startsWith("_") && !name.contains("=")) || name.startsWith(".")
        || name.endsWith("._COPYING_");
    boolean parquetSummary = name.startsWith("_common_metadata") || name.startsWith("_metadata");
    return excluded && !parquetSummary;
  }
}
