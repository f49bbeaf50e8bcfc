package dev.loadgate.benchmarks.service;

/**
 * A call to the target answered with an unexpected status, a malformed body, or not at all. The
 * message names the endpoint and what came back; it never contains a secret.
 */
public final class ServiceCallException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ServiceCallException(String message) {
    super(message);
  }

  public ServiceCallException(String message, Throwable cause) {
    super(message, cause);
  }
}
