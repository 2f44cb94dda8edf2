package dev.governor.storage.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.testing.Seeds;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Issue 11 §3: ids in key names and stored text never collide, whatever characters they hold. */
class EscapesTest {
  private static final String HOSTILE = "{}:|.%\\ab\uD800\uDC00\uD800é-_ ";

  @Test
  void key_hostileCharacters_neverBraceOrColon() {
    String key = Escapes.key("{a}:b|c.d%e");

    assertThat(key).doesNotContain("{", "}", ":");
    assertThat(key).isEqualTo("%007ba%007d%003ab%007cc.d%0025e");
  }

  @Test
  void ownerKeys_ownerWithColonAndOwnerPrefix_shareNoKey() {
    Keys keys = new Keys("gov:");
    Keys.OwnerKeys ab = keys.owner("a:b");
    Keys.OwnerKeys a = keys.owner("a");

    assertThat(ab.meta).isNotEqualTo(a.meta);
    assertThat(ab.idempotencyKey("k")).isNotEqualTo(a.idempotencyKey("b:k"));
    assertThat(a.idempotencyKey("b}:k")).doesNotContain("b}");
    // Every key of an owner has exactly one hash tag, its own.
    assertThat(ab.meta).startsWith("gov:{oa%003ab}:");
  }

  @Test
  void keyAndText_randomHostileStrings_injective() {
    long seed = Seeds.seed("EscapesTest.injective");
    Random random = new Random(seed);
    Map<String, String> byKey = new HashMap<>();
    Map<String, String> byText = new HashMap<>();
    for (int i = 0; i < 50_000; i++) {
      StringBuilder s = new StringBuilder();
      int length = random.nextInt(6);
      for (int c = 0; c < length; c++) {
        s.append(HOSTILE.charAt(random.nextInt(HOSTILE.length())));
      }
      String id = s.toString();
      String previous = byKey.put(Escapes.key(id), id);
      assertThat(previous).as("seed %d: key of %s", seed, id).isIn(null, id);
      previous = byText.put(Escapes.text(id), id);
      assertThat(previous).as("seed %d: text of %s", seed, id).isIn(null, id);
      assertThat(Escapes.untext(Escapes.text(id))).isEqualTo(id);
    }
  }
}
