package dev.flightdelay.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
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
  static void check(String input, List<InputFiles.InputFile> files, Configuration conf) {
    try {
      for (InputFiles.InputFile file : files) {
        if (!endsInMagic(file, conf)) {
          throw new InputSchemaException(
              "the input " + input + " is not Parquet: it is or holds a file that does not end in"
                  + " Parquet's magic bytes (is the format right?)");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + input, e);
    }
  }

  private static boolean endsInMagic(InputFiles.InputFile file, Configuration conf) throws IOException {
    if (file.length() < MIN_LENGTH) {
      return false;
    }
    byte[] tail = new byte[MAGIC.length];
    Path path = new Path(file.path());
    try (FSDataInputStream in = path.getFileSystem(conf).open(path)) {
      in.readFully(file.length() - MAGIC.length, tail);
    }
    return Arrays.equals(tail, MAGIC);
  }
}
