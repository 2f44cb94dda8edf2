package dev.governor.internal;

import dev.governor.CapabilityCatalog;
import dev.governor.Page;
import dev.governor.PageRequest;
import dev.governor.ValidationException;
import dev.governor.catalog.Capability;
import dev.governor.catalog.CapabilityType;
import dev.governor.catalog.CapabilityUpsert;
import dev.governor.spi.GlobalSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link CapabilityCatalog} over the catalog store. Thread-safe (commits are optimistic, see {@link Commits}). */
final class CapabilityService implements CapabilityCatalog {
  private static final List<String> CURSOR_CONTEXT = List.of("capabilities");

  private final EngineContext ctx;

  CapabilityService(EngineContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public List<Capability> upsert(List<CapabilityUpsert> capabilities) {
    Batches.require("capabilities", capabilities);
    return Commits.global(ctx, tx -> {
        Instant now = ctx.now();
        List<Capability> out = new ArrayList<>(capabilities.size());
        for (int i = 0; i < capabilities.size(); i++) {
          CapabilityUpsert item = capabilities.get(i);
          String id = Ids.require(i, "id", item.id());
          Capability existing = tx.capability(id);
          CapabilityType type = existing == null ? CapabilityType.METER : existing.type();
          if (item.type().isSet()) {
            if (item.type().value() == null) {
              throw ValidationException.of(i, "type", "must not be null (only METER exists)");
            }
            type = item.type().value();
          }
          Capability next;
          if (existing == null) {
            next = new Capability(id, type, now, now);
          } else if (existing.type() == type) {
            next = existing;
          } else {
            next = new Capability(id, type, existing.createdAt(), now);
          }
          if (next != existing) {
            tx.putCapability(next);
          }
          out.add(next);
        }
        return out;
      });
  }

  @Override
  public Optional<Capability> get(String id) {
    Ids.require("id", id);
    return Optional.ofNullable(ctx.refreshGlobal().capability(id));
  }

  @Override
  public Page<Capability> list(PageRequest page) {
    int limit = Cursors.limit(page);
    Cursors.Position at = Cursors.position(page, CURSOR_CONTEXT);
    String id = at == null ? null : at.parts().get(0);
    GlobalSnapshot g = ctx.refreshGlobal();
    List<Capability> rows = at != null && at.backward() ? g.capabilitiesBefore(id, limit + 1) : g.capabilities(id, limit + 1);
    return Paging.page(rows, limit, at, c -> Cursors.encode(CURSOR_CONTEXT, List.of(c.id())));
  }
}
