package dev.governor.storage.memory;

import dev.governor.spi.StoredAssignment;

/**
 * An assignment as one snapshot holds it: its stored value and its usage counter (the counter
 * outlives value changes: an admin edit is never a free reset). Immutable reference pair.
 */
record AssignmentEntry(StoredAssignment value, Counter counter) {}
