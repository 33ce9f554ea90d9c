package dev.custos.store;

import java.time.Instant;

/**
 * A policy document as applied: its exact text (YAML), SHA-256 (hex) of that text, a version
 * number increasing by one per apply, when and by whom.
 */
public record AppliedPolicy(long version, String text, String sha256Hex, Instant appliedAt, String appliedBy) {}
