package dev.loadgate.baseline;

import dev.loadgate.config.Problem;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A baselines file (or a guide) could not be used. Carries every problem found in one pass; the
 * message lists them all, one {@code file:line:col: what (expected X, got Y)} per line, and stands
 * alone.
 */
public final class BaselineException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient List<Problem> problems;

  public BaselineException(List<Problem> problems) {
    super(message(problems));
    this.problems = List.copyOf(problems);
  }

  public BaselineException(Problem problem) {
    this(List.of(problem));
  }

  public List<Problem> problems() {
    return problems;
  }

  private static String message(List<Problem> problems) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a BaselineException needs at least one problem");
    }
    String list = problems.stream().map(Problem::toString).collect(Collectors.joining("\n"));
    if (problems.size() == 1) {
      return list;
    }
    return problems.size() + " problems in " + problems.get(0).file() + ":\n" + list;
  }
}
