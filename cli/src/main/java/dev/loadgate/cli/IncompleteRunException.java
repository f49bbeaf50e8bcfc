package dev.loadgate.cli;

/**
 * A command could not finish its work for a reason outside the user's input: an unreachable or
 * unhealthy target, an embedded database that would not start. {@link Main} prints the message and
 * exits with {@link ExitCodes#INCOMPLETE}.
 */
public final class IncompleteRunException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public IncompleteRunException(String message) {
    super(message);
  }

  public IncompleteRunException(String message, Throwable cause) {
    super(message, cause);
  }
}
