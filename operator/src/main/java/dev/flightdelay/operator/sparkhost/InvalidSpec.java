package dev.flightdelay.operator.sparkhost;

/**
 * Why the operator will not act on a SparkHost: the field and the problem, with reason
 * InvalidSpec, or Forbidden when the admin's policy does not allow what is asked.
 */
record InvalidSpec(String reason, String field, String message) implements SparkHostValidator.Result {

  static final String INVALID = "InvalidSpec";

  InvalidSpec(String field, String message) {
    this(INVALID, field, message);
  }

  String text() {
    return field + ": " + message;
  }
}
