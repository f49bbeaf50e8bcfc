package dev.loadgate.measure;

/** The outcome class of one sample. Every class but {@link #OK} counts as an error. */
public enum Outcome {
  /** The response had the expected status and body shape. */
  OK,
  /** A 4xx status where success was expected. */
  HTTP_4XX,
  /** A 5xx status. */
  HTTP_5XX,
  /** A response with an acceptable status whose body failed a check (wrong shape, not a PDF). */
  CHECK_FAILED,
  /** No complete response within the request timeout. */
  TIMEOUT,
  /** The connection could not be opened or broke before a response arrived. */
  CONNECTION;

  /** Returns whether this outcome counts against an error budget. */
  public boolean isError() {
    return this != OK;
  }

  /** Classifies an HTTP status that failed a check; {@code status <= 0} means no response. */
  public static Outcome ofFailedStatus(int status) {
    if (status <= 0) {
      return CONNECTION;
    }
    if (status >= 500) {
      return HTTP_5XX;
    }
    if (status >= 400) {
      return HTTP_4XX;
    }
    return CHECK_FAILED;
  }
}
