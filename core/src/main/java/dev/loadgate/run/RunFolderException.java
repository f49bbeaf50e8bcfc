package dev.loadgate.run;

/**
 * A run folder could not be created or completed. The message stands alone: where, what is wrong
 * and what to do.
 */
public final class RunFolderException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RunFolderException(String message) {
    super(message);
  }

  public RunFolderException(String message, Throwable cause) {
    super(message, cause);
  }
}
