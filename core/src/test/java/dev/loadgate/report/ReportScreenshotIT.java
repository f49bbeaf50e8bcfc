package dev.loadgate.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders report.html in headless Chromium and checks the screenshot is a real page. Skips when
 * Chromium is absent (CI installs Debian's {@code chromium}). The screenshot is kept in {@code
 * target/report-screenshot.png} for a human look.
 */
class ReportScreenshotIT {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final long TIMEOUT_SECONDS = 90;

  @Test
  void reportRendersToANonBlankScreenshot(@TempDir Path temp) throws Exception {
    assumeTrue(
        Files.isExecutable(CHROMIUM),
        "headless Chromium not found at "
            + CHROMIUM
            + "; install it with: apt-get install -y chromium");
    Path runDir = RunReports.write(temp.resolve("reports"), ReportFixtures.result());
    Path png = Path.of("target", "report-screenshot.png").toAbsolutePath();
    Files.deleteIfExists(png);
    Path log = temp.resolve("chromium.log");
    Process chromium =
        new ProcessBuilder(
                List.of(
                    CHROMIUM.toString(),
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-quic",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--user-data-dir=" + temp.resolve("profile"),
                    "--screenshot=" + png,
                    "--window-size=1280,2000",
                    runDir.resolve("report.html").toUri().toString()))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    boolean finished = chromium.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    if (!finished) {
      chromium.destroyForcibly();
    }
    assertThat(finished).as("chromium finished within %d s", TIMEOUT_SECONDS).isTrue();
    assertThat(png).as("screenshot; chromium said:%n%s", Files.readString(log)).exists();
    assertThat(Files.size(png)).isGreaterThan(20_000);
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(1280);
    assertThat(colours(image)).as("distinct colours in the screenshot").isGreaterThan(50);
    // The banner of a failed run is red across the top.
    int banner = image.getRGB(20, 20) & 0xFFFFFF;
    assertThat(banner).as("banner colour %06x", banner).isEqualTo(0xCF222E);
  }

  private static int colours(BufferedImage image) {
    Set<Integer> seen = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 3) {
      for (int x = 0; x < image.getWidth(); x += 3) {
        seen.add(image.getRGB(x, y));
      }
    }
    return seen.size();
  }
}
