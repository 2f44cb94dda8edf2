package dev.governor.internal;

import dev.governor.catalog.AssignmentKey;
import dev.governor.query.SortField;
import java.util.Set;

/**
 * The total order of one query's rows: the primary sort value in the requested direction (nulls
 * last either way), then entity id, scope and capability ascending, which makes every row's position
 * unique and paging stable. A backward page (before a cursor) reads the same order reversed, whole:
 * the rows nearest the cursor are the best of the reversed order. A row is an int plus its primary value as two longs ({@link #NULL} in the
 * first for "no value"); the tie-break fields are fetched from the rows only when two primaries are
 * equal, so comparing rows touches no objects in the common case. Confined to one query.
 */
final class RowOrder {
  /** The primary value of a row that has none (an unlimited budget's utilization or limit). */
  static final long NULL = Long.MIN_VALUE;

  /** Where the tie-break fields of a row come from. */
  interface Ties {
    String entityId(int row);

    Set<String> scope(int row);

    /** Null in tree mode. */
    String capabilityId(int row);
  }

  /** A position: the sort values of one row, from a row or decoded from a cursor. */
  record Key(long p1, long p2, String entityId, Set<String> scope, String capabilityId) {}

  final SortField field;
  final boolean descending;
  /** True for a backward page: every comparison is negated, nulls and tie-breaks included. */
  final boolean reversed;
  private final Ties ties;

  RowOrder(SortField field, boolean descending, boolean reversed, Ties ties) {
    this.field = field;
    this.descending = descending;
    this.reversed = reversed;
    this.ties = ties;
  }

  Key key(long p1, long p2, int row) {
    return new Key(p1, p2, ties.entityId(row), ties.scope(row), ties.capabilityId(row));
  }

  int compare(long a1, long a2, int a, long b1, long b2, int b) {
    int c = forward(a1, a2, a, b1, b2, b);
    return reversed ? -c : c;
  }

  /** Compares a row with a position: positive when the row comes after it in this order. */
  int compareTo(long a1, long a2, int a, Key k) {
    int c = forward(a1, a2, a, k);
    return reversed ? -c : c;
  }

  private int forward(long a1, long a2, int a, long b1, long b2, int b) {
    if (field != SortField.ID) {
      int c = primary(a1, a2, b1, b2);
      if (c != 0) {
        return c;
      }
    }
    return tie(ties.entityId(a), ties.scope(a), ties.capabilityId(a), ties.entityId(b), ties.scope(b),
        ties.capabilityId(b));
  }

  private int forward(long a1, long a2, int a, Key k) {
    if (field != SortField.ID) {
      int c = primary(a1, a2, k.p1(), k.p2());
      if (c != 0) {
        return c;
      }
    }
    return tie(ties.entityId(a), ties.scope(a), ties.capabilityId(a), k.entityId(), k.scope(), k.capabilityId());
  }

  private int primary(long a1, long a2, long b1, long b2) {
    boolean an = a1 == NULL;
    boolean bn = b1 == NULL;
    if (an || bn) {
      return an == bn ? 0 : an ? 1 : -1;
    }
    int c = Long.compare(a1, b1);
    if (c == 0) {
      c = Long.compare(a2, b2);
    }
    return descending ? -c : c;
  }

  private int tie(String ae, Set<String> as, String ac, String be, Set<String> bs, String bc) {
    int c = ae.compareTo(be);
    if (field == SortField.ID && descending) {
      c = -c;
    }
    if (c != 0) {
      return c;
    }
    c = AssignmentKey.compareScopes(as, bs);
    if (c != 0) {
      return c;
    }
    return ac == null ? (bc == null ? 0 : -1) : bc == null ? 1 : ac.compareTo(bc);
  }

  /** Maps a non-negative double (or +infinity) to a long with the same order. */
  static long sortable(double d) {
    return Double.doubleToLongBits(d);
  }
}
