package dev.flightdelay.job;

import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;

/**
 * Opens a CSV input file as its text bytes: plain, compressed with a codec Hadoop knows by the
 * name (.gz, .bz2, .zst, ...), or the CSV inside a .zip archive (how the US on-time data is
 * published: one CSV, maybe beside a readme).
 */
final class CsvStreams {

  private CsvStreams() {}

  /** Whether the file can be read from the middle (plain text), so split across tasks. */
  static boolean splittable(String path, Configuration conf) {
    return !isZip(path) && new CompressionCodecFactory(conf).getCodec(new Path(path)) == null;
  }

  /** The file's text from its start. */
  static InputStream open(String path, Configuration conf) throws IOException {
    Path file = new Path(path);
    FileSystem fs = file.getFileSystem(conf);
    InputStream raw = fs.open(file);
    try {
      if (isZip(path)) {
        return csvEntry(new ZipInputStream(raw), path);
      }
      CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(file);
      return codec == null ? raw : codec.createInputStream(raw);
    } catch (IOException | RuntimeException e) {
      raw.close();
      throw e;
    }
  }

  /** The plain file's bytes from {@code offset} on. */
  static InputStream open(String path, long offset, Configuration conf) throws IOException {
    Path file = new Path(path);
    FSDataInputStream in = file.getFileSystem(conf).open(file);
    in.seek(offset);
    return in;
  }

  /** After a zip's CSV was read: another CSV in the same archive is one the job would not read. */
  static boolean anotherCsv(InputStream zip) throws IOException {
    if (!(zip instanceof ZipInputStream entries)) {
      return false;
    }
    for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
      if (isCsv(entry)) {
        return true;
      }
    }
    return false;
  }

  private static InputStream csvEntry(ZipInputStream zip, String path) throws IOException {
    for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
      if (isCsv(entry)) {
        return zip;
      }
    }
    throw new InputSchemaException("the zip archive " + path + " holds no .csv file");
  }

  private static boolean isCsv(ZipEntry entry) {
    return !entry.isDirectory() && entry.getName().toLowerCase(Locale.ROOT).endsWith(".csv");
  }

  /**
   * Whether reading a compressed file failed on its content (cut short, not the format its name
   * says, corrupt) rather than on the file system.
   */
  static boolean damage(IOException e, String path, Configuration conf) {
    if (splittable(path, conf)) {
      return false;
    }
    return e instanceof EOFException || e instanceof ZipException
        || !(e instanceof FileNotFoundException || e instanceof AccessDeniedException
            || e.getClass().getName().startsWith("org.apache.hadoop.fs.s3a"));
  }

  static boolean isZip(String path) {
    return path.toLowerCase(Locale.ROOT).endsWith(".zip");
  }
}
