package dev.governor.storage.redis;

import dev.governor.spi.OwnerLedger;
import dev.governor.spi.UsageLedger;

/** The usage ledger in Redis: hands out per-owner ledgers without touching Redis. Thread-safe. */
final class RedisLedger implements UsageLedger {
  private final Keys keys;
  private final Script script;
  private final GlobalMirror mirror;
  private final boolean batching;

  RedisLedger(Keys keys, Script script, GlobalMirror mirror, boolean batching) {
    this.keys = keys;
    this.script = script;
    this.mirror = mirror;
    this.batching = batching;
  }

  @Override
  public OwnerLedger owner(String ownerId) {
    return new RedisOwnerLedger(ownerId, keys.owner(ownerId), script, mirror, batching);
  }
}
