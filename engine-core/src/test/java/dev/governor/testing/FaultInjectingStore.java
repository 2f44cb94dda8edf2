package dev.governor.testing;

import dev.governor.spi.BudgetSet;
import dev.governor.spi.GovernanceStore;
import dev.governor.spi.LedgerCounter;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Wraps any {@link GovernanceStore} and makes it fail on demand, to test that the engine fails
 * closed. Faults are armed by the test and fire at most as configured:
 * <ul>
 *   <li>{@link #failCall(int)}: the n-th store call of any kind from now (catalog reads and commits,
 *       owner-ledger lookups, ledger operations) throws before the real store sees it.</li>
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
public class FaultInjectingStore extends ForwardingStore {
  /** The exception every injected fault throws. */
  public static final class InjectedFault extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InjectedFault(String message) {
      super(message);
    }
  }

  private final AtomicInteger callsUntilFault = new AtomicInteger();
  private final AtomicLong calls = new AtomicLong();
  private final AtomicInteger operationsUntilFault = new AtomicInteger();
  private final AtomicInteger inputReadsUntilFault = new AtomicInteger();
  private final AtomicInteger faultsFired = new AtomicInteger();
  private volatile boolean ledgerDown;
  private volatile boolean catalogDown;
  /** True while a real-store call with wrapped inputs runs; reads outside it (by this wrapper) do not count. */
  private volatile boolean counting;
  private final CopyOnWriteArrayList<Stall> stalls = new CopyOnWriteArrayList<>();
  /** The owner whose ledger operation the current thread is running inside the real store, if any. */
  private final ThreadLocal<String> ledgerOwner = new ThreadLocal<>();

  public FaultInjectingStore(GovernanceStore delegate) {
    super(delegate);
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

  /** While true, every ledger call (operations and owner lookups) throws. */
  public void ledgerDown(boolean down) {
    ledgerDown = down;
  }

  /** While true, every catalog read and commit throws. */
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
  protected void beforeCatalogCall(String operation, String ownerId) {
    if (catalogDown) {
      throw fire("catalog down during " + operation);
    }
    anyCall(operation);
    if (operation.equals("commitOwner")) {
      stallIfArmed(Stall.Point.CATALOG_COMMIT, ownerId, operation);
    }
  }

  @Override
  protected void beforeLedgerCall(String operation, String ownerId, int inputs) {
    if (operation.equals("owner")) {
      ledgerCall(operation);
    } else {
      operation(operation, ownerId);
    }
  }

  @Override
  protected <R> R insideLedger(String ownerId, Supplier<R> call) {
    String outer = ledgerOwner.get();
    ledgerOwner.set(ownerId);
    try {
      return inputFaultArmed() ? counted(call) : call.get();
    } finally {
      if (outer == null) {
        ledgerOwner.remove();
      } else {
        ledgerOwner.set(outer);
      }
    }
  }

  @Override
  protected BudgetSet inputs(BudgetSet budgets) {
    return inputFaultArmed() || !stalls.isEmpty() ? new FaultyBudgetSet(budgets) : budgets;
  }

  /** A budget set whose reads count towards the armed input-read fault; period reads may stall. */
  private final class FaultyBudgetSet implements BudgetSet {
    private final BudgetSet real;

    FaultyBudgetSet(BudgetSet real) {
      this.real = real;
    }

    private void read(String what) {
      inputRead(what);
    }

    @Override
    public long catalogVersion() {
      read("catalogVersion");
      return real.catalogVersion();
    }

    @Override
    public long globalVersion() {
      read("globalVersion");
      return real.globalVersion();
    }

    @Override
    public int size() {
      read("size");
      return real.size();
    }

    @Override
    public LedgerCounter counter(int i) {
      read("counter(" + i + ")");
      return real.counter(i);
    }

    @Override
    public long limit(int i) {
      read("limit(" + i + ")");
      return real.limit(i);
    }

    @Override
    public long periodStart(int i, long timeMillis) {
      read("periodStart(" + i + ")");
      String owner = ledgerOwner.get();
      if (owner != null) {
        stallIfArmed(Stall.Point.PERIOD_READ, owner, "periodStart(" + i + ")");
      }
      return real.periodStart(i, timeMillis);
    }
  }
}
