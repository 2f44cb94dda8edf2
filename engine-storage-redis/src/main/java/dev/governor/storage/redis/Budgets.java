package dev.governor.storage.redis;

import dev.governor.spi.BudgetSet;

/** How a budget set travels to the script: per budget its counter field, limit and period start. Stateless. */
final class Budgets {
  private Budgets() {}

  /** The budget count, then per budget: counter field, limit (two parts), start of the period containing {@code timeMillis}. */
  static void append(Args args, BudgetSet budgets, long timeMillis) {
    int n = budgets.size();
    args.add(n);
    for (int i = 0; i < n; i++) {
      args.add(((RedisCounter) budgets.counter(i)).field).limit(budgets.limit(i)).exact("period start", budgets.periodStart(i, timeMillis));
    }
  }
}
