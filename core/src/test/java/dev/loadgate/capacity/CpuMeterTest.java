package dev.loadgate.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CpuMeterTest {
  @TempDir Path proc;
  private final AtomicLong nanos = new AtomicLong();

  /** A /proc/<pid>/stat line: utime, stime, cutime, cstime in ticks (fields 14 to 17). */
  private void stat(long pid, long ppid, long utime, long stime, long cutime, long cstime)
      throws Exception {
    Files.createDirectories(proc.resolve(String.valueOf(pid)));
    Files.writeString(
        proc.resolve(pid + "/stat"),
        pid
            + " (postgres: a b) S "
            + ppid
            + " 1 1 0 -1 4194560 100 0 0 0 "
            + utime
            + " "
            + stime
            + " "
            + cutime
            + " "
            + cstime
            + " 20 0 1 0 100 1000 50");
  }

  @Test
  void aTreeCountsItsDescendantsAndTheirReapedChildren() throws Exception {
    stat(100, 1, 50, 50, 0, 0);
    stat(101, 100, 100, 0, 0, 0);
    stat(102, 101, 0, 100, 0, 0);
    stat(200, 1, 9999, 0, 0, 0); // another process, not in the tree
    CpuMeter tree = CpuMeter.of(100, true, "postmaster 100", proc, 2, nanos::get);
    CpuMeter.Reading before = tree.read();

    stat(100, 1, 50, 50, 150, 50); // a backend exited after 2 s of CPU, reaped by 100
    stat(101, 100, 300, 0, 0, 0);
    nanos.set(2_000_000_000L);
    CpuMeter.Reading after = tree.read();

    // before 3 s, after 1 + 2 (reaped) + 3 + 1 = 7 s: 4 CPU-seconds in 2 s on 2 cores = 100 %.
    assertThat(before.cpuSeconds()).isCloseTo(3.0, within(1e-9));
    assertThat(after.cpuSeconds()).isCloseTo(7.0, within(1e-9));
    assertThat(after.percentSince(before)).isCloseTo(100.0, within(1e-9));
  }

  @Test
  void aProcessAloneLeavesItsChildrenOut() throws Exception {
    stat(100, 1, 50, 50, 500, 0);
    stat(101, 100, 100, 0, 0, 0);

    CpuMeter alone = CpuMeter.of(100, false, "jvm 100", proc, 2, nanos::get);

    assertThat(alone.read().cpuSeconds()).isCloseTo(1.0, within(1e-9));
  }

  @Test
  void aMissingProcessOrAnUnavailableMeterReadsNothingAndSaysWhy() {
    CpuMeter gone = CpuMeter.of(4242, true, "gone", proc, 2, nanos::get);
    CpuMeter none = CpuMeter.unavailable("the database runs on another host");

    assertThat(gone.read().cpuSeconds()).isNaN();
    assertThat(none.read().percentSince(none.read())).isNaN();
    assertThat(none.describes()).isEqualTo("not measured: the database runs on another host");
  }
}
