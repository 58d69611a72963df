package dev.flightdelay.job;

import java.nio.charset.StandardCharsets;

/**
 * The value of one CSV field, read from its bytes: text (unquoted, trimmed) and numbers (a fast
 * path for plain decimals that is exact, the rest through {@link Double#parseDouble}).
 *
 * <p>A number is a decimal with an optional sign, fraction and exponent ({@code -0}, {@code 12.50},
 * {@code 1e3}, {@code .5}), spaces around it allowed; {@code true} and {@code false} are 1 and 0;
 * an empty field and {@code NA} are missing (NaN). Anything else, {@code NaN} and
 * {@code Infinity} included, is not a number ({@link #NOT_A_NUMBER}).
 */
final class CsvFields {

  /** A field that holds something other than a number or a missing value. */
  static final double NOT_A_NUMBER = Double.NEGATIVE_INFINITY;
  private static final double[] POWERS_OF_TEN = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15
  };
  /** Up to 15 digits a long holds exactly and a double too, so one division rounds correctly. */
  private static final int FAST_DIGITS = 15;

  private CsvFields() {}

  /**
   * The text of the field in {@code b[start, end)}: without the quotes of a quoted field (a
   * doubled quote inside is one quote), without spaces around it.
   */
  static String text(byte[] b, int start, int end) {
    if (end > start && b[start] == '"') {
      StringBuilder out = new StringBuilder(end - start);
      int i = start + 1;
      int from = i;
      while (i < end) {
        if (b[i] == '"') {
          out.append(new String(b, from, i - from, StandardCharsets.UTF_8));
          if (i + 1 < end && b[i + 1] == '"') {
            out.append('"');
            i += 2;
            from = i;
            continue;
          }
          // The closing quote: whatever follows up to the comma is data too.
          from = i + 1;
          i = end;
          break;
        }
        i++;
      }
      out.append(new String(b, from, Math.max(0, end - from), StandardCharsets.UTF_8));
      return trim(out.toString());
    }
    int s = start;
    int e = end;
    while (s < e && b[s] == ' ') {
      s++;
    }
    while (e > s && b[e - 1] == ' ') {
      e--;
    }
    return new String(b, s, e - s, StandardCharsets.UTF_8);
  }

  /** The field as a number, NaN when missing, {@link #NOT_A_NUMBER} when it is not one. */
  static double number(byte[] b, int start, int end) {
    int s = start;
    int e = end;
    if (e > s && b[s] == '"') {
      if (e - s < 2 || b[e - 1] != '"' || contains(b, s + 1, e - 1, (byte) '"')) {
        return number(text(b, start, end));
      }
      s++;
      e--;
    }
    while (s < e && b[s] == ' ') {
      s++;
    }
    while (e > s && b[e - 1] == ' ') {
      e--;
    }
    if (s == e || (e - s == 2 && b[s] == 'N' && b[s + 1] == 'A')) {
      return Double.NaN;
    }
    int i = s;
    boolean negative = b[i] == '-';
    if (negative || b[i] == '+') {
      i++;
    }
    long mantissa = 0;
    int digits = 0;
    int fractionDigits = 0;
    while (i < e && b[i] >= '0' && b[i] <= '9') {
      mantissa = mantissa * 10 + (b[i++] - '0');
      digits++;
    }
    if (i < e && b[i] == '.') {
      i++;
      while (i < e && b[i] >= '0' && b[i] <= '9') {
        mantissa = mantissa * 10 + (b[i++] - '0');
        digits++;
        fractionDigits++;
      }
    }
    if (i == e && digits > 0 && digits <= FAST_DIGITS) {
      double value = fractionDigits == 0 ? mantissa : mantissa / POWERS_OF_TEN[fractionDigits];
      return negative ? -value : value;
    }
    return number(new String(b, s, e - s, StandardCharsets.UTF_8));
  }

  /** The slow path: a trimmed, unquoted field's text. */
  static double number(String field) {
    String text = field.strip();
    if (text.isEmpty() || text.equals("NA")) {
      return Double.NaN;
    }
    if (text.equalsIgnoreCase("true")) {
      return 1;
    }
    if (text.equalsIgnoreCase("false")) {
      return 0;
    }
    return isDecimal(text) ? Double.parseDouble(text) : NOT_A_NUMBER;
  }

  /** [+-] digits [. digits] [e [+-] digits], with at least one digit before the exponent. */
  private static boolean isDecimal(String text) {
    int i = 0;
    int n = text.length();
    if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
      i++;
    }
    int digits = 0;
    while (i < n && isDigit(text.charAt(i))) {
      i++;
      digits++;
    }
    if (i < n && text.charAt(i) == '.') {
      i++;
      while (i < n && isDigit(text.charAt(i))) {
        i++;
        digits++;
      }
    }
    if (digits == 0) {
      return false;
    }
    if (i < n && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
      i++;
      if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
        i++;
      }
      int exponentDigits = 0;
      while (i < n && isDigit(text.charAt(i))) {
        i++;
        exponentDigits++;
      }
      if (exponentDigits == 0) {
        return false;
      }
    }
    return i == n;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean contains(byte[] b, int start, int end, byte wanted) {
    for (int i = start; i < end; i++) {
      if (b[i] == wanted) {
        return true;
      }
    }
    return false;
  }

  private static String trim(String text) {
    int s = 0;
    int e = text.length();
    while (s < e && text.charAt(s) == ' ') {
      s++;
    }
    while (e > s && text.charAt(e - 1) == ' ') {
      e--;
    }
    return text.substring(s, e);
  }
}
