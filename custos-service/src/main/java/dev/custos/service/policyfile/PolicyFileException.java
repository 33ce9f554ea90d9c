package dev.custos.service.policyfile;

/**
 * A policy document that cannot be accepted, with where and why: the message reads
 * {@code policy.yaml:12: limits.velocity[1].window: '25x' is not a duration (use 90m, 24h, 7d)},
 * or {@code policy.yaml:1: the document is empty} when no single field is at fault.
 *
 * <p>Messages quote scalar values only where they cannot be secrets: destination entries (which a
 * careless user might fill with a private key) are named by line and field, never echoed.
 */
public final class PolicyFileException extends Exception {
  private final String sourceName;
  private final int line;
  private final String field;
  private final String problem;

  /**
   * @param line 1-based line of the offending key or value
   * @param field dotted path such as {@code limits.velocity[1].window}, or empty for the document
   */
  public PolicyFileException(String sourceName, int line, String field, String problem) {
    super(sourceName + ":" + line + ": " + (field.isEmpty() ? "" : field + ": ") + problem);
    this.sourceName = sourceName;
    this.line = line;
    this.field = field;
    this.problem = problem;
  }

  public String sourceName() {
    return sourceName;
  }

  /** The 1-based line the problem is reported at. */
  public int line() {
    return line;
  }

  /** The dotted path of the offending field, empty when the whole document is at fault. */
  public String field() {
    return field;
  }

  /** The message without source, line and field. */
  public String problem() {
    return problem;
  }
}
