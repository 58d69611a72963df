package dev.flightdelay.job;

/**
 * The input has no usable carrier or delay columns, or is not in the format asked for. The
 * message never quotes the input's content (a header, a row, bytes): it becomes the job's summary,
 * and from there a pod's termination message, the DelayAnalysis status and its events, readable
 * by whoever may read those even when they may not read the file the job was pointed at.
 */
public class InputSchemaException extends RuntimeException {

  public InputSchemaException(String message) {
    super(message);
  }
}
