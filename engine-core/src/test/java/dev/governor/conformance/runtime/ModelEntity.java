package dev.governor.conformance.runtime;

/** An entity as the reference model keeps it: only what the runtime reads. Mutable, test-thread only. */
final class ModelEntity {
  final String id;
  final String typeId;
  String parentId;
  boolean archived;

  ModelEntity(String id, String typeId, String parentId) {
    this.id = id;
    this.typeId = typeId;
    this.parentId = parentId;
  }

  @Override
  public String toString() {
    return id + "(" + typeId + (parentId == null ? "" : " < " + parentId) + (archived ? ", archived" : "") + ")";
  }
}
