package dev.governor.internal;

import dev.governor.catalog.AssignmentKey;
import dev.governor.query.SortField;
import java.util.Set;

/**
 * The total order of one query's candidate rows: the primary sort value in the requested direction
 * (nulls last either way), then entity id, scope and capability ascending, which makes every row's
 * position unique and paging stable. Rows are compared by index into primitive arrays so a scan over
 * thousands of budgets allocates nothing per row. Confined to one query.
 */
final class RowOrder {
  /** A position: the sort values of one row, from a row or decoded from a cursor. */
  record Key(boolean isNull, long p1, long p2, String entityId, Set<String> scope, String capabilityId) {}

  final SortField field;
  final boolean descending;
  final boolean[] isNull;
  final long[] p1;
  final long[] p2;
  final String[] entityIds;
  final Object[] scopes;
  final String[] capabilityIds;

  RowOrder(SortField field, boolean descending, int rows) {
    this.field = field;
    this.descending = descending;
    this.isNull = new boolean[rows];
    this.p1 = new long[rows];
    this.p2 = new long[rows];
    this.entityIds = new String[rows];
    this.scopes = new Object[rows];
    this.capabilityIds = new String[rows];
  }

  void set(int i, boolean isNullValue, long v1, long v2, String entityId, Set<String> scope, String capabilityId) {
    isNull[i] = isNullValue;
    p1[i] = v1;
    p2[i] = v2;
    entityIds[i] = entityId;
    scopes[i] = scope;
    capabilityIds[i] = capabilityId;
  }

  Key key(int i) {
    return new Key(isNull[i], p1[i], p2[i], entityIds[i], scope(i), capabilityIds[i]);
  }

  @SuppressWarnings("unchecked")
  private Set<String> scope(int i) {
    return (Set<String>) scopes[i];
  }

  int compare(int a, int b) {
    return compare(isNull[a], p1[a], p2[a], entityIds[a], scope(a), capabilityIds[a],
        isNull[b], p1[b], p2[b], entityIds[b], scope(b), capabilityIds[b]);
  }

  int compareTo(int a, Key k) {
    return compare(isNull[a], p1[a], p2[a], entityIds[a], scope(a), capabilityIds[a],
        k.isNull(), k.p1(), k.p2(), k.entityId(), k.scope(), k.capabilityId());
  }

  private int compare(boolean an, long a1, long a2, String ae, Set<String> as, String ac,
      boolean bn, long b1, long b2, String be, Set<String> bs, String bc) {
    int c;
    if (field == SortField.ID) {
      c = ae.compareTo(be);
      c = descending ? -c : c;
    } else if (an != bn) {
      return an ? 1 : -1;
    } else {
      c = an ? 0 : Long.compare(a1, b1);
      if (c == 0 && !an) {
        c = Long.compare(a2, b2);
      }
      c = descending ? -c : c;
    }
    if (c != 0) {
      return c;
    }
    c = ae.compareTo(be);
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
