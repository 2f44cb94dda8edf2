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
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Wraps any {@link GovernanceStore} and makes it fail on demand, to test that the engine fails
 * closed. Faults are armed by the test and fire at most as configured:
 * <ul>
 *   <li>{@link #failLedgerOperation(int)}: the n-th ledger operation from now ({@code read},
 *       {@code check}, {@code readEach}, {@code consume}, {@code ingest}) throws before the real store
 *       sees it.</li>
 *   <li>{@link #failInputRead(int)}: the next ledger operation reaches the real store, but with its
 *       inputs ({@link BudgetSet}s, including every event's set of an {@link IngestBatch}) wrapped so
 *       that the store's k-th read of an input throws part-way through the operation.</li>
 *   <li>{@link #ledgerDown(boolean)} / {@link #catalogDown(boolean)}: every call of that part throws
 *       until switched back.</li>
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
  private final AtomicInteger operationsUntilFault = new AtomicInteger();
  private final AtomicInteger inputReadsUntilFault = new AtomicInteger();
  private final AtomicInteger faultsFired = new AtomicInteger();
  private volatile boolean ledgerDown;
  private volatile boolean catalogDown;
  /** True while a real-store call with wrapped inputs runs; reads outside it (by this wrapper) do not count. */
  private volatile boolean counting;
  private final ConcurrentHashMap<String, OwnerLedger> ledgers = new ConcurrentHashMap<>();

  public FaultInjectingStore(GovernanceStore delegate) {
    this.delegate = delegate;
  }

  /** The wrapped store. */
  public GovernanceStore delegate() {
    return delegate;
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
    operationsUntilFault.set(0);
    inputReadsUntilFault.set(0);
    ledgerDown = false;
    catalogDown = false;
  }

  /** How many injected faults have fired so far. */
  public int faultsFired() {
    return faultsFired.get();
  }

  private InjectedFault fire(String what) {
    faultsFired.incrementAndGet();
    return new InjectedFault("injected fault: " + what);
  }

  private void ledgerCall(String what) {
    if (ledgerDown) {
      throw fire("ledger down during " + what);
    }
  }

  /** Counts one ledger operation; throws if it is the one armed to fail. */
  private void operation(String what) {
    ledgerCall(what);
    int left = operationsUntilFault.get();
    if (left > 0 && operationsUntilFault.decrementAndGet() == 0) {
      throw fire("ledger operation " + what);
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
    delegate.open(context);
  }

  @Override
  public CatalogStore catalog() {
    CatalogStore real = delegate.catalog();
    return new CatalogStore() {
      private void call(String what) {
        if (catalogDown) {
          throw fire("catalog down during " + what);
        }
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
        return real.updateOwner(ownerId, work);
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
        return real.ingest(batch, nowMillis);
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
      LedgerStatus status = counted(() -> real.ingest(wrapped, nowMillis));
      // Hand the store's outputs back to the engine's batch.
      for (int e = 0; e < n; e++) {
        batch.outcome(e, wrapped.outcome(e));
        for (int i = 0; i < batch.budgets(e).size(); i++) {
          batch.usageAfter(e, i, wrapped.usageAfter(e, i));
        }
      }
      batch.overflowIndex(wrapped.overflowIndex());
      return status;
    }

    private <R> R withInputs(BudgetSet budgets, Function<BudgetSet, R> call) {
      if (!inputFaultArmed()) {
        return call.apply(budgets);
      }
      FaultyBudgetSet faulty = new FaultyBudgetSet(budgets);
      return counted(() -> call.apply(faulty));
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
