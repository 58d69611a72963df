package dev.flightdelay.job;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Real flight data in the shapes people download it in: one file per month, plain, gzipped or
 * zipped beside a readme (as the US on-time data is published), columns in another order, a
 * byte-order mark and CRLF line ends (a Windows export), cut short.
 */
final class MonthlyFiles {

  /** How one file is written. */
  enum Packing { CSV, GZIP, ZIP }

  private MonthlyFiles() {}

  /** The lines of a gzipped CSV, header first. */
  static List<String> lines(Path gz) throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(gz));
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      return reader.lines().toList();
    }
  }

  /**
   * The rows of a nycflights13 CSV (simple fields, no quoted commas) split by its month column,
   * header first in each: twelve lists.
   */
  static TreeMap<Integer, List<String>> byMonth(List<String> lines) {
    List<String> header = Arrays.asList(lines.get(0).split(",", -1));
    int month = header.indexOf("\"month\"") >= 0 ? header.indexOf("\"month\"") : header.indexOf("month");
    TreeMap<Integer, List<String>> months = new TreeMap<>();
    for (String line : lines.subList(1, lines.size())) {
      int m = Integer.parseInt(line.split(",", -1)[month].replace("\"", ""));
      months.computeIfAbsent(m, k -> new ArrayList<>(List.of(lines.get(0)))).add(line);
    }
    return months;
  }

  /** The same lines with the columns in reverse order. */
  static List<String> reversedColumns(List<String> lines) {
    return lines.stream().map(line -> {
      List<String> fields = new ArrayList<>(Arrays.asList(line.split(",", -1)));
      Collections.reverse(fields);
      return String.join(",", fields);
    }).toList();
  }

  /** Writes lines as a file of the packing, with the line end given and a byte-order mark or not. */
  static Path write(Path file, List<String> lines, Packing packing, String lineEnd, boolean bom) throws IOException {
    byte[] text = text(lines, lineEnd, bom);
    switch (packing) {
      case CSV -> Files.write(file, text);
      case GZIP -> {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
          out.write(text);
        }
      }
      case ZIP -> {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
          zip.putNextEntry(new ZipEntry(file.getFileName().toString().replace(".zip", ".csv")));
          zip.write(text);
          zip.closeEntry();
          zip.putNextEntry(new ZipEntry("readme.html"));
          zip.write("<html><body>Field descriptions</body></html>".getBytes(StandardCharsets.UTF_8));
          zip.closeEntry();
        }
      }
      default -> throw new IllegalArgumentException(packing.name());
    }
    return file;
  }

  /** A copy of a file with only its first part of its bytes, as a download cut short leaves it. */
  static Path truncated(Path file, Path copy, double share) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    Files.write(copy, Arrays.copyOf(bytes, (int) (bytes.length * share)));
    return copy;
  }

  private static byte[] text(List<String> lines, String lineEnd, boolean bom) {
    StringBuilder out = new StringBuilder(bom ? "\uFEFF" : "");
    for (String line : lines) {
      out.append(line).append(lineEnd);
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }
}
