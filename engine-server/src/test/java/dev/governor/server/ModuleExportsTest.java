package dev.governor.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The module exports only its API package (GovernorServer, ApiTokens, Main); the rest is internal. */
class ModuleExportsTest {
  @Test
  void exports_moduleDescriptor_onlyTheServerPackageUnqualified() {
    // Tests run with the module directory as working directory.
    ModuleDescriptor descriptor = ModuleFinder.of(Path.of("target/classes")).find("dev.governor.server")
        .orElseThrow(() -> new AssertionError("no module dev.governor.server in target/classes")).descriptor();

    assertThat(descriptor.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()))
        .containsExactly("dev.governor.server");
    assertThat(descriptor.exports()).noneMatch(ModuleDescriptor.Exports::isQualified);
    assertThat(descriptor.opens()).isEmpty();
  }
}
