package dev.flightdelay.sandbox.http;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An HTTP server on a free port of 127.0.0.1 only (the sandbox serves its user's machine, never
 * the network), each exchange on a daemon thread of its own, so that none keeps the JVM alive.
 */
public final class LoopbackServer implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService threads;

  private LoopbackServer(HttpServer server, ExecutorService threads) {
    this.server = server;
    this.threads = threads;
  }

  /** Binds a free port; nothing is answered before {@link #serve}. Threads are named name. */
  public static LoopbackServer bind(String name) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on loopback", e);
    }
    ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    });
    server.setExecutor(threads);
    return new LoopbackServer(server, threads);
  }

  /** Answers the requests under path with handler, from now on. */
  public void serve(String path, HttpHandler handler) {
    server.createContext(path, handler);
    server.start();
  }

  /** http://127.0.0.1:PORT, without a trailing slash. */
  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** The server's threads, for a client that works on its behalf. */
  public ExecutorService threads() {
    return threads;
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
