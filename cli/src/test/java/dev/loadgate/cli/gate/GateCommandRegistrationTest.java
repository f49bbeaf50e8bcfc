package dev.loadgate.cli.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadgate.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class GateCommandRegistrationTest {
  @Test
  void loadgateGateHelpListsItsArgumentsAndExitCodes() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Main.commandLine(new PrintWriter(out), new PrintWriter(err)).execute("gate", "--help");
    assertThat(code).as("stderr: %s", err).isZero();
    assertThat(out.toString())
        .contains("loadgate gate")
        .contains("RUN_DIR")
        .contains("--baselines=FILE")
        .contains("--against=ACCEPTED")
        .contains("--out=REPORTS_ROOT")
        .contains(
            "Exit codes: 0 pass (warnings allowed), 1 gate failed, 2 bad input, 3 run incomplete.");
  }

  @Test
  void missingRunDirThroughMainIsBadInput() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Main.commandLine(new PrintWriter(out), new PrintWriter(err))
            .execute("gate", "no-such-dir/20261129T071502Z-smoke");
    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .startsWith("loadgate gate: no-such-dir/20261129T071502Z-smoke: no such run folder");
  }
}
