package dev.flightdelay.job;

import java.util.List;

/**
 * What reading an input found: the schema it used (each file's, comma-separated when they
 * differ), and the counts of each file read.
 */
record InputScan(String schema, List<String> paths, List<PartialResult> files) {

  PartialResult total() {
    PartialResult total = new PartialResult();
    files.forEach(total::merge);
    return total;
  }

  List<FileCount> counts() {
    return java.util.stream.IntStream.range(0, paths.size())
        .mapToObj(i -> new FileCount(paths.get(i), files.get(i).rowsRead, files.get(i).rowsRejected))
        .toList();
  }
}
