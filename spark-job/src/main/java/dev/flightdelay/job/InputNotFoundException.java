package dev.flightdelay.job;

/** The input names nothing to read: a missing path, an empty folder or prefix, a glob that matches no file. */
public class InputNotFoundException extends RuntimeException {

  public InputNotFoundException(String message) {
    super(message);
  }
}
