package dev.loadgate.cli;

import java.util.List;

/**
 * Input a user can fix: a malformed option, a missing file, a target that is not allowed. {@link
 * Main} prints the message as it is and exits with {@link ExitCodes#BAD_INPUT}; the message stands
 * alone and follows {@code <where>: <what is wrong> (expected <rule>, got <value>). <hint>}.
 */
public final class BadInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  public BadInputException(String problem) {
    this(List.of(problem));
  }

  /** One exception for every problem found in one pass, so a user fixes them all at once. */
  public BadInputException(List<String> problems) {
    super(join(problems));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a bad-input exception needs at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }

  private static String join(List<String> problems) {
    if (problems.size() == 1) {
      return problems.get(0);
    }
    StringBuilder text = new StringBuilder(problems.size() + " problems, nothing was run:");
    problems.forEach(p -> text.append(System.lineSeparator()).append("  - ").append(p));
    return text.toString();
  }
}
