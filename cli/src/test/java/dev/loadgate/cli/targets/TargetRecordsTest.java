package dev.loadgate.cli.targets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TargetRecordsTest {
  @TempDir Path root;
  private final List<Process> started = new ArrayList<>();

  @AfterEach
  void stop() {
    started.forEach(Process::destroyForcibly);
  }

  private Process sleeper() throws Exception {
    Process p = new ProcessBuilder("sleep", "600").start();
    started.add(p);
    return p;
  }

  private ProcessRecord deadProcess() throws Exception {
    Process p = sleeper();
    ProcessRecord record = ProcessRecord.of(p.toHandle());
    p.destroyForcibly();
    p.waitFor();
    return record;
  }

  private Path entry(String name, ProcessRecord owner) throws Exception {
    Path entry = Files.createDirectories(root.resolve(name));
    Files.writeString(entry.resolve(TargetRecords.OWNER), owner.text() + "\n");
    return entry;
  }

  @Test
  void aRecordWithAnotherStartTimeIsNotTheSameProcess() throws Exception {
    Process p = sleeper();
    ProcessRecord record = ProcessRecord.of(p.toHandle());
    ProcessRecord reused = new ProcessRecord(record.pid(), record.startEpochMillis() - 60_000);

    assertThat(record.isAlive()).isTrue();
    assertThat(reused.isAlive()).isFalse();
    assertThat(reused.kill()).isFalse();
    assertThat(p.isAlive()).as("a reused pid is never killed").isTrue();
  }

  @Test
  void parsesOnlyItsOwnTextForm() {
    assertThat(ProcessRecord.parse("123 456\n")).contains(new ProcessRecord(123, 456));
    assertThat(ProcessRecord.parse("123")).isEmpty();
    assertThat(ProcessRecord.parse("abc 456")).isEmpty();
    assertThat(ProcessRecord.parse("0 456")).isEmpty();
  }

  @Test
  void leavesTheEntriesOfALiveOwnerAlone() throws Exception {
    Process child = sleeper();
    Path entry = entry("live", ProcessRecord.current());
    TargetRecords.writeChild(entry, ProcessRecord.of(child.toHandle()));

    assertThat(TargetRecords.cleanStale(root)).isEmpty();
    assertThat(child.isAlive()).isTrue();
    assertThat(Files.isDirectory(entry)).isTrue();
  }

  @Test
  void killsTheLeftoversOfADeadOwnerAndDeletesTheEntry() throws Exception {
    ProcessRecord owner = deadProcess();
    Process child = sleeper();
    Path entry = entry("stale", owner);
    TargetRecords.writeChild(entry, ProcessRecord.of(child.toHandle()));

    List<String> cleaned = TargetRecords.cleanStale(root);

    assertThat(cleaned)
        .containsExactly(
            "removed the embedded target of a loadgate that is gone (pid "
                + owner.pid()
                + "): killed its reference app (pid "
                + child.pid()
                + ")");
    assertThat(child.waitFor()).isNotZero();
    assertThat(Files.exists(entry)).isFalse();
  }

  @Test
  void sayWhenAStaleEntryHadNothingLeftRunning() throws Exception {
    ProcessRecord owner = deadProcess();
    entry("stale", owner);

    assertThat(TargetRecords.cleanStale(root))
        .containsExactly(
            "removed the embedded target of a loadgate that is gone (pid "
                + owner.pid()
                + "); nothing was left running");
  }

  @Test
  void deletesOnlyADataDirectoryThatIsPostgres() throws Exception {
    ProcessRecord owner = deadProcess();
    Process notPostgres = sleeper();
    Path precious = Files.createDirectories(root.resolve("precious"));
    Files.writeString(precious.resolve("keep.txt"), "not a database");
    Path entry = entry("stale", owner);
    TargetRecords.writePostmaster(entry, notPostgres.toHandle(), precious);

    TargetRecords.cleanStale(root);

    assertThat(precious.resolve("keep.txt")).exists();
    assertThat(Files.exists(entry)).isFalse();
  }

  @Test
  void skipsAnEntryWithoutAnOwnerFile() throws Exception {
    Path half = Files.createDirectories(root.resolve(".new-123"));

    assertThat(TargetRecords.cleanStale(root)).isEmpty();
    assertThat(Files.isDirectory(half)).isTrue();
  }

  @Test
  void aNewEntryIsOwnedByThisProcess() {
    Path entry = TargetRecords.create(root);

    assertThat(TargetRecords.read(entry, TargetRecords.OWNER)).contains(ProcessRecord.current());
    assertThat(entry.getFileName().toString()).startsWith(ProcessHandle.current().pid() + "-");
  }
}
