package dev.loadgate.cli.capacity;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loadgate.capacity.CapacityException;
import dev.loadgate.capacity.LoadPointsCsv;
import dev.loadgate.capacity.ParameterEstimate;
import dev.loadgate.capacity.UslFit;
import dev.loadgate.cli.BadInputException;
import dev.loadgate.cli.ExitCodes;
import dev.loadgate.cli.LoadgateHome;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code loadgate capacity fit}: the Universal Scalability Law fitted to a CSV of steps. */
@Command(
    name = "fit",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Fits Gunther's Universal Scalability Law X(N) = λN / (1 + σ(N−1) + κN(N−1)) to a CSV of"
          + " concurrency,throughput rows (one header line) by Levenberg–Marquardt least squares"
          + " and prints σ (contention), κ (coherency), λ (throughput of one), R², the peak"
          + " concurrency N* = √((1−σ)/κ) and the peak throughput, each with its 95 % interval.",
      ""
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  loadgate capacity fit steps.csv",
      "  loadgate capacity fit steps.csv --json | jq .peakThroughput",
      "  loadgate capacity fit reports/<run-id>/capacity-steps.csv   # the steps of a capacity run",
      "",
      "Exit codes: 0 fitted, 1 the fit was refused (too few distinct levels, R² below 0.90,"
          + " parameters not identifiable), 2 bad input (fewer than 4 rows, a non-number, a"
          + " negative value; the line is named)."
    })
public final class CapacityFitCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Parameters(paramLabel = "FILE.csv", description = "concurrency,throughput rows after a header.")
  private Path file;

  @Option(
      names = "--json",
      description =
          "Print one JSON object: sigma, kappa, lambda, r2, peakConcurrency, peakThroughput"
              + " (null when κ is 0 and there is no peak).")
  private boolean json;

  @Override
  public Integer call() {
    String shown = LoadgateHome.display(file);
    if (!Files.isRegularFile(file)) {
      throw new BadInputException(
          shown
              + ": file not found (expected a CSV of concurrency,throughput rows, got "
              + (Files.exists(file) ? "something that is not a regular file" : "no such file")
              + ").");
    }
    List<dev.loadgate.capacity.LoadPoint> points;
    try {
      points = LoadPointsCsv.read(file, shown);
    } catch (CapacityException e) {
      throw new BadInputException(List.of(e.getMessage().split(System.lineSeparator())));
    }
    PrintWriter out = spec.commandLine().getOut();
    UslFit fit;
    try {
      fit = UslFit.fit(points);
    } catch (CapacityException e) {
      spec.commandLine().getErr().println("loadgate capacity fit: " + e.getMessage());
      spec.commandLine().getErr().flush();
      return ExitCodes.GATE_FAILED;
    }
    out.print(json ? json(fit) : text(fit));
    out.flush();
    return ExitCodes.PASS;
  }

  static String json(UslFit fit) {
    ObjectNode node = new ObjectMapper().createObjectNode();
    node.put("sigma", fit.model().sigma());
    node.put("kappa", fit.model().kappa());
    node.put("lambda", fit.model().lambda());
    node.put("r2", fit.r2());
    putFinite(node, "peakConcurrency", fit.peakConcurrency().value());
    putFinite(node, "peakThroughput", fit.peakThroughputPerSec().value());
    return node.toString() + System.lineSeparator();
  }

  private static void putFinite(ObjectNode node, String key, double value) {
    if (Double.isFinite(value)) {
      node.put(key, value);
    } else {
      node.putNull(key);
    }
  }

  /** The fit as the console shows it. */
  public static String text(UslFit fit) {
    StringBuilder s = new StringBuilder();
    s.append(
        String.format(
            Locale.ROOT,
            "Universal Scalability Law fit of %d points (R² %.4f), 95 %% intervals:%n",
            fit.points(),
            fit.r2()));
    line(s, "sigma (contention)", fit.sigma(), "%.4g");
    line(s, "kappa (coherency)", fit.kappa(), "%.4g");
    line(s, "lambda (per second at N=1)", fit.lambda(), "%.4g");
    line(s, "peak concurrency N*", fit.peakConcurrency(), "%.1f");
    line(s, "peak throughput per second", fit.peakThroughputPerSec(), "%.1f");
    return s.toString();
  }

  private static void line(StringBuilder s, String label, ParameterEstimate e, String format) {
    String value =
        Double.isFinite(e.value()) ? String.format(Locale.ROOT, format, e.value()) : "none";
    String interval =
        Double.isFinite(e.value())
            ? "  ("
                + String.format(Locale.ROOT, format, e.lower())
                + " to "
                + (Double.isFinite(e.upper()) ? String.format(Locale.ROOT, format, e.upper()) : "∞")
                + ")"
            : "  (κ is 0: throughput only approaches λ/σ)";
    s.append(String.format(Locale.ROOT, "  %-28s %10s%s%n", label, value, interval));
  }
}
