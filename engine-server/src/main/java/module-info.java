/**
 * Governor's REST server: the hosted product's owners API (entity types, capabilities, entities,
 * assignments, check, consume, ingest, query), plus reservations, over any
 * {@link dev.governor.GovernanceEngine}, embedded ({@link dev.governor.server.GovernorServer}) or
 * standalone ({@link dev.governor.server.Main}).
 * Exports only its API package; the implementation is package-private.
 */
module dev.governor.server {
  requires transitive dev.governor.core;
  requires dev.governor.storage.memory;
  requires dev.governor.storage.redis;
  requires org.eclipse.jetty.server;
  requires org.eclipse.jetty.http;
  requires org.eclipse.jetty.io;
  requires org.eclipse.jetty.util;
  requires com.fasterxml.jackson.core;
  requires com.fasterxml.jackson.databind;

  exports dev.governor.server;
}
