package dev.flightdelay.job;

import java.util.List;
import java.util.Locale;

/** Tells CSV from Parquet: by the format option, else by the name of the input or of its files. */
final class InputFormats {

  private InputFormats() {}

  static boolean isParquet(JobOptions options, List<InputFiles.InputFile> files) {
    String format = options.format().toLowerCase(Locale.ROOT);
    if (!format.equals("auto")) {
      if (!format.equals("csv") && !format.equals("parquet")) {
        throw new IllegalArgumentException(
            "unknown format '" + options.format() + "', expected auto, csv or parquet");
      }
      return format.equals("parquet");
    }
    return parquetName(options.input()) || files.stream().anyMatch(f -> parquetName(f.name()));
  }

  private static boolean parquetName(String name) {
    return name.toLowerCase(Locale.ROOT).endsWith(".parquet");
  }
}
