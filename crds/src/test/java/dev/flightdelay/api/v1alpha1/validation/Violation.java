package dev.flightdelay.api.v1alpha1.validation;

/** One reason a manifest is refused: the field (e.g. spec.seed[0].url) and what is wrong. */
public record Violation(String field, String message) {

  /** True when this violation is about the field or something inside it. */
  public boolean concerns(String fieldPath) {
    return field.equals(fieldPath)
        || field.startsWith(fieldPath + ".")
        || field.startsWith(fieldPath + "[");
  }

  @Override
  public String toString() {
    return field + ": " + message;
  }
}
