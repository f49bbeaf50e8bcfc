package dev.loadgate.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loadgate.baseline.BaselineException;
import dev.loadgate.baseline.Baselines;
import dev.loadgate.baseline.BaselinesLoader;
import dev.loadgate.baseline.GrowthProjection;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the capacity command reads from production.yaml: today's rate and who grows how fast. */
class CapacityBaselinesTest {
  private static final Path PRODUCTION = Path.of("..", "baselines", "production.yaml");

  @Test
  void productionGivesTodaysRateAndAGrowthRateForEveryJourney() {
    Baselines baselines = BaselinesLoader.load(PRODUCTION);

    assertThat(baselines.capacity().currentJourneysPerSec()).isEqualTo(1.5);
    GrowthProjection users = projection(baselines, "users");
    GrowthProjection letters = projection(baselines, "letters");
    assertThat(users.perMonthPercent()).isEqualTo(20);
    assertThat(users.journeys()).containsExactly("auth", "admin_dashboard");
    assertThat(letters.perMonthPercent()).isEqualTo(25);
    assertThat(letters.journeys())
        .containsExactly("letter_generation", "payment", "download", "email");
  }

  @Test
  void aCurrentRateWithoutAUnitIsRefusedWithItsLine(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("production.yaml");
    Files.writeString(
        file, Files.readString(PRODUCTION).replace("    rate: 1.5/s\n", "    rate: fast\n"));

    assertThatThrownBy(() -> BaselinesLoader.load(file))
        .isInstanceOf(BaselineException.class)
        .hasMessageContaining(
            "capacity.current.rate: must be a rate such as \"2/s\" or \"30/min\"");
  }

  private static GrowthProjection projection(Baselines baselines, String name) {
    return baselines.capacity().growth().stream()
        .filter(g -> g.name().equals(name))
        .findFirst()
        .orElseThrow();
  }
}
