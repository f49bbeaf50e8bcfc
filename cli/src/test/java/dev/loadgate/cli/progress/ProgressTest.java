package dev.loadgate.cli.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTest {
  private final AtomicLong nanos = new AtomicLong();
  private final StringWriter text = new StringWriter();

  private Progress progress(boolean interactive) {
    return new Progress(new PrintWriter(text), interactive, nanos::get, false);
  }

  @Test
  void rendersPhaseElapsedRemainingRequestsAndErrors() {
    ProgressLine line =
        new ProgressLine("load", Duration.ofSeconds(65), Duration.ofSeconds(120), 1234, 3);
    assertThat(line.render())
        .isEqualTo("load        01:05 elapsed, 00:55 left  requests 1,234  errors 3 (0.24 %)");
  }

  @Test
  void saysWhenAPhaseOverruns() {
    assertThat(
            new ProgressLine("load", Duration.ofSeconds(70), Duration.ofSeconds(60), 0, 0).render())
        .isEqualTo("load        01:10 elapsed, overrunning by 00:10");
  }

  @Test
  void showsWarmUpThenLoadAgainstTheWholePlannedTime() {
    Progress progress = progress(false);
    AtomicLong requests = new AtomicLong(10);
    progress.counting(requests::get, () -> 1);
    progress.load(Duration.ofSeconds(10), Duration.ofSeconds(50));
    nanos.addAndGet(Duration.ofSeconds(5).toNanos());
    assertThat(progress.current().phase()).isEqualTo("warm-up");
    nanos.addAndGet(Duration.ofSeconds(10).toNanos());
    requests.set(500);
    ProgressLine line = progress.current();
    assertThat(line.phase()).isEqualTo("load");
    assertThat(line.elapsed()).isEqualTo(Duration.ofSeconds(15));
    assertThat(line.planned()).isEqualTo(Duration.ofSeconds(60));
    assertThat(line.requests()).isEqualTo(500);
  }

  @Test
  void plainOutputPrintsWholeLines() {
    Progress progress = progress(false);
    progress.phase("target", null);
    nanos.addAndGet(Duration.ofSeconds(12).toNanos());
    progress.tick();
    progress.close();
    assertThat(text.toString().lines())
        .containsExactly("target      00:00 elapsed", "target      00:12 elapsed");
    assertThat(text.toString()).doesNotContain("\r");
  }

  @Test
  void terminalOutputRewritesOneLineInPlace() {
    Progress progress = progress(true);
    progress.phase("load", Duration.ofSeconds(30));
    nanos.addAndGet(Duration.ofSeconds(1).toNanos());
    progress.tick();
    progress.message("target: embedded");
    progress.close();
    String out = text.toString();
    assertThat(out).startsWith("\rload        00:00 elapsed, 00:30 left");
    assertThat(out).contains("\rload        00:01 elapsed, 00:29 left");
    assertThat(out.lines().filter(l -> l.equals("target: embedded"))).hasSize(1);
  }
}
