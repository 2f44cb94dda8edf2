package dev.governor.conformance.fuzz;

import dev.governor.GovernanceEngine;
import dev.governor.Page;
import dev.governor.PageRequest;
import dev.governor.catalog.Assignment;
import dev.governor.catalog.AssignmentFilter;
import dev.governor.catalog.Capability;
import dev.governor.catalog.Entity;
import dev.governor.catalog.EntityFilter;
import dev.governor.catalog.EntityType;
import dev.governor.conformance.fuzz.Findings.Kind;
import dev.governor.query.TreeQuery;
import dev.governor.query.TreeRow;
import dev.governor.testing.model.CatalogModel;
import dev.governor.testing.model.OwnerModel;
import dev.governor.testing.model.Rejection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs one public-API call against the engine and the reference model side by side and records every
 * disagreement in {@link Findings}: an escaped exception that is not a documented typed error, a typed
 * error that does not name its field, a request accepted that the semantics (docs/semantics.md) rejects or rejected that the semantics (docs/semantics.md)
 * accepts, an answer that differs from the model's, and any response that shows the victim owner's
 * data. The model copy replaces the model only when the engine accepted the call, so after a rejected
 * call the state read back must still equal the model: nothing half-written. Not thread-safe.
 */
final class Fuzzer {
  final GovernanceEngine engine;
  final String owner;
  /** The engine's clock, which never moves during a fuzz run. */
  final Instant now;
  final Hostile h;
  final Findings findings;
  CatalogModel model;
  /** Texts that must never appear in a response unless the request contained them. */
  final Set<String> victimTokens;
  long calls;
  /** Outcomes worth seeing in the summary (granted, denied, late, overflow, ...), counted. */
  final Map<String, Long> tallies = new TreeMap<>();
  /** The failure of the last call, or null. */
  Throwable lastFailure;
  /** Per operation: calls accepted, calls rejected with a typed error, calls that failed otherwise. */
  final Map<String, long[]> outcomes = new TreeMap<>();

  /** A cursor some list or query issued, with what it is tied to and where it points. */
  record Issued<P>(String cursor, String context, long version, P position) {}

  final List<Issued<String>> entityCursors = new ArrayList<>();
  final List<Issued<Assignment>> assignmentCursors = new ArrayList<>();
  final List<Issued<String>> typeCursors = new ArrayList<>();
  final List<Issued<String>> capabilityCursors = new ArrayList<>();
  final List<Issued<TreeRow>> queryCursors = new ArrayList<>();
  /** The query each registered query cursor continues. */
  private final Map<String, TreeQuery> queryOfCursor = new HashMap<>();
  /** Cursors issued to the victim owner: foreign to the fuzzed one. */
  final List<String> victimCursors = new ArrayList<>();

  Fuzzer(GovernanceEngine engine, String owner, Instant now, Hostile h, Findings findings, CatalogModel model,
      Set<String> victimTokens) {
    this.engine = engine;
    this.owner = owner;
    this.now = now;
    this.h = h;
    this.findings = findings;
    this.model = model;
    this.victimTokens = victimTokens;
  }

  /** Compares an expected answer with the engine's; returns null when they agree, else a description. */
  interface Check<E, R> {
    String diff(E expected, R actual, CatalogModel after);
  }

  static <E, R> Check<E, R> equal() {
    return (e, a, m) -> Objects.equals(e, a) ? null : "expected " + e + "\n    actual   " + a;
  }

