package dev.loadgate.compare;

/** A calibration file that cannot be used; the message stands alone (house error format). */
public final class CalibrationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CalibrationException(String message) {
    super(message);
  }
}
