package dev.governor.catalog;

/** The kind of a capability. */
public enum CapabilityType {
  /** A counter that grows on ingest and consume and restarts from zero at each period boundary. */
  METER
}
