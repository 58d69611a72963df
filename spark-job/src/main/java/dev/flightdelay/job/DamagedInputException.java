package dev.flightdelay.job;

/**
 * A compressed input file that cannot be read to its end: a download cut short, a corrupt gzip
 * or zip. The message names the file and how many rows it gave before it broke, never its bytes.
 */
public class DamagedInputException extends RuntimeException {

  public DamagedInputException(String message) {
    super(message);
  }
}
