package dev.loadgate.report;

/** A {@code results.json} that cannot be read; the message names the file and the field. */
public final class ResultsFormatException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public ResultsFormatException(String message) {
    super(message);
  }
}
