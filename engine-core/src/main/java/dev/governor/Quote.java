package dev.governor;

/**
 * Quotes caller-supplied values for error messages: wraps them in double quotes, escapes control
 * and non-printable characters, and shortens very long values so a hostile input cannot flood a log.
 * Stateless and thread-safe.
 */
public final class Quote {
  private static final int MAX_CHARS = 80;

  private Quote() {}

  /** Returns {@code "value"} escaped and shortened, or {@code null} (unquoted) for a null value. */
  public static String of(Object value) {
    if (value == null) {
      return "null";
    }
    String s = String.valueOf(value);
    StringBuilder sb = new StringBuilder(Math.min(s.length(), MAX_CHARS) + 24).append('"');
    int shown = Math.min(s.length(), MAX_CHARS);
    for (int i = 0; i < shown; i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20 || c == 0x7f || (c >= 0x80 && !Character.isLetterOrDigit(c))) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    sb.append('"');
    if (s.length() > MAX_CHARS) {
      sb.append("... (").append(s.length()).append(" chars)");
    }
    return sb.toString();
  }
}
