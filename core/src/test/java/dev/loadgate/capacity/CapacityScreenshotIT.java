package dev.loadgate.capacity;

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
 * Renders capacity.html in headless Chromium, as ReportScreenshotIT does for report.html: the
 * screenshot must be a real page whose banner carries the verdict's colour and whose charts are
 * drawn. Skips when Chromium is absent. The screenshot stays in {@code
 * target/capacity-screenshot.png} for a human look.
 */
class CapacityScreenshotIT {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final long TIMEOUT_SECONDS = 90;

  @Test
  void capacityReportRendersItsChartsToAScreenshot(@TempDir Path temp) throws Exception {
    assumeTrue(
        Files.isExecutable(CHROMIUM),
        "headless Chromium not found at "
            + CHROMIUM
            + "; install it with: apt-get install -y chromium");
    CapacityReport report = CapacityFixtures.report();
    Path dir = temp.resolve("run");
    CapacityFolder.write(dir, report);
    Path png = Path.of("target", "capacity-screenshot.png").toAbsolutePath();
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
                    "--window-size=1280,1800",
                    dir.resolve(CapacityFolder.HTML).toUri().toString()))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    boolean finished = chromium.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    if (!finished) {
      chromium.destroyForcibly();
    }
    assertThat(finished).as("chromium finished within %d s", TIMEOUT_SECONDS).isTrue();
    assertThat(png).as("screenshot; chromium said:%n%s", Files.readString(log)).exists();
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(1280);
    assertThat(colours(image)).as("distinct colours in the screenshot").isGreaterThan(50);
    int banner = image.getRGB(20, 20) & 0xFFFFFF;
    int expected = report.exitCode() == 0 ? 0x1A7F37 : 0xCF222E;
    assertThat(banner).as("banner colour %06x", banner).isEqualTo(expected);
    // The first chart's fitted points: red (broke) and green (held) dots are drawn.
    assertThat(hasColour(image, 0x1A7F37, 60)).as("a green point below the banner").isTrue();
    assertThat(hasColour(image, 0xCF222E, 60))
        .as("a red point or limit line below the banner")
        .isTrue();
  }

  private static boolean hasColour(BufferedImage image, int rgb, int fromY) {
    for (int y = fromY; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if ((image.getRGB(x, y) & 0xFFFFFF) == rgb) {
          return true;
        }
      }
    }
    return false;
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
