package dev.flightdelay.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Tells CSV from Parquet: by the format option, else by the name or the files of a directory. */
final class InputFormats {

  private InputFormats() {}

  static boolean isParquet(JobOptions options, Configuration conf) {
    String format = options.format().toLowerCase(Locale.ROOT);
    if (!format.equals("auto")) {
      if (!format.equals("csv") && !format.equals("parquet")) {
        throw new IllegalArgumentException(
            "unknown format '" + options.format() + "', expected auto, csv or parquet");
      }
      return format.equals("parquet");
    }
    if (options.input().toLowerCase(Locale.ROOT).endsWith(".parquet")) {
      return true;
    }
    Path path = new Path(options.input());
    try {
      FileSystem fs = path.getFileSystem(conf);
      FileStatus status = fs.getFileStatus(path);
      if (!status.isDirectory()) {
        return false;
      }
      for (FileStatus child : fs.listStatus(path)) {
        if (child.getPath().getName().endsWith(".parquet")) {
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + options.input(), e);
    }
  }
}
