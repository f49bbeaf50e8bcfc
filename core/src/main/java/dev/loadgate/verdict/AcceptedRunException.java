package dev.loadgate.verdict;

/**
 * An accepted run could not be stored or loaded. The message names the folder, what is wrong and
 * what to do, and stands alone.
 */
public final class AcceptedRunException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public AcceptedRunException(String message) {
    super(message);
  }

  public AcceptedRunException(String message, Throwable cause) {
    super(message, cause);
  }
}
