package dev.governor;

/**
 * What became of the engine's events so far. Immutable.
 *
 * @param delivered events handed to the listener that returned normally
 * @param failed events whose listener call threw
 * @param dropped events lost because the queue was full (a listener slower than the events)
 * @param queued events waiting in the queue now
 */
public record ListenerStats(long delivered, long failed, long dropped, int queued) {}
