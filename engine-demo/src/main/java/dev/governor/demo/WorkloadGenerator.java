package dev.governor.demo;

import dev.governor.runtime.Subject;
import dev.governor.runtime.UsageEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Generates each owner's request stream from a seed, before anything runs, so that a run's numbers
 * depend only on the seed and the request count.
 *
 * <p>Every request names its subject by dimensions, as a host application's request path would:
 * {@code orgId}, {@code teamId}, {@code userId} or {@code agentId}, and {@code modelId}. Who calls is
 * Zipf-distributed over the owner's users and agents in plan order (the first ones are the heavy
 * users, so their teams run into their limits); which model is Zipf-distributed too, each actor
 * preferring a different one. Of the requests, {@value #AI_TOKENS_SHARE} are ai-tokens consumes,
 * {@value #COMPLETION_SHARE} are AI completions through a reservation ({@link Call.Complete}),
 * {@value #INGEST_SHARE} are ingest batches (the agents' offline jobs reporting ai-tokens after the
 * fact, which is recorded even past a limit), and the rest are api-calls consumes.
 *
 * <p>A completion reserves an estimate; the actual amount is between {@value #MIN_ACTUAL} and
 * {@value #MAX_ACTUAL} times it (so some settles exceed the estimate). Of the completions,
 * {@value #FAIL_SHARE} fail (released), {@value #SLOW_SHARE} answer after their hold expired (settled
 * late) and {@value #RETRY_SHARE} retry their reserve under the same idempotency key.
 *
 * <p>Amounts are heavy-tailed and calibrated per owner and capability: the expected demand (counting
 * completions by their estimates) is {@value #DEMAND_FACTOR} times the org's budget for the
 * capability, whatever the request count, so a small run meets the same limits as a large one, only
 * in coarser steps.
 *
 * <p>The static {@code generate} methods are thread-safe; each call uses a generator (and random
 * source) of its own, which is not.
 */
public final class WorkloadGenerator {
  static final double INGEST_SHARE = 0.002;
  static final double AI_TOKENS_SHARE = 0.35;
  static final double COMPLETION_SHARE = 0.02;
  static final double MIN_ACTUAL = 0.45;
  static final double MAX_ACTUAL = 1.2;
  static final double FAIL_SHARE = 0.05;
  static final double SLOW_SHARE = 0.03;
  static final double RETRY_SHARE = 0.03;
  static final int MIN_INGEST_BATCH = 5;
  static final int MAX_INGEST_BATCH = 20;
  static final double DEMAND_FACTOR = 1.0;
  static final double ACTOR_SKEW = 1.1;
  static final double MODEL_SKEW = 1.0;
  /** Pareto shape of the amounts: the mean is {@code shape / (shape - 1)} times the smallest. */
  static final double AMOUNT_SHAPE = 2.0;
  static final int MAX_AMOUNT_FACTOR = 50;
  static final long DEFAULT_ORG_BUDGET = 100_000;

  private final SplittableRandom random;
  private final Subject[][] subjects;
  private final int[] agents;
  private final Zipf actorRanks;
  private final Zipf agentRanks;
  private final Zipf modelRanks;
  private final double tokenScale;
  private final double callScale;

  private WorkloadGenerator(OwnerPlan plan, long seed, int calls) {
    // SplittableRandom steps its state by this very constant, so without the split the streams of
    // consecutive seeds would be the same stream shifted by one draw; split() decorrelates them.
    random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + plan.ownerId().hashCode()).split();
    List<OwnerPlan.Node> actors = plan.nodes().stream()
        .filter(n -> n.typeId().equals(SeedCatalog.USER) || n.typeId().equals(SeedCatalog.AGENT)).toList();
    List<OwnerPlan.Node> models = plan.ofType(SeedCatalog.MODEL);
    subjects = new Subject[actors.size()][models.size()];
    for (int a = 0; a < actors.size(); a++) {
      for (int m = 0; m < models.size(); m++) {
        subjects[a][m] = subject(plan, actors.get(a), models.get(m));
      }
    }
    agents = IntStream.range(0, actors.size())
        .filter(a -> actors.get(a).typeId().equals(SeedCatalog.AGENT)).toArray();
    actorRanks = new Zipf(actors.size(), ACTOR_SKEW);
    agentRanks = new Zipf(Math.max(1, agents.length), ACTOR_SKEW);
    modelRanks = new Zipf(models.size(), MODEL_SKEW);
    double tokenEvents = calls
        * (AI_TOKENS_SHARE + COMPLETION_SHARE + INGEST_SHARE * (MIN_INGEST_BATCH + MAX_INGEST_BATCH) / 2.0);
    double apiCalls = calls * (1 - AI_TOKENS_SHARE - COMPLETION_SHARE - INGEST_SHARE);
    tokenScale = scale(orgBudget(plan, SeedCatalog.AI_TOKENS), tokenEvents);
    callScale = scale(orgBudget(plan, SeedCatalog.API_CALLS), apiCalls);
  }

  /** The streams of all owners, splitting {@code totalCalls} by the owners' shares. */
  public static List<OwnerWorkload> generate(List<OwnerPlan> plans, long seed, int totalCalls) {
    int shares = plans.stream().mapToInt(OwnerPlan::share).sum();
    List<OwnerWorkload> workloads = new ArrayList<>();
    int assigned = 0;
    for (int i = 0; i < plans.size(); i++) {
      OwnerPlan plan = plans.get(i);
      int calls = i == plans.size() - 1 ? totalCalls - assigned : (int) ((long) totalCalls * plan.share() / shares);
      assigned += calls;
      workloads.add(generate(plan, seed, calls));
    }
    return workloads;
  }

  /** One owner's stream of {@code calls} requests. */
  public static OwnerWorkload generate(OwnerPlan plan, long seed, int calls) {
    WorkloadGenerator generator = new WorkloadGenerator(plan, seed, calls);
    List<Call> stream = new ArrayList<>(calls);
    for (int i = 0; i < calls; i++) {
      stream.add(generator.next());
    }
    return new OwnerWorkload(plan, stream);
  }

  private Call next() {
    double kind = random.nextDouble();
    if (kind < INGEST_SHARE && agents.length > 0) {
      int size = MIN_INGEST_BATCH + random.nextInt(MAX_INGEST_BATCH - MIN_INGEST_BATCH + 1);
      List<UsageEvent> events = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        events.add(UsageEvent.of(subject(agents[agentRanks.sample(random)]), SeedCatalog.AI_TOKENS,
            amount(tokenScale)));
      }
      return new Call.Ingest(events);
    }
    int actor = actorRanks.sample(random);
    if (kind < INGEST_SHARE + AI_TOKENS_SHARE) {
      return new Call.Consume(subject(actor), SeedCatalog.AI_TOKENS, amount(tokenScale));
    }
    if (kind < INGEST_SHARE + AI_TOKENS_SHARE + COMPLETION_SHARE) {
      return completion(subject(actor));
    }
    return new Call.Consume(subject(actor), SeedCatalog.API_CALLS, amount(callScale));
  }

  /** An AI completion of {@code subject}: its estimate, how it ends, and the actual amount. */
  private Call.Complete completion(Subject subject) {
    long estimate = amount(tokenScale);
    double ending = random.nextDouble();
    Call.Complete.Ending how = ending < FAIL_SHARE ? Call.Complete.Ending.FAIL
        : ending < FAIL_SHARE + SLOW_SHARE ? Call.Complete.Ending.SLOW : Call.Complete.Ending.SETTLE;
    double factor = MIN_ACTUAL + random.nextDouble() * (MAX_ACTUAL - MIN_ACTUAL);
    long actual = how == Call.Complete.Ending.FAIL ? 0 : Math.round(estimate * factor);
    boolean retried = random.nextDouble() < RETRY_SHARE;
    return new Call.Complete(subject, SeedCatalog.AI_TOKENS, estimate, actual, how, retried);
  }

  /** The actor calling a model it prefers: each actor's favourite is a different one. */
  private Subject subject(int actor) {
    return subjects[actor][(modelRanks.sample(random) + actor) % subjects[actor].length];
  }

  /** A Pareto-distributed amount with the given smallest value, at least 1. */
  private long amount(double scale) {
    double pareto = Math.pow(1 - random.nextDouble(), -1 / AMOUNT_SHAPE);
    return Math.max(1, Math.round(scale * Math.min(pareto, MAX_AMOUNT_FACTOR)));
  }

  /** The smallest amount for which {@code requests} requests ask for {@value #DEMAND_FACTOR} x budget. */
  private static double scale(long budget, double requests) {
    double mean = DEMAND_FACTOR * budget / Math.max(1, requests);
    return mean * (AMOUNT_SHAPE - 1) / AMOUNT_SHAPE;
  }

  /** The dimensions a request of {@code actor} with {@code model} carries: its chain and the model. */
  private static Subject subject(OwnerPlan plan, OwnerPlan.Node actor, OwnerPlan.Node model) {
    Map<String, String> dimensions = new LinkedHashMap<>();
    for (OwnerPlan.Node node : plan.chain(actor.id())) {
      dimensions.put(SeedCatalog.attributionKey(node.typeId()), node.id());
    }
    dimensions.put(SeedCatalog.attributionKey(model.typeId()), model.id());
    return Subject.dimensions(dimensions);
  }

  /** The node-wide budget of the owner's org for a capability. */
  private static long orgBudget(OwnerPlan plan, String capabilityId) {
    return plan.budgets().stream()
        .filter(b -> b.capabilityId().equals(capabilityId) && b.scope().isEmpty() && b.limit() != null)
        .filter(b -> plan.node(b.entityId()).typeId().equals(SeedCatalog.ORG))
        .mapToLong(OwnerPlan.Budget::limit).findFirst().orElse(DEFAULT_ORG_BUDGET);
  }
}
