package dev.loadgate.targets;

import java.util.List;

/** An accounts file that cannot be used; lists every problem, each naming its place. */
public final class AccountsFileException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  public AccountsFileException(List<String> problems) {
    super(String.join("\n", problems));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("an accounts-file exception needs at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
