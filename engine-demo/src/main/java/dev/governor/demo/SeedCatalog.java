package dev.governor.demo;

import java.util.List;
import java.util.Map;

/**
 * The demo's catalog, after the hosted product's setup guide: the entity types {@code org},
 * {@code team}, {@code user}, {@code agent} and the dimensional {@code model}, each named in requests
 * by one attribution key; the capabilities {@code ai-tokens} and {@code api-calls}; and five owners
 * with an org, teams, users, agents, models and budgets at several levels. {@code cus-acme} is the
 * guide's example: {@code org-acme} with 1,000,000 ai-tokens a month, {@code team-eng} with 200,000
 * and a 10,000 sub-budget for {@code model-gpt4o}, and a tracked-but-unlimited budget.
 *
 * <p>Every org budget announces 50%, 80% and 100% of its limit to the engine's listener, and several
 * team, user and agent budgets 80% and 100% (docs/semantics.md §5.2). A few budgets have a soft
 * limit, flagged above it but never enforced (§5.1), among them {@code team-data}'s tracked-but-unlimited
 * one: the way to watch usage against a level before enforcing it. Immutable constants, so thread-safe.
 */
public final class SeedCatalog {
  public static final String ORG = "org";
  public static final String TEAM = "team";
  public static final String USER = "user";
  public static final String AGENT = "agent";
  public static final String MODEL = "model";
  public static final String AI_TOKENS = "ai-tokens";
  public static final String API_CALLS = "api-calls";

  /**
   * An entity type and the one attribution key that names its instances in requests.
   *
   * @param id the type id
   * @param displayName its display name
   * @param attributionKey its attribution key
   */
  public record TypeDef(String id, String displayName, String attributionKey) {}

  /** The entity types, hierarchical first, then the dimensional {@code model}. */
  public static final List<TypeDef> TYPES = List.of(
      new TypeDef(ORG, "Organization", "orgId"),
      new TypeDef(TEAM, "Team", "teamId"),
      new TypeDef(USER, "User", "userId"),
      new TypeDef(AGENT, "AI agent", "agentId"),
      new TypeDef(MODEL, "AI model", "modelId"));

  public static final List<String> CAPABILITIES = List.of(AI_TOKENS, API_CALLS);

  private static final String MONTHLY = "P1M";
  private static final String DAILY = "P1D";

  private SeedCatalog() {}

