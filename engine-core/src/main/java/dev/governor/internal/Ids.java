package dev.governor.internal;

import dev.governor.ValidationException;

/**
 * The id rules of the catalog: 1..255 characters, first an ASCII letter or digit, then ASCII letters,
 * digits and {@code _ | . -}; owner ids may also contain {@code @}. Stateless and thread-safe.
 */
final class Ids {
  static final int MAX_LENGTH = 255;
  private static final String RULE =
      "must be 1..255 characters: an ASCII letter or digit, then letters, digits, '_', '|', '.' or '-'";
  private static final String OWNER_RULE =
      "must be 1..255 characters: an ASCII letter or digit, then letters, digits, '_', '|', '.', '-' or '@'";

  private Ids() {}

  static boolean isValid(String id, boolean owner) {
    if (id == null || id.isEmpty() || id.length() > MAX_LENGTH || !isLetterOrDigit(id.charAt(0))) {
      return false;
    }
    for (int i = 1; i < id.length(); i++) {
      char c = id.charAt(i);
      if (!(isLetterOrDigit(c) || c == '_' || c == '|' || c == '.' || c == '-' || (owner && c == '@'))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isLetterOrDigit(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  /** Returns {@code id} or throws a validation error naming the field and quoting the value. */
  static String require(int index, String field, String id) {
    if (!isValid(id, false)) {
      throw new ValidationException(index, field, id, RULE);
    }
    return id;
  }

  static String require(String field, String id) {
    return require(-1, field, id);
  }

  static String requireOwner(String ownerId) {
    if (!isValid(ownerId, true)) {
      throw new ValidationException(-1, "ownerId", ownerId, OWNER_RULE);
    }
    return ownerId;
  }
}
