package dev.governor.internal;

import java.util.Map;
import java.util.Set;

/**
 * What the runtime needs from the engine-wide catalog: which type owns each attribution key and
 * which capabilities exist. Immutable; replaced whenever this engine changes types or capabilities.
 */
record GlobalSnapshot(long epoch, Map<String, String> keyOwners, Set<String> capabilities) {}
