package dev.flightdelay.job;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The files an input names: a file, a directory or S3 prefix (every file under it, at any
 * depth), or a glob; in path order. What Spark's file index leaves out of a directory (hidden and
 * underscore files such as _SUCCESS and .crc) is left out here too.
 */
final class InputFiles {

  /** One file to read. */
  record InputFile(String path, long length) implements Serializable {
    String name() {
      return new Path(path).getName();
    }
  }

  private InputFiles() {}

  static List<InputFile> list(String input, Configuration conf) {
    Path path = new Path(input);
    try {
      FileSystem fs = path.getFileSystem(conf);
      FileStatus[] matches = fs.globStatus(path);
      if (matches == null) {
        throw new InputNotFoundException("the input " + input + " does not exist");
      }
      if (matches.length == 0) {
        throw new InputNotFoundException("no file matches the input " + input);
      }
      List<InputFile> files = new ArrayList<>();
      for (FileStatus match : matches) {
        add(fs, match, files);
      }
      if (files.isEmpty()) {
        throw new InputNotFoundException("the input " + input + " is an empty folder: it holds no file to read");
      }
      files.sort(Comparator.comparing(InputFile::path));
      return List.copyOf(files);
    } catch (FileNotFoundException e) {
      throw new InputNotFoundException("the input " + input + " does not exist");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the input " + input, e);
    }
  }

  private static void add(FileSystem fs, FileStatus status, List<InputFile> files) throws IOException {
    if (!status.isDirectory()) {
      files.add(new InputFile(status.getPath().toString(), status.getLen()));
      return;
    }
    for (FileStatus child : fs.listStatus(status.getPath())) {
      if (!hiddenFromSpark(child.getPath().getName())) {
        add(fs, child, files);
      }
    }
  }

  /**
   * The names Spark's file index leaves out of a directory (InMemoryFileIndex): hidden and
   * underscore files such as _SUCCESS and .crc, except Parquet's own summary files.
   */
  static boolean hiddenFromSpark(String name) {
    boolean excluded = (name.startsWith("_") && !name.contains("=")) || name.startsWith(".")
        || name.endsWith("._COPYING_");
    boolean parquetSummary = name.startsWith("_common_metadata") || name.startsWith("_metadata");
    return excluded && !parquetSummary;
  }
}
