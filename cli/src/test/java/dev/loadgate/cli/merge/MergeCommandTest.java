package dev.loadgate.cli.merge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadgate.cli.Main;
import dev.loadgate.measure.MeasurementStore;
import dev.loadgate.measure.Measurements;
import dev.loadgate.measure.Outcome;
import dev.loadgate.measure.Phase;
import dev.loadgate.measure.Recording;
import dev.loadgate.measure.Series;
import dev.loadgate.measure.SeriesKey;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MergeCommandTest {
  private static final SeriesKey AUTH = SeriesKey.group(Phase.MEASURE, "auth");

  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int loadgate(String... args) {
    return Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
  }

  private static Measurements shard(long firstMillis, int samples, int errors) {
    AtomicLong clock = new AtomicLong(1_000_000);
    Recording recording = Recording.manual(clock::get);
    for (int i = 0; i < samples; i++) {
      recording.record(
          AUTH, (firstMillis + i) * 1_000_000L, i < errors ? Outcome.HTTP_5XX : Outcome.OK);
    }
    clock.addAndGet(1_000);
    return recording.finish();
  }

  @Test
  void mergesShardsExactly() {
    Measurements a = shard(10, 300, 3);
    Measurements b = shard(500, 200, 1);
    MeasurementStore.write(dir.resolve("shard-0"), a);
    MeasurementStore.write(dir.resolve("shard-1"), b);

    int code =
        loadgate(
            "merge",
            dir.resolve("shard-0").toString(),
            dir.resolve("shard-1").toString(),
            "--into",
            dir.resolve("merged").toString());

    assertThat(code).as(err.toString()).isZero();
    Series merged = MeasurementStore.read(dir.resolve("merged")).get(AUTH).orElseThrow();
    assertThat(merged.sampleCount()).isEqualTo(500);
    assertThat(merged.errorCount()).isEqualTo(4);
    assertThat(merged.latencyMicros())
        .isEqualTo(a.merge(b).get(AUTH).orElseThrow().latencyMicros());
    assertThat(merged.latencyMicros().getMaxValueAsDouble()).isGreaterThan(690_000);
    assertThat(out.toString())
        .contains("merged 2 run folders: 1 series, 500 measured samples, 0 figures")
        .contains("judge them with: loadgate gate ");
  }

  @Test
  void refusesFoldersWithoutMeasurementsAndAnExistingTarget() throws Exception {
    MeasurementStore.write(dir.resolve("shard-0"), shard(10, 5, 0));
    Files.createDirectories(dir.resolve("merged"));
    Files.writeString(dir.resolve("merged/keep.txt"), "mine");

    int code =
        loadgate(
            "merge",
            dir.resolve("shard-0").toString(),
            dir.resolve("nope").toString(),
            "--into",
            dir.resolve("merged").toString());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .contains("2 problems, nothing was run:")
        .contains(
            "nope: not a run folder (expected a folder holding measurements.json, got no such folder).")
        .contains("already exists (expected a new folder, got an existing one)");
    assertThat(dir.resolve("merged/keep.txt")).hasContent("mine");
  }
}
