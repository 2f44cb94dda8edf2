/**
 * Governor's core: the public API ({@code dev.governor}, {@code dev.governor.catalog},
 * {@code dev.governor.runtime}, {@code dev.governor.query}) and the storage SPI ({@code dev.governor.spi}). The engine's
 * implementation lives in an unexported package.
 */
module dev.governor.core {
  requires com.github.benmanes.caffeine;

  exports dev.governor;
  exports dev.governor.catalog;
  exports dev.governor.runtime;
  exports dev.governor.query;
  exports dev.governor.spi;
}
