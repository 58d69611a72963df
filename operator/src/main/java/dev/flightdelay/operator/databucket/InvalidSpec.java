package dev.flightdelay.operator.databucket;

/**
 * A spec the operator refuses: the field and why, for Ready=False with reason InvalidSpec, or
 * Forbidden when the spec is well formed but asks for what the admin's policy does not allow.
 */
record InvalidSpec(String reason, String field, String message) implements DataBucketValidator.Result {

  static final String INVALID = "InvalidSpec";

  InvalidSpec(String field, String message) {
    this(INVALID, field, message);
  }

  String text() {
    return field + ": " + message;
  }
}
