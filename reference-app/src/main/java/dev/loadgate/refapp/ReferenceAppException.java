package dev.loadgate.refapp;

/**
 * The reference app cannot start (bad settings, database unreachable, migration failed). The
 * message stands alone and names what to change; it never contains a secret.
 */
public final class ReferenceAppException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ReferenceAppException(String message) {
    super(message);
  }
}
