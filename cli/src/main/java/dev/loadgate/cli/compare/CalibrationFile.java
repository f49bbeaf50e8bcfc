package dev.loadgate.cli.compare;

import dev.loadgate.cli.LoadgateHome;
import dev.loadgate.compare.Calibration;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the relative gate finds this machine's calibration: {@code baselines/calibration.json},
 * written by {@code loadgate calibrate}. Without it the documented default drift applies.
 */
public final class CalibrationFile {
  public static final String DEFAULT = "baselines/calibration.json";

  private CalibrationFile() {}

  /**
   * The calibration in the default place, or {@link Calibration#DEFAULT} when there is none.
   *
   * @throws dev.loadgate.compare.CalibrationException when the file exists but is unusable
   */
  public static Calibration load() {
    Path file = LoadgateHome.resolveDefault(DEFAULT);
    return Files.isRegularFile(file) ? Calibration.read(file) : Calibration.DEFAULT;
  }
}
