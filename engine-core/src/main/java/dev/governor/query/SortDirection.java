package dev.governor.query;

/** The direction of a governance-tree query's primary sort. */
public enum SortDirection {
  ASC,
  DESC
}
