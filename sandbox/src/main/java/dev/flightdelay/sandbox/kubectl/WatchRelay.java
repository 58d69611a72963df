package dev.flightdelay.sandbox.kubectl;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A watch as kubectl reads it (one HTTP response streaming JSON events) relayed from the mock
 * server, which serves watches over WebSocket only.
 */
final class WatchRelay {

  /** Why a newline every few seconds: writing is the only way to notice that kubectl has left. */
  private static final Duration HEARTBEAT = Duration.ofSeconds(5);
  private static final Duration LONGEST = Duration.ofMinutes(30);
  private static final Pattern TIMEOUT = Pattern.compile("(?:^|&)timeoutSeconds=(\\d+)");
  private static final String END = "";

  private final HttpClient http;
  private final URI upstream;

  WatchRelay(HttpClient http, URI upstream) {
    this.http = http;
    this.upstream = upstream;
  }

  void relay(HttpExchange exchange, String pathAndQuery, String query) throws IOException {
    BlockingQueue<String> events = new LinkedBlockingQueue<>();
    WebSocket socket;
    try {
      socket = http.newWebSocketBuilder()
          .buildAsync(URI.create("ws://" + upstream.getAuthority() + pathAndQuery), new Listener(events))
          .get(10, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException("cannot open the watch on the API server: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    Instant deadline = Instant.now().plus(timeout(query));
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, 0);
    try (OutputStream out = exchange.getResponseBody()) {
      while (Instant.now().isBefore(deadline)) {
        String event = events.poll(HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
        if (END.equals(event)) {
          break;
        }
        out.write(((event == null ? "" : event) + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException kubectlLeft) {
      // the client closed the stream: nothing to tell anyone
    } finally {
      socket.abort();
    }
  }

  private static Duration timeout(String query) {
    Matcher m = TIMEOUT.matcher(query == null ? "" : query);
    if (m.find()) {
      Duration asked = Duration.ofSeconds(Long.parseLong(m.group(1)));
      return asked.compareTo(LONGEST) < 0 ? asked : LONGEST;
    }
    return LONGEST;
  }

  /** Collects whole text messages (the mock sends one watch event per message). */
  private static final class Listener implements WebSocket.Listener {

    private final BlockingQueue<String> events;
    private final StringBuilder partial = new StringBuilder();

    Listener(BlockingQueue<String> events) {
      this.events = events;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        events.add(partial.toString());
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      events.add(END);
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      events.add(END);
    }
  }
}
