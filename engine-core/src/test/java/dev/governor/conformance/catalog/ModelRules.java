package dev.governor.conformance.catalog;

import dev.governor.catalog.Cadence;
import dev.governor.catalog.CadenceUnit;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * The input rules of SPEC.md §1, §2 and §8 written down independently of the engine, so the model
 * never asks the code under test what is valid.
 */
final class ModelRules {
  static final int MAX_BATCH = 100;
  static final int MAX_ID = 255;
  static final int MAX_NAME = 255;
  static final int MAX_METADATA_KEYS = 100;

  /**
   * The cadences the generator sends that the spec accepts, with the value the engine must store.
   * The generator sends nothing else except {@link CatalogGenerator#BAD_CADENCES}, so a lookup table
   * is a complete oracle and the model needs no ISO-8601 parser of its own.
   */
  static final Map<String, Cadence> VALID_CADENCES = Map.of(
      "PT1M", Cadence.of(1, CadenceUnit.MINUTE),
      "PT15M", Cadence.of(15, CadenceUnit.MINUTE),
      "PT60M", Cadence.of(60, CadenceUnit.MINUTE),
      "PT1H", Cadence.of(1, CadenceUnit.HOUR),
      "P1D", Cadence.of(1, CadenceUnit.DAY),
      "P7D", Cadence.of(7, CadenceUnit.DAY),
      "P1W", Cadence.of(1, CadenceUnit.WEEK),
      "P1M", Cadence.of(1, CadenceUnit.MONTH),
      "P3M", Cadence.of(3, CadenceUnit.MONTH),
      "P1Y", Cadence.of(1, CadenceUnit.YEAR));

  private ModelRules() {}

  static boolean validId(String id) {
    return validId(id, false);
  }

  static boolean validOwnerId(String id) {
    return validId(id, true);
  }

  private static boolean validId(String id, boolean owner) {
    if (id == null || id.isEmpty() || id.length() > MAX_ID || !asciiLetterOrDigit(id.charAt(0))) {
      return false;
    }
    for (int i = 1; i < id.length(); i++) {
      char c = id.charAt(i);
      boolean ok = asciiLetterOrDigit(c) || c == '_' || c == '|' || c == '.' || c == '-' || (owner && c == '@');
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static boolean asciiLetterOrDigit(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  /** 1..255 characters, not blank, no control characters (C0, DEL and C1 are all control characters). */
  static boolean validDisplayName(String name) {
    if (name == null || name.isBlank() || name.length() > MAX_NAME) {
      return false;
    }
    return name.chars().noneMatch(c -> Character.isISOControl(c));
  }

  /** Metadata keys are free text but never empty and never control characters. */
  static boolean validMetadataKey(String key) {
    return key != null && !key.isEmpty() && key.length() <= 255 && key.chars().noneMatch(c -> Character.isISOControl(c));
  }

  /** The anchor as stored: the upsert documents millisecond precision. */
  static Instant storedAnchor(Instant anchor) {
    return anchor == null ? null : anchor.truncatedTo(ChronoUnit.MILLIS);
  }
}
