package dev.flightdelay.testing;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * What this JVM writes to System.out and System.err while open, still passed on to them: the
 * operator's log lines (slf4j-simple writes to System.err), for tests that prove a value was
 * never logged.
 */
public final class ConsoleCapture implements AutoCloseable {

  private final PrintStream originalOut = System.out;
  private final PrintStream originalErr = System.err;
  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

  private ConsoleCapture() {
    System.setOut(tee(originalOut));
    System.setErr(tee(originalErr));
  }

  public static ConsoleCapture start() {
    return new ConsoleCapture();
  }

  /** Everything written so far. */
  public String text() {
    synchronized (captured) {
      return captured.toString(StandardCharsets.UTF_8);
    }
  }

  @Override
  public void close() {
    System.setOut(originalOut);
    System.setErr(originalErr);
  }

  private PrintStream tee(PrintStream original) {
    return new PrintStream(new OutputStream() {
      @Override
      public void write(int b) {
        synchronized (captured) {
          captured.write(b);
        }
        original.write(b);
      }

      @Override
      public void write(byte[] bytes, int offset, int length) {
        synchronized (captured) {
          captured.write(bytes, offset, length);
        }
        original.write(bytes, offset, length);
      }

      @Override
      public void flush() {
        original.flush();
      }
    }, true, StandardCharsets.UTF_8);
  }
}
