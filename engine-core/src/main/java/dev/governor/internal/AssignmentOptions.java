package dev.governor.internal;

import dev.governor.ValidationException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The rules of an assignment's optional fields: soft limit, alert thresholds and time zone. One
 * place, so the engine, the stores and the REST server agree on what is valid. Stateless and
 * thread-safe.
 */
final class AssignmentOptions {
  /** The most thresholds one budget may carry. */
  static final int MAX_THRESHOLDS = 8;
  /** The highest threshold: ten times the limit (only ingest can take usage past the limit). */
  static final double MAX_THRESHOLD = 10.0;

  private AssignmentOptions() {}

  static Long softLimit(int index, Long soft) {
    if (soft != null && soft < 0) {
      throw new ValidationException(index, "softLimit", soft, "must be at least 0 (or null for none)");
    }
    return soft;
  }

  /** Sorted, without duplicates. */
  static List<Double> alertThresholds(int index, List<Double> fractions) {
    if (fractions == null) {
      return List.of();
    }
    if (fractions.size() > MAX_THRESHOLDS) {
      throw ValidationException.of(index, "alertThresholds", "must hold at most " + MAX_THRESHOLDS + " fractions, had "
          + fractions.size());
    }
    TreeSet<Double> sorted = new TreeSet<>();
    for (int j = 0; j < fractions.size(); j++) {
      Double f = fractions.get(j);
      if (f == null || f.isNaN() || f <= 0 || f > MAX_THRESHOLD) {
        throw new ValidationException(index, "alertThresholds[" + j + "]", f,
            "must be a fraction of the limit above 0 and at most " + MAX_THRESHOLD + ", such as 0.8");
      }
      sorted.add(f);
    }
    return new ArrayList<>(sorted);
  }

  /** A budget with thresholds needs a limit to take fractions of. */
  static void requireLimitForThresholds(int index, Long limit, List<Double> thresholds) {
    if (limit == null && !thresholds.isEmpty()) {
      throw ValidationException.of(index, "alertThresholds",
          "need a usageLimit to take fractions of; a tracked-but-unlimited budget has none (clear them, or use softLimit)");
    }
  }

  /** An IANA region id such as {@code Europe/Berlin}; null for UTC. */
  static ZoneId timeZone(int index, String id) {
    if (id == null) {
      return null;
    }
    if (!REGIONS.contains(id)) {
      throw new ValidationException(index, "timeZone", id, "must be an IANA time zone id such as Europe/Berlin");
    }
    return ZoneId.of(id);
  }

  private static final Set<String> REGIONS = ZoneId.getAvailableZoneIds();
}
