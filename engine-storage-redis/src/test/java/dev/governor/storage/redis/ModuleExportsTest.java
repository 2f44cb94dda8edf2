package dev.governor.storage.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The Redis store exports only the package holding {@link RedisStore}. */
class ModuleExportsTest {
  static final Set<String> EXPORTED_PACKAGES = Set.of("dev.governor.storage.redis");

  @Test
  void exports_moduleDescriptor_onlyTheStorePackageUnqualified() {
    // Tests run with the module directory as working directory.
    ModuleDescriptor descriptor = ModuleFinder.of(Path.of("target/classes")).find("dev.governor.storage.redis")
        .orElseThrow(() -> new AssertionError("no module dev.governor.storage.redis in target/classes")).descriptor();

    assertThat(descriptor.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()))
        .containsExactlyInAnyOrderElementsOf(EXPORTED_PACKAGES);
    assertThat(descriptor.exports()).noneMatch(ModuleDescriptor.Exports::isQualified);
    assertThat(descriptor.opens()).isEmpty();
  }
}
