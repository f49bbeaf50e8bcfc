package dev.loadgate.cli.run;

import dev.loadgate.targets.Secret;
import dev.loadgate.targets.TargetProfile;
import java.util.Optional;

/** A target ready for load: the embedded reference app (stopped by {@link #close()}) or a URL. */
public interface Target extends AutoCloseable {
  /** What clients need to know about the target. */
  TargetProfile profile();

  /** The database the probes read, when known. */
  Optional<Secret> jdbcUrl();

  /** The target's process on this machine, when loadgate started it (its CPU is read from it). */
  default java.util.OptionalLong pid() {
    return java.util.OptionalLong.empty();
  }

  /** E.g. {@code embedded reference app at http://127.0.0.1:41234}; never a secret. */
  String description();

  /** Stops what loadgate started; does nothing for an external target. Never throws. */
  @Override
  void close();
}
