package dev.loadgate.measure;

/**
 * Stored measurements that cannot be trusted: a {@code measurements.json} or an {@code .hlog} that
 * is cut off, not in the format, holds values outside the histogram's range, or disagrees with its
 * index. The message names the file (and the line, when there is one) and stands alone; commands
 * report it as bad input (exit 2).
 */
public final class MeasurementFormatException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public MeasurementFormatException(String message) {
    super(message);
  }

  public MeasurementFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
