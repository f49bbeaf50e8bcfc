package dev.loadgate.capacity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * Writes a capacity run folder: {@code capacity.html}, {@code capacity.md}, {@code capacity.json}
 * and {@code capacity-steps.csv} (concurrency,throughput per step, for {@code loadgate capacity
 * fit}). Called after every step, each file replaced atomically, so a crash or a kill leaves the
 * steps measured so far, marked incomplete.
 */
public final class CapacityFolder {
  public static final String HTML = "capacity.html";
  public static final String MARKDOWN = "capacity.md";
  public static final String JSON = "capacity.json";
  public static final String STEPS_CSV = "capacity-steps.csv";

  private CapacityFolder() {}

  public static void write(Path dir, CapacityReport report) {
    try {
      Files.createDirectories(dir);
      replace(dir.resolve(JSON), CapacityJson.render(report));
      replace(dir.resolve(MARKDOWN), CapacityText.markdown(report));
      replace(dir.resolve(HTML), CapacityHtml.render(report));
      replace(dir.resolve(STEPS_CSV), stepsCsv(report));
    } catch (IOException e) {
      throw new UncheckedIOException(dir + ": cannot write the capacity report", e);
    }
  }

  static String stepsCsv(CapacityReport report) {
    StringBuilder s = new StringBuilder("concurrency,throughput\n");
    for (CapacityStep step : report.primary().knee().steps()) {
      if (step.concurrency() > 0 && Double.isFinite(step.concurrency())) {
        s.append(
            String.format(Locale.ROOT, "%.4f,%.4f\n", step.concurrency(), step.achievedPerSec()));
      }
    }
    return s.toString();
  }

  private static void replace(Path file, String text) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, text, StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
