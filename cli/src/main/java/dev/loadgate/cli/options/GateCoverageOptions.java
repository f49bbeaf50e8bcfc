package dev.loadgate.cli.options;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --allow-ungated CHECK}: the one way to leave a check of the baselines ungated on purpose
 * ({@code run} and {@code gate}). Without it, a check no gated pattern covers is bad input, so the
 * gate cannot be configured into gating nothing.
 */
public final class GateCoverageOptions {
  @Option(
      names = "--allow-ungated",
      paramLabel = "CHECK",
      description =
          "Leave this check (id or glob, e.g. 'db.*') ungated on purpose: it is still judged and"
              + " reported but cannot fail the gate. Repeatable. Without it, a check no gated"
              + " pattern covers is bad input (exit 2).")
  private List<String> allowUngated = new ArrayList<>();

  /** The checks the user leaves ungated by name. */
  public List<String> allowUngated() {
    return List.copyOf(allowUngated);
  }
}
