package dev.flightdelay.job;

/** The input has no usable carrier or delay columns. */
public class InputSchemaException extends RuntimeException {

  public InputSchemaException(String message) {
    super(message);
  }
}