  /**
   * One call. {@code engineCall} runs it on the engine; {@code modelCall} runs it on a copy of the
   * model, given the engine's answer when it accepted the call (null otherwise), and returns the
   * expected answer or throws {@link Rejection}. Returns the engine's answer, or null when it failed.
   */
  <E, R> R call(String op, Supplier<String> request, Supplier<R> engineCall, BiFunction<CatalogModel, R, E> modelCall,
      Check<E, R> check) {
    calls++;
    R result = null;
    Throwable failure = null;
    try {
      result = engineCall.get();
    } catch (OutOfMemoryError e) {
      throw e;
    } catch (RuntimeException | Error e) {
      failure = e;
    }
    trace(op, request, result, failure);
    lastFailure = failure;
    outcomes.computeIfAbsent(op, k -> new long[3])[failure == null ? 0
        : failure instanceof dev.governor.GovernanceException ? 1 : 2]++;
    CatalogModel next = model.copy();
    E expected = null;
    String rejected = null;
    try {
      expected = modelCall.apply(next, failure == null ? result : null);
    } catch (Rejection r) {
      rejected = r.getMessage();
    }
    if (failure != null) {
      Throwable error = failure;
      leakCheck(op, request, String.valueOf(failure.getMessage()));
      boolean typed = findings.typed(op, request, failure);
      if (typed && rejected == null) {
        findings.add(Kind.REJECTED_VALID, op + " " + failure.getClass().getSimpleName() + " on "
            + ((dev.governor.GovernanceException) failure).field(), () -> request.get() + "\n    error: " + error, failure);
        verifyState("after " + op + " rejected a valid request");
      } else if (!typed) {
        verifyState("after " + op + " threw " + failure.getClass().getSimpleName());
      }
      return null;
    }
    leakCheck(op, request, String.valueOf(result));
    if (rejected != null) {
      R answer = result;
      findings.add(Kind.ACCEPTED_INVALID, op + ": " + rejected, () -> request.get() + "\n    answer: " + answer, null);
      verifyState("after " + op + " accepted an invalid request");
      return result;
    }
    String diff = check.diff(expected, result, next);
    model = next;
    if (diff != null) {
      findings.add(Kind.WRONG_ANSWER, op, () -> request.get() + "\n    " + diff, null);
      verifyState("after a wrong answer of " + op);
    }
    return result;
  }

  private void leakCheck(String op, Supplier<String> request, String response) {
    for (String token : victimTokens) {
      if (response.contains(token) && !request.get().contains(token)) {
        findings.add(Kind.ISOLATION_BROKEN, op + " showed the victim's " + token, () -> request.get() + "\n    response: "
            + Findings.shorten(response), null);
      }
    }
  }

  /**
   * Builds a request value through the public API; a builder that throws anything but a documented
   * typed error is a finding too (the value never reaches the engine). Returns null when it threw.
   */
  <T> T build(String op, Supplier<String> request, Supplier<T> builder) {
    try {
      return builder.get();
    } catch (RuntimeException e) {
      calls++;
      findings.typed(op + " (building the request)", request, e);
      return null;
    }
  }

  /**
   * A registry key for what a cursor is tied to; null parts are told apart from the text "null" (a
   * valid id the fuzz sends).
   */
  static String context(Object... parts) {
    StringBuilder sb = new StringBuilder();
    for (Object p : parts) {
      sb.append(p == null ? "\u0000" : "'" + p + "'").append('\u0001');
    }
    return sb.toString();
  }

  /** The fuzzed owner's part of the model (an empty one, not kept, before its first write). */
  OwnerModel own() {
    return model.ownerOrEmpty(owner);
  }

  void rememberQuery(TreeQuery q, String cursor, TreeRow last) {
    remember(queryCursors, new Issued<>(cursor, QueryModel.signature(q), own().version(), last));
    queryOfCursor.put(cursor, q);
    queryOfCursor.keySet().retainAll(queryCursors.stream().map(Issued::cursor).toList());
  }

  TreeQuery queryOf(Issued<TreeRow> issued) {
    return queryOfCursor.get(issued.cursor());
  }

  void tally(String what) {
    tallies.merge(what, 1L, Long::sum);
  }

  /** Tallies what a runtime call did: its outcome, or an overflow rejection. */
  void tallyFailure(String op) {
    if (lastFailure != null && String.valueOf(lastFailure.getMessage()).contains("Long.MAX_VALUE")) {
      tally(op + " rejected: overflow");
    }
  }

  static <T> void remember(List<T> issued, T cursor) {
    issued.add(cursor);
    if (issued.size() > 50) {
      issued.remove(0);
    }
  }

  /** {@code -Dgovernor.fuzz.trace=TEXT} prints every call whose request or answer contains TEXT. */
  private static final String TRACE = System.getProperty("governor.fuzz.trace");

