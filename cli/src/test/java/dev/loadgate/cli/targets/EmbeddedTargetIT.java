package dev.loadgate.cli.targets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadgate.refapp.AppSecrets;
import dev.loadgate.refapp.FaultSpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded target as a child process: it dies with loadgate, even on {@code kill -9}, and a
 * start removes what a killed run left behind.
 */
class EmbeddedTargetIT {
  private static final Path HOME =
      Path.of(System.getProperty("loadgate.home", "..")).toAbsolutePath();
  private static final Path IT_SUITES =
      Path.of("src/test/resources/it/suites.yaml").toAbsolutePath();
  private static final Pattern REQUESTS = Pattern.compile("requests ([\\d,]+)");

  @TempDir Path records;
  @TempDir Path reports;
  private final List<Process> planted = new ArrayList<>();

  @AfterEach
  void stopPlanted() {
    planted.forEach(Process::destroyForcibly);
    System.clearProperty(TargetRecords.ROOT_PROPERTY);
  }

  @Test
  void killMinus9OfLoadgateMidLoadLeavesNoTargetProcessOfThatRunAlive() throws Exception {
    Process loadgate =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "@" + HOME.resolve("jvm.options"),
                "-D" + TargetRecords.ROOT_PROPERTY + "=" + records,
                "-Dloadgate.home=" + HOME,
                "-jar",
                Path.of("target/loadgate.jar").toAbsolutePath().toString(),
                "run",
                "--suites",
                IT_SUITES.toString(),
                "--suite",
                "leak",
                "--duration",
                "45s",
                "--out",
                reports.toString())
            .redirectErrorStream(true)
            .start();
    List<String> lines = new ArrayList<>();
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(loadgate.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        lines.add(line);
        Matcher requests = REQUESTS.matcher(line);
        if (line.startsWith("load ")
            && requests.find()
            && Long.parseLong(requests.group(1).replace(",", "")) > 0) {
          break;
        }
      }
    }
    assertThat(loadgate.isAlive()).as("loadgate under load:%n%s", lines).isTrue();
    Path entry = onlyEntry();
    ProcessRecord child = TargetRecords.read(entry, TargetRecords.CHILD).orElseThrow();
    ProcessRecord postmaster = TargetRecords.read(entry, TargetRecords.POSTMASTER).orElseThrow();
    Path dataDirectory = TargetRecords.dataDirectory(entry).orElseThrow();
    assertThat(child.isAlive()).isTrue();
    assertThat(postmaster.isAlive()).isTrue();
    assertThat(processesMentioning(dataDirectory.toString())).isNotEmpty();

    loadgate.destroyForcibly(); // SIGKILL: no shutdown hook runs in loadgate
    assertThat(loadgate.waitFor(30, TimeUnit.SECONDS)).isTrue();

    // Bounded waits for the processes to end, not sleeps: each returns as soon as it is gone.
    awaitExit(child);
    awaitExit(postmaster);
    assertThat(child.isAlive()).as("the reference app's JVM").isFalse();
    assertThat(postmaster.isAlive()).as("its postmaster").isFalse();
    assertThat(processesMentioning(dataDirectory.toString())).as("postgres processes").isEmpty();
    assertThat(processesMentioning(entry.toString())).as("the child JVM").isEmpty();

    // The entry the killed run left is the next start's to remove.
    assertThat(Files.isDirectory(entry)).isTrue();
    List<String> cleaned = TargetRecords.cleanStale(records);
    assertThat(cleaned)
        .singleElement()
        .asString()
        .startsWith(
            "removed the embedded target of a loadgate that is gone (pid " + loadgate.pid() + ")");
    assertThat(Files.exists(entry)).isFalse();
  }

  @Test
  void startCleansAStaleEntryAndServesUntilClosed() throws Exception {
    Path stale = plantStaleEntry();
    ProcessRecord staleChild = TargetRecords.read(stale, TargetRecords.CHILD).orElseThrow();
    ProcessRecord stalePostmaster =
        TargetRecords.read(stale, TargetRecords.POSTMASTER).orElseThrow();
    Path staleData = TargetRecords.dataDirectory(stale).orElseThrow();
    Path live = TargetRecords.create(records); // this JVM owns it: must survive the cleaning
    System.setProperty(TargetRecords.ROOT_PROPERTY, records.toString());

    EmbeddedTarget target =
        EmbeddedTargets.start(
            EmbeddedTargetSpec.forLoad(AppSecrets.generated())
                .withFaults(List.of(FaultSpec.parse("auth=error:100%:503"))));
    Path entry;
    ProcessRecord postmaster;
    try {
      assertThat(target.cleanedUp())
          .singleElement()
          .asString()
          .contains("killed its reference app (pid " + staleChild.pid() + ")")
          .contains("killed its PostgreSQL (postmaster pid " + stalePostmaster.pid() + ")")
          .contains("deleted its data directory " + staleData);
      assertThat(staleChild.isAlive()).isFalse();
      assertThat(stalePostmaster.isAlive()).isFalse();
      assertThat(Files.exists(stale)).isFalse();
      assertThat(Files.exists(staleData)).isFalse();
      assertThat(Files.isDirectory(live)).isTrue();

      assertThat(get(target.baseUrl().resolve("/api/health"))).isEqualTo(200);
      // The fault reached the child: the auth routes answer with the injected status (past the
      // gateway's apikey check, which answers 401 without the key).
      assertThat(
              get(
                  target.baseUrl().resolve("/auth/v1/user"),
                  target.profile().supabaseAnonKey().reveal()))
          .isEqualTo(503);
      assertThat(target.profile().accounts("subscriber")).hasSize(40);
      assertThat(target.profile().accounts("subscriber").get(0).approvedLetterIds()).hasSize(3);
      assertThat(target.profile().admin()).isPresent();
      assertThat(target.pid()).isNotEqualTo(ProcessHandle.current().pid());
      assertThat(target.postmasterPid()).isPresent();
      assertThat(target.cpuTime()).hasValueSatisfying(cpu -> assertThat(cpu).isPositive());
      entry = onlyEntryOtherThan(live);
      postmaster = TargetRecords.read(entry, TargetRecords.POSTMASTER).orElseThrow();
    } finally {
      target.close();
    }
    assertThat(ProcessHandle.of(target.pid()).filter(ProcessHandle::isAlive)).isEmpty();
    assertThat(postmaster.isAlive()).isFalse();
    assertThat(Files.exists(entry)).isFalse();
  }

  /** An entry as a killed loadgate leaves it: owner gone, child and "postmaster" still running. */
  private Path plantStaleEntry() throws Exception {
    Process owner = new ProcessBuilder("sleep", "600").start();
    ProcessRecord ownerRecord = ProcessRecord.of(owner.toHandle());
    owner.destroyForcibly();
    owner.waitFor();
    Process child = new ProcessBuilder("sleep", "600").start();
    Process postmaster = new ProcessBuilder("sleep", "600").start();
    planted.addAll(List.of(child, postmaster));
    Path entry = Files.createDirectories(records.resolve(ownerRecord.pid() + "-stale"));
    Files.writeString(entry.resolve(TargetRecords.OWNER), ownerRecord.text() + "\n");
    TargetRecords.writeChild(entry, ProcessRecord.of(child.toHandle()));
    Path data = Files.createDirectories(records.resolve("epg-stale-data"));
    Files.writeString(data.resolve("PG_VERSION"), "17\n");
    TargetRecords.writePostmaster(entry, postmaster.toHandle(), data);
    return entry;
  }

  private static int get(URI url) throws Exception {
    return send(HttpRequest.newBuilder(url).GET().build());
  }

  private static int get(URI url, String apiKey) throws Exception {
    return send(HttpRequest.newBuilder(url).header("apikey", apiKey).GET().build());
  }

  private static int send(HttpRequest request) throws Exception {
    return HttpClient.newHttpClient()
        .send(request, HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  private static void awaitExit(ProcessRecord record) throws Exception {
    Optional<ProcessHandle> process = record.live();
    if (process.isPresent()) {
      process.get().onExit().get(60, TimeUnit.SECONDS);
    }
  }

  private Path onlyEntry() throws IOException {
    try (Stream<Path> entries = Files.list(records)) {
      List<Path> all = entries.filter(p -> !p.getFileName().toString().startsWith(".")).toList();
      assertThat(all).hasSize(1);
      return all.get(0);
    }
  }

  private Path onlyEntryOtherThan(Path other) throws IOException {
    try (Stream<Path> entries = Files.list(records)) {
      List<Path> all =
          entries
              .filter(p -> !p.equals(other))
              .filter(p -> !p.getFileName().toString().startsWith("."))
              .filter(Files::isDirectory)
              .toList();
      assertThat(all).hasSize(1);
      return all.get(0);
    }
  }

  /** Pids of the processes whose command line contains {@code text}, read from /proc. */
  private static List<Long> processesMentioning(String text) throws IOException {
    List<Long> pids = new ArrayList<>();
    try (Stream<Path> proc = Files.list(Path.of("/proc"))) {
      for (Path dir : proc.toList()) {
        String name = dir.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit)) {
          continue;
        }
        try {
          String cmdline =
              new String(Files.readAllBytes(dir.resolve("cmdline")), StandardCharsets.UTF_8)
                  .replace('\0', ' ');
          if (cmdline.contains(text)) {
            pids.add(Long.parseLong(name));
          }
        } catch (IOException e) {
          // the process ended while being read
        }
      }
    }
    return pids;
  }
}
