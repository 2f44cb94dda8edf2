package dev.governor.storage.redis;

/**
 * Writes ids into Redis key names and stored text so that two different inputs can never produce
 * the same output. Stateless and thread-safe.
 *
 * <p>In a key name, ASCII letters, digits, {@code _}, {@code -} and {@code .} stand for themselves
 * and every other UTF-16 unit becomes {@code %} and four hex digits. The result never contains
 * {@code { } :} (so an id can neither become a hash tag nor fake a key's structure), and since
 * {@code %} is itself escaped, decoding is unambiguous: owner {@code a:b} and owner {@code a} with
 * anything after it never share a key.
 */
final class Escapes {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private Escapes() {}

  /** The key-name form of {@code id}. */
  static String key(String id) {
    int i = 0;
    while (i < id.length() && isPlain(id.charAt(i))) {
      i++;
    }
    if (i == id.length()) {
      return id;
    }
    StringBuilder out = new StringBuilder(id.length() + 16).append(id, 0, i);
    for (; i < id.length(); i++) {
      char c = id.charAt(i);
      if (isPlain(c)) {
        out.append(c);
      } else {
        out.append('%').append(HEX[(c >> 12) & 15]).append(HEX[(c >> 8) & 15]).append(HEX[(c >> 4) & 15]).append(HEX[c & 15]);
      }
    }
    return out.toString();
  }

  private static boolean isPlain(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
  }

  /**
   * Text as UTF-8 can carry it: a lone surrogate (which UTF-8 would turn into {@code ?}) and the
   * escape character {@code \} itself become {@code \}{@code u} and four hex digits. Well-formed
   * text without {@code \} comes back unchanged.
   */
  static String text(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' || Character.isSurrogate(c)) {
        return escapeText(s);
      }
    }
    return s;
  }

  private static String escapeText(String s) {
    StringBuilder out = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean pair = Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
      if (pair) {
        out.append(c).append(s.charAt(++i));
      } else if (c == '\\' || Character.isSurrogate(c)) {
        out.append("\\u").append(HEX[(c >> 12) & 15]).append(HEX[(c >> 8) & 15]).append(HEX[(c >> 4) & 15]).append(HEX[c & 15]);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** The inverse of {@link #text(String)}. */
  static String untext(String s) {
    if (s.indexOf('\\') < 0) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\') {
        out.append((char) Integer.parseInt(s.substring(i + 2, i + 6), 16));
        i += 5;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
