package dev.governor.conformance.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.governor.Page;
import dev.governor.PageRequest;
import dev.governor.ValidationException;
import dev.governor.catalog.EntityUpsert;
import dev.governor.spi.GovernanceStore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code GovernanceEngine.owners}: every owner that holds a catalog, exactly once, in code point
 * order of the ids (owner ids are ASCII, so this is also their byte order), page by page;
 * engine-wide writes create no owner.
 */
public abstract class OwnerListingConformanceTest extends CatalogConformanceBase {
  private static final int OWNERS = 60;

  @Override
  protected abstract GovernanceStore newStore();


  @Test
  void owners_noOwnerYet_emptyPage() {
    seedCatalog();

    Page<String> page = engine.owners(PageRequest.first());

    assertThat(page.items()).isEmpty();
    assertThat(page.hasNext()).isFalse();
  }

  @Test
  void owners_manyOwnersPagedBySeven_eachOnceInCodePointOrder() {
    seedCatalog();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < OWNERS; i++) {
      ids.add("cus-" + (char) ('a' + (i * 7) % 26) + i);
    }
    ids.add("Cus-Z");
    ids.add("cus-a|b");
    ids.add("cus-a.b");
    ids.add("cus-a@b");
    for (String owner : ids) {
      engine.entities(owner).upsert(List.of(EntityUpsert.of(ORG).type("org")));
    }

    List<String> seen = new ArrayList<>();
    PageRequest request = PageRequest.first(7);
    for (int pages = 0; pages < 100; pages++) {
      Page<String> page = engine.owners(request);
      seen.addAll(page.items());
      if (!page.hasNext()) {
        break;
      }
      assertThat(page.items()).hasSize(7);
      request = request.withAfter(page.nextCursor());
    }

    assertThat(seen).containsExactlyElementsOf(ids.stream().sorted().toList());
  }

  @Test
  void owners_badPageOrForeignCursor_validationError() {
    seedCatalog();
    engine.entities(OWNER).upsert(List.of(EntityUpsert.of(ORG).type("org"), EntityUpsert.of(TEAM_ENG).type("team")));
    engine.entities(OTHER_OWNER).upsert(List.of(EntityUpsert.of(ORG).type("org")));
    String entitiesCursor = engine.entities(OWNER).list(PageRequest.first(1)).nextCursor();

    assertThatThrownBy(() -> engine.owners(PageRequest.first(0))).isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).field()).isEqualTo("limit"));
    assertThatThrownBy(() -> engine.owners(PageRequest.first(101))).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> engine.owners(PageRequest.after(entitiesCursor))).isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).field()).isEqualTo("after"));
  }
}
