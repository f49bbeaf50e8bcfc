package dev.loadgate.capacity;

/**
 * Capacity maths refused its input: too few points, a fit that does not describe the data, a
 * malformed file. The message stands alone in the house format and says what to do next.
 */
public final class CapacityException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CapacityException(String message) {
    super(message);
  }
}
