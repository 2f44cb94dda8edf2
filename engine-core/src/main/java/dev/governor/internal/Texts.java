package dev.governor.internal;

import dev.governor.ValidationException;

/** Rules for free text: display names, metadata keys and values. Stateless and thread-safe. */
final class Texts {
  static final int MAX_NAME = 255;
  static final int MAX_METADATA_KEY = 255;
  static final int MAX_METADATA_VALUE = 4096;
  static final int MAX_METADATA_ENTRIES = 100;

  private Texts() {}

  /** A display name: 1..255 characters, not blank, no control characters. */
  static String displayName(int index, String field, String name) {
    if (name == null || name.isBlank() || name.length() > MAX_NAME || hasControl(name)) {
      throw new ValidationException(index, field, name, "must be 1..255 characters, not blank, without control characters");
    }
    return name;
  }

  static String metadataKey(int index, String key) {
    if (key == null || key.isEmpty() || key.length() > MAX_METADATA_KEY || hasControl(key)) {
      throw new ValidationException(index, "metadata", key, "is not a valid metadata key: 1..255 characters without control characters");
    }
    return key;
  }

  static String metadataValue(int index, String key, String value) {
    if (value == null) {
      throw new ValidationException(index, "metadata." + key, null, "must be a string (send \"\" to delete the key)");
    }
    if (value.length() > MAX_METADATA_VALUE) {
      throw new ValidationException(index, "metadata." + key, value, "must be at most " + MAX_METADATA_VALUE + " characters");
    }
    return value;
  }

  /** An idempotency key: 1..255 characters without control characters. */
  static String idempotencyKey(int index, String field, String key) {
    if (key.isEmpty() || key.length() > MAX_NAME || hasControl(key)) {
      throw new ValidationException(index, field, key, "must be 1..255 characters without control characters");
    }
    return key;
  }

  static boolean hasControl(String s) {
    for (int i = 0; i < s.length(); i++) {
      // C0, DEL and C1 (U+0080..U+009F) are all control characters.
      if (Character.isISOControl(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }
}
