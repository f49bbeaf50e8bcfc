package dev.loadgate.config;

/**
 * One thing wrong with an input file, located.
 *
 * @param file the file as the user named it
 * @param line 1-based line; 0 when unknown
 * @param column 1-based column; 0 when unknown
 * @param message {@code what is wrong (expected X, got Y). hint}
 */
public record Problem(String file, int line, int column, String message) {
  /** {@code file:line:col: message}. */
  @Override
  public String toString() {
    return line > 0 ? file + ":" + line + ":" + column + ": " + message : file + ": " + message;
  }
}
