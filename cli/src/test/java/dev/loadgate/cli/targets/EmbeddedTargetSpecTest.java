package dev.loadgate.cli.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loadgate.cli.serve.ServeCommand;
import dev.loadgate.refapp.AiLatency;
import dev.loadgate.refapp.AppSecrets;
import dev.loadgate.refapp.FaultSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class EmbeddedTargetSpecTest {
  private static final EmbeddedTargetSpec SPEC =
      EmbeddedTargetSpec.forLoad(AppSecrets.generated())
          .withFaults(
              List.of(FaultSpec.parse("download=+2500ms"), FaultSpec.parse("payment=error:5%")))
          .withSeedScale(3)
          .withAiLatency(AiLatency.REALISTIC);

  @Test
  void startsTheChildWithTheSpecsSettingsAndNoSecretOnItsCommandLine() {
    assertThat(SPEC.serveOptions())
        .containsExactly(
            "--port", "0",
            "--seed-scale", "3",
            "--ai-latency", "realistic",
            "--rate-limits", "off",
            "--email-provider", "delivering",
            "--inject", "download=+2500ms",
            "--inject", "payment=error:5%");
    AppSecrets secrets = SPEC.secrets();
    assertThat(String.join(" ", SPEC.serveOptions()))
        .doesNotContain(
            secrets.adminPortalKey().reveal(),
            secrets.stripeWebhookSecret().reveal(),
            secrets.seedPassword().reveal());
  }

  @Test
  void serveAcceptsEveryOptionTheLauncherPasses() {
    List<String> args = new ArrayList<>(SPEC.serveOptions());
    args.addAll(List.of("--accounts-out", "/tmp/a.yaml", EmbeddedTargets.CHILD_OPTION, "/tmp/e"));
    CommandLine.ParseResult parsed =
        new CommandLine(new ServeCommand()).parseArgs(args.toArray(String[]::new));
    assertThat(parsed.matchedOption("--inject").<List<String>>getValue())
        .containsExactly("download=+2500ms", "payment=error:5%");
    assertThat(parsed.hasMatchedOption(EmbeddedTargets.CHILD_OPTION)).isTrue();
  }

  @Test
  void refusesASeedScaleOutOfRange() {
    assertThatThrownBy(() -> SPEC.withSeedScale(0))
        .hasMessage("seedScale: out of range (expected 1 to 100, got 0).");
  }
}
