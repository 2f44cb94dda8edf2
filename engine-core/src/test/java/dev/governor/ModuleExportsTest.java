package dev.governor;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The core module's public surface: exactly these packages are exported, to everyone. The
 * implementation ({@code dev.governor.internal}) must stay hidden.
 */
class ModuleExportsTest {
  /** Update this when a package joins the public API (dev.governor.runtime is expected next). */
  static final Set<String> EXPORTED_PACKAGES =
      Set.of("dev.governor", "dev.governor.catalog", "dev.governor.runtime", "dev.governor.query", "dev.governor.spi");

  /** Tests run with the module directory as working directory. */
  private static ModuleDescriptor descriptor() {
    ModuleReference ref = ModuleFinder.of(Path.of("target/classes")).find("dev.governor.core")
        .orElseThrow(() -> new AssertionError("no module dev.governor.core in target/classes"));
    return ref.descriptor();
  }

  @Test
  void exports_moduleDescriptor_exactlyThePublicApiPackages() {
    Set<String> exported = descriptor().exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());

    assertThat(exported).containsExactlyInAnyOrderElementsOf(EXPORTED_PACKAGES);
  }

  @Test
  void exports_everyPackage_unqualified() {
    assertThat(descriptor().exports()).noneMatch(ModuleDescriptor.Exports::isQualified);
  }

  @Test
  void packages_internal_presentButNotExportedOrOpened() {
    assertThat(descriptor().packages()).contains("dev.governor.internal");
    assertThat(descriptor().opens()).isEmpty();
  }
}
