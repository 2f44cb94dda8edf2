package dev.governor.testing;

import dev.governor.spi.BudgetSet;
import dev.governor.spi.CatalogStore;
import dev.governor.spi.GlobalCatalogTransaction;
import dev.governor.spi.GlobalCatalogView;
import dev.governor.spi.GovernanceStore;
import dev.governor.spi.IngestBatch;
import dev.governor.spi.LedgerCounter;
import dev.governor.spi.LedgerStatus;
import dev.governor.spi.OwnerCatalogTransaction;
import dev.governor.spi.OwnerCatalogView;
import dev.governor.spi.OwnerLedger;
import dev.governor.spi.StoreContext;
import dev.governor.spi.UsageLedger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Wraps any {@link GovernanceStore} and makes it fail on demand, to test that the engine fails
 * closed. Faults are armed by the test and fire at most as configured:
 * <ul>
 *   <li>{@link #failCall(int)}: the n-th store call of any kind from now (catalog reads and updates,
 *       owner-ledger lookups, catalog versions, counter handles, ledger operations) throws before the
 *       real store sees it.</li>
 *   <li>{@link #failLedgerOperation(int)}: the n-th ledger operation from now ({@code read},
 *       {@code check}, {@code readEach}, {@code consume}, {@code ingest}) throws before the real store
 *       sees it.</li>
 *   <li>{@link #failInputRead(int)}: the next ledger operation reaches the real store, but with its
 *       inputs ({@link BudgetSet}s, including every event's set of an {@link IngestBatch}) wrapped so
 *       that the store's k-th read of an input throws part-way through the operation.</li>
 *   <li>{@link #ledgerDown(boolean)} / {@link #catalogDown(boolean)}: every call of that part throws
 *       until switched back.</li>
 *   <li>{@link #stall}: calls of one owner block at a {@link Stall.Point} until released, or time out
 *       like a store client would; see {@link Stall}.</li>
 * </ul>
 * Every fault throws {@link InjectedFault}. Input-read faults assume one operation at a time (tests
 * arm them single-threaded); the rest is thread-safe. Meant to be extended with further faults.
 */
public class FaultInjectingStore implements GovernanceStore {
  /** The exception every injected fault throws. */
  public static final class InjectedFault extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InjectedFault(String message) {
      super(message);
    }
  }

  private final GovernanceStore delegate;
  private final AtomicInteger callsUntilFault = new AtomicInteger();
  private final AtomicLong calls = new AtomicLong();
  private final AtomicInteger operationsUntilFault = new AtomicInteger();
  private final AtomicInteger inputReadsUntilFault = new AtomicInteger();
  private final AtomicInteger faultsFired = new AtomicInteger();
  private volatile boolean ledgerDown;
  private volatile boolean catalogDown;
  /** True while a real-store call with wrapped inputs runs; reads outside it (by this wrapper) do not count. */
  private volatile boolean counting;
  private final ConcurrentHashMap<String, OwnerLedger> ledgers = new ConcurrentHashMap<>();
  private final CopyOnWriteArrayList<Stall> stalls = new CopyOnWriteArrayList<>();
  /** The owner whose ledger operation the current thread is running inside the real store, if any. */
  private final ThreadLocal<String> ledgerOwner = new ThreadLocal<>();

  public FaultInjectingStore(GovernanceStore delegate) {
    this.delegate = delegate;
  }

  /** The wrapped store. */
  public GovernanceStore delegate() {
    return delegate;
  }

  /**
   * Makes the n-th store call of any kind from now (1 = the next) throw before reaching the store.
   * Fires once, then disarms.
   */
  public void failCall(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("n must be at least 1, was " + n);
    }
    callsUntilFault.set(n);
  }

  /** How many store calls of any kind the engine has made through this wrapper. */
  public long calls() {
    return calls.get();
  }

  /**
   * Arms a stall: the next {@code hits} calls of {@code ownerId} reaching {@code point} block until
   * {@link Stall#release()} (then proceed) or, when {@code timeout} is not null, until it passes
   * (then throw). Returns the handle to wait on and release.
   */
  public Stall stall(Stall.Point point, String ownerId, int hits, Duration timeout) {
    Stall s = new Stall(point, ownerId, hits, timeout);
    stalls.add(s);
    return s;
  }

  /** A stall of the next call of {@code ownerId} reaching {@code point}, until released. */
  public Stall stall(Stall.Point point, String ownerId) {
    return stall(point, ownerId, 1, null);
  }

  /** Makes the n-th ledger operation from now (1 = the next) throw before reaching the store. */
  public void failLedgerOperation(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("n must be at least 1, was " + n);
    }
    operationsUntilFault.set(n);
  }

  /** Makes the next ledger operation throw. */
  public void failNextLedgerOperation() {
    failLedgerOperation(1);
  }

  /**
   * Makes the real store's k-th read (1 = the first) of the next ledger operation's inputs throw. If
   * the operation reads fewer than k inputs, the fault does not fire and is disarmed.
   */
  public void failInputRead(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be at least 1, was " + k);
    }
    inputReadsUntilFault.set(k);
  }

  /** While true, every ledger call (operations, counters, versions, owner lookups) throws. */
  public void ledgerDown(boolean down) {
    ledgerDown = down;
  }

  /** While true, every catalog read and update throws. */
  public void catalogDown(boolean down) {
    catalogDown = down;
  }

  /** Disarms every fault. */
  public void heal() {
    callsUntilFault.set(0);
    operationsUntilFault.set(0);
    inputReadsUntilFault.set(0);
    ledgerDown = false;
    catalogDown = false;
    for (Stall s : stalls) {
      s.release();
    }
    stalls.clear();
  }

  /** How many injected faults have fired so far. */
  public int faultsFired() {
    return faultsFired.get();
  }

  private InjectedFault fire(String what) {
    faultsFired.incrementAndGet();
    return new InjectedFault("injected fault: " + what);
  }

  /** Counts one store call of any kind; throws if it is the one armed to fail. */
  private void anyCall(String what) {
    calls.incrementAndGet();
    if (callsUntilFault.getAndUpdate(left -> left > 0 ? left - 1 : 0) == 1) {
      throw fire("store call " + what);
    }
  }

  private void ledgerCall(String what) {
    if (ledgerDown) {
      throw fire("ledger down during " + what);
    }
    anyCall(what);
  }

  /** Counts one ledger operation; throws if it is the one armed to fail, blocks if one is stalled. */
  private void operation(String what, String ownerId) {
    ledgerCall(what);
    if (operationsUntilFault.getAndUpdate(left -> left > 0 ? left - 1 : 0) == 1) {
      throw fire("ledger operation " + what);
    }
    stallIfArmed(Stall.Point.LEDGER_OPERATION, ownerId, what);
  }

  /** Blocks in the first armed stall that claims this call; a timed-out or interrupted stall throws. */
  private void stallIfArmed(Stall.Point point, String ownerId, String what) {
    for (Stall s : stalls) {
      if (s.claims(point, ownerId)) {
        switch (s.block()) {
          case TIMED_OUT -> throw fire("store timed out while stalled at " + point + " during " + what);
          case INTERRUPTED -> throw fire("interrupted while stalled at " + point + " during " + what);
          case PROCEED -> {
            return;
          }
        }
      }
    }
  }

  /** Runs a real ledger call with the owner recorded, so that the store's clock reads can stall. */
  private <R> R insideLedger(String ownerId, java.util.function.Supplier<R> call) {
    String outer = ledgerOwner.get();
    ledgerOwner.set(ownerId);
    try {
      return call.get();
    } finally {
      if (outer == null) {
        ledgerOwner.remove();
      } else {
        ledgerOwner.set(outer);
      }
    }
  }

  private boolean inputFaultArmed() {
    return inputReadsUntilFault.get() > 0;
  }

  /**
   * Runs one real-store call with input reads counted; afterwards the input fault is disarmed
   * whether or not it fired, so it never leaks into a later operation.
   */
  private <R> R counted(java.util.function.Supplier<R> call) {
    counting = true;
    try {
      return call.get();
    } finally {
      counting = false;
      inputReadsUntilFault.set(0);
    }
  }

  private void inputRead(String what) {
    if (!counting) {
      return;
    }
    int left = inputReadsUntilFault.get();
    if (left > 0 && inputReadsUntilFault.decrementAndGet() == 0) {
      throw fire("input read " + what);
    }
  }

  @Override
  public void open(StoreContext context) {
    // The real store times idempotency keys with this clock; wrapping it lets STORE_CLOCK stalls
    // block inside the store's own critical sections.
    delegate.open(new StoreContext(new StallingClock(context.clock()), context.idempotencyRetention()));
  }

  /** The engine's clock as the real store sees it: reads inside a ledger operation may stall. */
  private final class StallingClock extends Clock {
    private final Clock real;

    StallingClock(Clock real) {
      this.real = real;
    }

    private void read() {
      String owner = ledgerOwner.get();
      if (owner != null) {
        stallIfArmed(Stall.Point.STORE_CLOCK, owner, "clock read");
      }
    }

    @Override
    public long millis() {
      read();
      return real.millis();
    }

    @Override
    public Instant instant() {
      read();
      return real.instant();
    }

    @Override
    public ZoneId getZone() {
      return real.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return new StallingClock(real.withZone(zone));
    }
  }

  @Override
  public CatalogStore catalog() {
    CatalogStore real = delegate.catalog();
    return new CatalogStore() {
      private void call(String what) {
        if (catalogDown) {
          throw fire("catalog down during " + what);
        }
        anyCall(what);
      }

      @Override
      public <R> R readGlobal(Function<GlobalCatalogView, R> reader) {
        call("readGlobal");
        return real.readGlobal(reader);
      }

      @Override
      public <R> R updateGlobal(Function<GlobalCatalogTransaction, R> work) {
        call("updateGlobal");
        return real.updateGlobal(work);
      }

      @Override
      public <R> R readOwner(String ownerId, Function<OwnerCatalogView, R> reader) {
        call("readOwner");
        return real.readOwner(ownerId, reader);
      }

      @Override
      public <R> R updateOwner(String ownerId, Function<OwnerCatalogTransaction, R> work) {
        call("updateOwner");
        return real.updateOwner(ownerId, tx -> {
          stallIfArmed(Stall.Point.CATALOG_UPDATE, ownerId, "updateOwner");
          return work.apply(tx);
        });
      }
    };
  }

  @Override
  public UsageLedger ledger() {
    UsageLedger real = delegate.ledger();
    return ownerId -> {
      ledgerCall("owner");
      return ledgers.computeIfAbsent(ownerId, id -> new FaultyOwnerLedger(real.owner(id)));
    };
  }

  private final class FaultyOwnerLedger implements OwnerLedger {
    private final OwnerLedger real;

    FaultyOwnerLedger(OwnerLedger real) {
      this.real = real;
    }

    @Override
    public String ownerId() {
      return real.ownerId();
    }

    private void operation(String what) {
      FaultInjectingStore.this.operation(what, real.ownerId());
    }

    @Override
    public long catalogVersion() {
      ledgerCall("catalogVersion");
      return real.catalogVersion();
    }

    @Override
    public LedgerCounter counter(UUID assignmentId) {
      ledgerCall("counter");
      return real.counter(assignmentId);
    }

    @Override
    public LedgerStatus read(BudgetSet budgets, long nowMillis, long[] usageOut) {
      operation("read");
      return withInputs(budgets, b -> real.read(b, nowMillis, usageOut));
    }

    @Override
    public LedgerStatus check(BudgetSet budgets, long nowMillis, long amount) {
      operation("check");
      return withInputs(budgets, b -> real.check(b, nowMillis, amount));
    }

    @Override
    public LedgerStatus checkRecorded(BudgetSet budgets, long amount) {
      operation("checkRecorded");
      return withInputs(budgets, b -> real.checkRecorded(b, amount));
    }

    @Override
    public void readEach(BudgetSet budgets, long nowMillis, long[] usageOut) {
      operation("readEach");
      withInputs(budgets, b -> {
        real.readEach(b, nowMillis, usageOut);
        return null;
      });
    }

    @Override
    public LedgerStatus consume(BudgetSet budgets, long nowMillis, long amount, String idempotencyKey, long[] usageOut) {
      operation("consume");
      return withInputs(budgets, b -> real.consume(b, nowMillis, amount, idempotencyKey, usageOut));
    }

    @Override
    public LedgerStatus ingest(IngestBatch batch, long nowMillis) {
      operation("ingest");
      if (!inputFaultArmed()) {
        return insideLedger(real.ownerId(), () -> real.ingest(batch, nowMillis));
      }
      int n = batch.size();
      BudgetSet[] sets = new BudgetSet[n];
      long[] amounts = new long[n];
      String[] keys = new String[n];
      long[] times = new long[n];
      for (int e = 0; e < n; e++) {
        sets[e] = new FaultyBudgetSet(batch.budgets(e));
        amounts[e] = batch.amount(e);
        keys[e] = batch.idempotencyKey(e);
        times[e] = batch.eventTime(e);
      }
      IngestBatch wrapped = new IngestBatch(batch.catalogVersion(), sets, amounts, keys, times);
      LedgerStatus status = insideLedger(real.ownerId(), () -> counted(() -> real.ingest(wrapped, nowMillis)));
      // Hand the store's outputs back to the engine's batch, late flags included.
      for (int e = 0; e < n; e++) {
        batch.outcome(e, wrapped.outcome(e));
        for (int i = 0; i < batch.budgets(e).size(); i++) {
          if (wrapped.isLate(e, i)) {
            batch.late(e, i, wrapped.usageAfter(e, i));
          } else {
            batch.usageAfter(e, i, wrapped.usageAfter(e, i));
          }
        }
      }
      batch.overflowIndex(wrapped.overflowIndex());
      return status;
    }

    private <R> R withInputs(BudgetSet budgets, Function<BudgetSet, R> call) {
      if (!inputFaultArmed()) {
        return insideLedger(real.ownerId(), () -> call.apply(budgets));
      }
      FaultyBudgetSet faulty = new FaultyBudgetSet(budgets);
      return insideLedger(real.ownerId(), () -> counted(() -> call.apply(faulty)));
    }
  }

  /** A budget set whose reads count towards the armed input-read fault. */
  private final class FaultyBudgetSet implements BudgetSet {
    private final BudgetSet real;

    FaultyBudgetSet(BudgetSet real) {
      this.real = real;
    }

    @Override
    public long catalogVersion() {
      inputRead("catalogVersion");
      return real.catalogVersion();
    }

    @Override
    public int size() {
      inputRead("size");
      return real.size();
    }

    @Override
    public LedgerCounter counter(int i) {
      inputRead("counter(" + i + ")");
      return real.counter(i);
    }

    @Override
    public long limit(int i) {
      inputRead("limit(" + i + ")");
      return real.limit(i);
    }

    @Override
    public long periodStart(int i, long timeMillis) {
      inputRead("periodStart(" + i + ")");
      return real.periodStart(i, timeMillis);
    }
  }
}