  /** The attribution key of a type. */
  public static String attributionKey(String typeId) {
    return TYPES.stream().filter(t -> t.id().equals(typeId)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown type " + typeId)).attributionKey();
  }

  /** The five demo owners, largest first. */
  public static List<OwnerPlan> owners() {
    return List.of(acme(), globex(), initech(), umbrella(), hooli());
  }

  static OwnerPlan acme() {
    return OwnerPlan.owner("cus-acme", "Acme Corp (plan enterprise)", 3)
        .entity("org-acme", ORG, "Acme Corp", null, Map.of("plan", "enterprise"))
        .entity("team-eng", TEAM, "Engineering", "org-acme")
        .entity("team-product", TEAM, "Product", "org-acme")
        .entity("team-data", TEAM, "Data Science", "org-acme")
        .entity("alice", USER, "Alice Moreau", "team-eng")
        .entity("agent-claude", AGENT, "Claude coding agent", "team-eng")
        .entity("dana", USER, "Dana Whitfield", "team-product")
        .entity("bob", USER, "Bob Okafor", "team-eng")
        .entity("farah", USER, "Farah Haddad", "team-data")
        .entity("agent-support", AGENT, "Support bot", "team-product")
        .entity("chen", USER, "Chen Wei", "team-eng")
        .entity("agent-etl", AGENT, "ETL enrichment agent", "team-data")
        .entity("emil", USER, "Emil Larsen", "team-product")
        .entity("model-gpt4o", MODEL, "GPT-4o", null)
        .entity("model-claude", MODEL, "Claude Sonnet", null)
        .entity("model-llama", MODEL, "Llama 3.1 70B", null)
        .budget("org-acme", AI_TOKENS, 1_000_000, MONTHLY).alerts(0.5, 0.8, 1.0)
        .scopedBudget("org-acme", AI_TOKENS, "model-claude", 400_000, MONTHLY).alerts(0.5, 0.8)
        .budget("team-eng", AI_TOKENS, 200_000, MONTHLY).alerts(0.5, 0.8, 1.0).softLimit(160_000)
        .scopedBudget("team-eng", AI_TOKENS, "model-gpt4o", 10_000, MONTHLY).alerts(0.8, 1.0)
        .budget("team-product", AI_TOKENS, 150_000, MONTHLY).alerts(0.8, 1.0)
        .unlimited("team-data", AI_TOKENS, MONTHLY).softLimit(100_000)
        .budget("alice", AI_TOKENS, 40_000, MONTHLY).alerts(0.5, 0.8, 1.0)
        .budget("agent-claude", AI_TOKENS, 80_000, MONTHLY)
        .budget("model-gpt4o", AI_TOKENS, 120_000, MONTHLY)
        .budget("org-acme", API_CALLS, 200_000, DAILY).alerts(0.5, 0.8, 1.0)
        .budget("team-eng", API_CALLS, 80_000, DAILY).alerts(0.8, 1.0)
        .budget("agent-support", API_CALLS, 25_000, DAILY)
        .build();
  }

  static OwnerPlan globex() {
    return OwnerPlan.owner("cus-globex", "Globex Corporation (plan growth)", 3)
        .entity("org-globex", ORG, "Globex Corporation", null, Map.of("plan", "growth"))
        .entity("team-research", TEAM, "Research", "org-globex")
        .entity("team-support", TEAM, "Customer Support", "org-globex")
        .entity("team-sales", TEAM, "Sales", "org-globex")
        .entity("agent-triage", AGENT, "Ticket triage agent", "team-support")
        .entity("hank", USER, "Hank Scorpio", "team-research")
        .entity("jon", USER, "Jon Alvarez", "team-support")
        .entity("iris", USER, "Iris Novak", "team-research")
        .entity("agent-scout", AGENT, "Literature scout", "team-research")
        .entity("lena", USER, "Lena Fischer", "team-sales")
        .entity("kim", USER, "Kim Tanaka", "team-support")
        .entity("model-claude", MODEL, "Claude Sonnet", null)
        .entity("model-gpt4o", MODEL, "GPT-4o", null)
        .entity("model-mistral", MODEL, "Mistral Large", null)
        .budget("org-globex", AI_TOKENS, 2_000_000, MONTHLY).alerts(0.5, 0.8, 1.0).softLimit(1_500_000)
        .budget("team-research", AI_TOKENS, 600_000, MONTHLY)
        .scopedBudget("team-research", AI_TOKENS, "model-claude", 150_000, MONTHLY)
        .budget("team-support", AI_TOKENS, 500_000, MONTHLY).alerts(0.8, 1.0)
        .budget("agent-triage", AI_TOKENS, 250_000, MONTHLY).alerts(0.5, 0.8, 1.0)
        .budget("team-sales", AI_TOKENS, 200_000, MONTHLY)
        .budget("model-mistral", AI_TOKENS, 300_000, MONTHLY)
        .budget("org-globex", API_CALLS, 250_000, DAILY).alerts(0.5, 0.8, 1.0)
        .budget("team-support", API_CALLS, 100_000, DAILY).alerts(0.8, 1.0)
        .build();
  }

  static OwnerPlan initech() {
    return OwnerPlan.owner("cus-initech", "Initech (plan starter)", 2)
        .entity("org-initech", ORG, "Initech", null, Map.of("plan", "starter"))
        .entity("team-tps", TEAM, "TPS Reports", "org-initech")
        .entity("team-infra", TEAM, "Infrastructure", "org-initech")
        .entity("peter", USER, "Peter Gibbons", "team-tps")
        .entity("agent-tps", AGENT, "TPS cover-sheet bot", "team-tps")
        .entity("samir", USER, "Samir Nagheenanajar", "team-tps")
        .entity("milton", USER, "Milton Waddams", "team-infra")
        .entity("michael", USER, "Michael Bolton", "team-infra")
        .entity("model-gpt4o", MODEL, "GPT-4o", null)
        .entity("model-llama", MODEL, "Llama 3.1 70B", null)
        .budget("org-initech", AI_TOKENS, 300_000, MONTHLY).alerts(0.5, 0.8, 1.0)
        .scopedBudget("org-initech", AI_TOKENS, "model-gpt4o", 60_000, MONTHLY).alerts(0.8, 1.0)
        .budget("team-tps", AI_TOKENS, 150_000, MONTHLY)
        .budget("milton", AI_TOKENS, 5_000, MONTHLY).alerts(0.5, 0.8, 1.0).softLimit(4_000)
        .budget("org-initech", API_CALLS, 120_000, DAILY).alerts(0.5, 0.8, 1.0)
        .budget("team-infra", API_CALLS, 20_000, DAILY)
        .build();
  }

  static OwnerPlan umbrella() {
    return OwnerPlan.owner("cus-umbrella", "Umbrella Labs (plan enterprise)", 2)
        .entity("org-umbrella", ORG, "Umbrella Labs", null, Map.of("plan", "enterprise"))
        .entity("team-security", TEAM, "Security", "org-umbrella")
        .entity("team-bio", TEAM, "Bioinformatics", "org-umbrella")
        .entity("agent-redteam", AGENT, "Red-team agent", "team-security")
        .entity("ada", USER, "Ada Wong", "team-security")
        .entity("agent-lab", AGENT, "Lab notebook agent", "team-bio")
        .entity("leon", USER, "Leon Kennedy", "team-security")
        .entity("jill", USER, "Jill Valentine", "team-bio")
        .entity("model-claude", MODEL, "Claude Sonnet", null)
        .entity("model-gpt4o", MODEL, "GPT-4o", null)
        .entity("model-llama", MODEL, "Llama 3.1 70B", null)
        .budget("org-umbrella", AI_TOKENS, 1_500_000, MONTHLY).alerts(0.5, 0.8, 1.0)
        .budget("team-security", AI_TOKENS, 400_000, MONTHLY)
        .scopedBudget("team-security", AI_TOKENS, "model-gpt4o", 50_000, MONTHLY)
        .budget("agent-redteam", AI_TOKENS, 250_000, MONTHLY).alerts(0.8, 1.0)
        .budget("team-bio", AI_TOKENS, 700_000, MONTHLY)
        .budget("org-umbrella", API_CALLS, 150_000, DAILY).alerts(0.5, 0.8, 1.0)
        .budget("agent-redteam", API_CALLS, 40_000, DAILY).alerts(0.8, 1.0)
        .build();
  }

  static OwnerPlan hooli() {
    return OwnerPlan.owner("cus-hooli", "Hooli (plan growth)", 2)
        .entity("org-hooli", ORG, "Hooli", null, Map.of("plan", "growth"))
        .entity("team-nucleus", TEAM, "Nucleus", "org-hooli")
        .entity("team-moonshot", TEAM, "Moonshot", "org-hooli")
        .entity("gilfoyle", USER, "Bertram Gilfoyle", "team-nucleus")
        .entity("agent-son", AGENT, "Son of Anton", "team-nucleus")
        .entity("dinesh", USER, "Dinesh Chugtai", "team-moonshot")
        .entity("big-head", USER, "Nelson Bighetti", "team-moonshot")
        .entity("model-gpt4o", MODEL, "GPT-4o", null)
        .entity("model-claude", MODEL, "Claude Sonnet", null)
        .budget("org-hooli", AI_TOKENS, 800_000, MONTHLY).alerts(0.5, 0.8, 1.0)
        .budget("team-nucleus", AI_TOKENS, 300_000, MONTHLY).alerts(0.8, 1.0)
        .scopedBudget("team-nucleus", AI_TOKENS, "model-claude", 80_000, MONTHLY)
        .budget("team-moonshot", AI_TOKENS, 400_000, MONTHLY)
        .budget("big-head", AI_TOKENS, 20_000, MONTHLY).alerts(0.5, 0.8, 1.0)
        .budget("org-hooli", API_CALLS, 150_000, DAILY).alerts(0.5, 0.8, 1.0)
        .budget("agent-son", API_CALLS, 30_000, DAILY)
        .build();
  }
}
