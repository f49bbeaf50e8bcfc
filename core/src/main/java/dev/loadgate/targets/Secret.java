package dev.loadgate.targets;

import java.util.Objects;

/**
 * A value that must never reach a console, a log, a report or a results file: {@link #toString()}
 * masks it, and Jackson never sees a getter. Only {@link #reveal()} gives the value, at the one
 * place that sends it to the target.
 */
public final class Secret {
  private final String value;

  private Secret(String value) {
    this.value = Objects.requireNonNull(value, "secret value");
  }

  public static Secret of(String value) {
    return new Secret(value);
  }

  /** The secret value. Call only where it is sent to the target or used to sign. */
  public String reveal() {
    return value;
  }

  public boolean isEmpty() {
    return value.isEmpty();
  }

  @Override
  public String toString() {
    return "****";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Secret s && s.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }
}
