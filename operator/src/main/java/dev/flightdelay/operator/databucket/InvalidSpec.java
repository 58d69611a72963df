package dev.flightdelay.operator.databucket;

/** A spec the operator refuses: the field and why, for Ready=False, reason InvalidSpec. */
record InvalidSpec(String field, String message) implements DataBucketValidator.Result {

  String text() {
    return field + ": " + message;
  }
}
