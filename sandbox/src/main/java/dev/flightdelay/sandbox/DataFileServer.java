package dev.flightdelay.sandbox;

import dev.flightdelay.sandbox.http.LoopbackServer;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPInputStream;

/**
 * Serves local files over http on loopback, so that a DataBucket seeds them as it seeds any URL
 * (the operator's own seed path, with its progress and its address checks).
 */
final class DataFileServer implements AutoCloseable {

  private final LoopbackServer server = LoopbackServer.bind("data-file-server");
  private final Map<String, Served> files = new ConcurrentHashMap<>();

  /** A file and how it goes out: as it is, or gunzipped. */
  private record Served(Path file, boolean gunzip, long length) {}

  private DataFileServer() {}

  static DataFileServer start() {
    DataFileServer files = new DataFileServer();
    files.server.serve("/files/", files::handle);
    return files;
  }

  /** Serves file as it is at the returned URL. */
  URI serve(String name, Path file) {
    try {
      return register(name, new Served(file, false, Files.size(file)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Serves the content of a (single-member) gzip file at the returned URL. */
  URI serveGunzipped(String name, Path gzipFile) {
    return register(name, new Served(gzipFile, true, gunzippedLength(gzipFile)));
  }

  private URI register(String name, Served served) {
    files.put(name, served);
    return URI.create(server.url() + "/files/"
        + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"));
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String name = exchange.getRequestURI().getPath().substring("/files/".length());
      Served served = files.get(name);
      if (served == null || !exchange.getRequestMethod().equals("GET")) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
      exchange.sendResponseHeaders(200, served.length());
      try (InputStream in = open(served); OutputStream out = exchange.getResponseBody()) {
        in.transferTo(out);
      }
    }
  }

  private static InputStream open(Served served) throws IOException {
    InputStream in = Files.newInputStream(served.file());
    return served.gunzip() ? new GZIPInputStream(in, 1 << 16) : in;
  }

  /**
   * The length of a gzip file's content, from its trailer (ISIZE: the length modulo 4 GiB of the
   * last member), so the seed shows a total without a pass over the data first. Exact for a
   * single-member file under 4 GiB, such as the repository's nycflights13 table.
   */
  private static long gunzippedLength(Path gzipFile) {
    try (RandomAccessFile file = new RandomAccessFile(gzipFile.toFile(), "r")) {
      file.seek(file.length() - 4);
      byte[] trailer = new byte[4];
      file.readFully(trailer);
      return (trailer[0] & 0xFFL) | (trailer[1] & 0xFFL) << 8 | (trailer[2] & 0xFFL) << 16 | (trailer[3] & 0xFFL) << 24;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + gzipFile, e);
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
