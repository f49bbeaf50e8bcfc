package dev.loadgate.refapp;

import java.util.List;

/** Run-time control of the faults a running reference app injects. Thread-safe. */
public interface FaultControl {

  /** The faults in force, in the order they were set. */
  List<FaultSpec> current();

  /** Replaces every fault in force with {@code faults} (an empty list clears them). */
  void set(List<FaultSpec> faults);

  /** Adds one fault to those in force. */
  default void add(FaultSpec fault) {
    var next = new java.util.ArrayList<>(current());
    next.add(fault);
    set(next);
  }

  /** Removes every fault. */
  default void clear() {
    set(List.of());
  }
}