  private void trace(String op, Supplier<String> request, Object result, Throwable failure) {
    if (TRACE == null || TRACE.isEmpty()) {
      return;
    }
    String req = request.get();
    String answer = failure != null ? String.valueOf(failure) : String.valueOf(result);
    if (req.contains(TRACE) || answer.contains(TRACE)) {
      System.out.println("[trace] #" + calls + " " + Findings.shorten(req) + "\n    -> " + Findings.shorten(answer));
    }
  }

  /** One line per operation: how often it was accepted and rejected, to show the fuzz is not degenerate. */
  String summary() {
    StringBuilder sb = new StringBuilder("fuzz calls per operation (accepted / typed error / other):\n");
    outcomes.forEach((op, n) -> sb.append(String.format("  %-28s %7d / %7d / %d%n", op, n[0], n[1], n[2])));
    sb.append("outcomes:\n");
    tallies.forEach((what, n) -> sb.append(String.format("  %-40s %7d%n", what, n)));
    return sb.toString();
  }

  // ------------------------------------------------------------------ reading the engine back

  <T> List<T> all(Function<String, Page<T>> list) {
    List<T> out = new ArrayList<>();
    String after = null;
    do {
      Page<T> page = list.apply(after);
      out.addAll(page.items());
      after = page.nextCursor();
    } while (after != null);
    return out;
  }

  List<TreeRow> allBudgetRows() {
    if (model.capabilities().isEmpty()) {
      return List.of();
    }
    TreeQuery q = TreeQuery.budgets(model.capabilityIds().toArray(new String[0])).includeArchived(true).limit(100);
    return all(after -> engine.query(owner, q.after(after)));
  }

  /**
   * Reads the whole state back (types, capabilities, entities, assignments, every budget's usage) and
   * compares it with the model; on a difference records it and adopts what the engine holds, so one
   * divergence is reported once rather than on every later call.
   */
  void verifyState(String when) {
    List<EntityType> types = all(after -> engine.entityTypes().list(new PageRequest(100, after)));
    List<Capability> caps = all(after -> engine.capabilities().list(new PageRequest(100, after)));
    List<Entity> entities = all(after -> engine.entities(owner).list(new EntityFilter(null, true),
        new PageRequest(100, after)));
    List<Assignment> assignments = all(after -> engine.assignments(owner).list(AssignmentFilter.all(),
        new PageRequest(100, after)));
    List<TreeRow> rows = allBudgetRows();
    List<String> diffs = new ArrayList<>();
    List<EntityType> expectedTypes = new ArrayList<>(model.types().values());
    if (!expectedTypes.equals(types)) {
      diffs.add("types: expected " + expectedTypes + " actual " + types);
    }
    List<Capability> expectedCaps = new ArrayList<>(model.capabilities().values());
    if (!expectedCaps.equals(caps)) {
      diffs.add("capabilities: expected " + expectedCaps + " actual " + caps);
    }
    List<Entity> expectedEntities = new ArrayList<>(own().entities().values());
    if (!expectedEntities.equals(entities)) {
      diffs.add("entities: expected " + expectedEntities + "\n    actual " + entities);
    }
    List<Assignment> expectedAssignments = own().assignments();
    if (!expectedAssignments.equals(assignments)) {
      diffs.add("assignments: expected " + expectedAssignments + "\n    actual " + assignments);
    }
    Map<UUID, Long> usage = new HashMap<>();
    rows.forEach(r -> usage.put(r.assignmentId(), r.currentUsage()));
    Map<UUID, Long> expectedUsage = own().usageAt(now);
    if (!usage.equals(expectedUsage)) {
      diffs.add("usage: expected " + expectedUsage + "\n    actual " + usage);
    }
    if (diffs.isEmpty()) {
      return;
    }
    findings.add(Kind.STATE_DIVERGED, when, () -> String.join("\n    ", diffs), null);
    adopt(types, caps, entities, assignments, usage);
  }

  private void adopt(List<EntityType> types, List<Capability> caps, List<Entity> entities,
      List<Assignment> assignments, Map<UUID, Long> usage) {
    CatalogModel m = model.copy();
    m.adopt(types, caps, owner, entities, assignments, usage, now);
    model = m;
    // Cursors issued before cannot be judged against a state the model did not follow.
    queryCursors.clear();
    queryOfCursor.clear();
  }
}
