package dev.loadgate.simulations;

import java.util.List;

/**
 * A suites file that cannot be used. The message lists every problem found, one per line, each as
 * {@code <file>:<line>:<col>: <what is wrong> (expected <rule>, got <value>)}.
 */
public final class SuiteException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The problems, each a complete message. */
  private final List<String> problems;

  public SuiteException(List<String> problems) {
    super(String.join(System.lineSeparator(), problems));
    this.problems = List.copyOf(problems);
  }

  /** Every problem found, in file order. */
  public List<String> problems() {
    return problems;
  }
}
