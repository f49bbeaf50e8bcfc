package dev.loadgate.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loadgate.baseline.BaselinesLoader;
import dev.loadgate.measure.MeasurementStore;
import dev.loadgate.measure.Measurements;
import dev.loadgate.measure.Phase;
import dev.loadgate.measure.Series;
import dev.loadgate.measure.SeriesKey;
import dev.loadgate.scaleout.Shard;
import dev.loadgate.simulations.LoadPlan;
import dev.loadgate.simulations.Suite;
import dev.loadgate.simulations.Suites;
import dev.loadgate.targets.TargetProfile;
import dev.loadgate.verdict.Check;
import dev.loadgate.verdict.EvaluationOptions;
import dev.loadgate.verdict.VerdictEngine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shard contract on several hosts: three {@code loadgate run --shard I/3} processes, each in a
 * network namespace of its own, load one {@code loadgate serve} in a fourth namespace; {@code
 * loadgate merge} combines their folders. The namespaces, the bridge that joins them and their
 * addresses (198.18.0.0/24, from the benchmarking range of RFC 2544, which is never routed) exist
 * only for this test and are removed after it. Needs root and {@code ip} (iproute2); elsewhere the
 * test is skipped and says why.
 */
class ShardedRunIT {
  private static final String TARGET_ADDRESS = "198.18.0.1";
  private static final int TARGET_PORT = 8080;
  private static final int SHARDS = 3;
  private static final String SUITE = "shards";
  private static final Path SUITES =
      Path.of("src/test/resources/it/shard-suites.yaml").toAbsolutePath();
  private static final Path JAR = Path.of("target/loadgate.jar").toAbsolutePath();
  private static final SeriesKey AUTH = SeriesKey.group(Phase.MEASURE, "auth");
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String TOKEN = Long.toString(ProcessHandle.current().pid(), 36);
  private static final String TARGET_NS = "lg" + TOKEN + "t";
  private static final List<String> created = new ArrayList<>();
  private static final List<Process> started = new ArrayList<>();
  private static Map<String, String> secrets;
  private static Path accounts;

  @TempDir static Path work;

  @BeforeAll
  static void namespacesAndTarget() throws Exception {
    String why = whyNamespacesCannotBeMade();
    if (why != null) {
      String message = "ShardedRunIT skipped: " + why;
      System.out.println(message);
      Assumptions.abort(message);
    }
    ip("netns", "add", TARGET_NS);
    created.add(TARGET_NS);
    ip("-n", TARGET_NS, "link", "set", "lo", "up");
    ip("-n", TARGET_NS, "link", "add", "br0", "type", "bridge");
    ip("-n", TARGET_NS, "addr", "add", TARGET_ADDRESS + "/24", "dev", "br0");
    ip("-n", TARGET_NS, "link", "set", "br0", "up");
    for (int i = 0; i < SHARDS; i++) {
      String ns = shardNamespace(i);
      ip("netns", "add", ns);
      created.add(ns);
      ip("-n", ns, "link", "set", "lo", "up");
      // One veth pair per shard: one end in the shard's namespace, the other on the target's
      // bridge.
      ip(
          "-n", TARGET_NS, "link", "add", "p" + i, "type", "veth", "peer", "name", "e0", "netns",
          ns);
      ip("-n", TARGET_NS, "link", "set", "p" + i, "master", "br0", "up");
      ip("-n", ns, "addr", "add", "198.18.0." + (11 + i) + "/24", "dev", "e0");
      ip("-n", ns, "link", "set", "e0", "up");
    }
    secrets = new LinkedHashMap<>();
    for (String name :
        List.of(
            "ADMIN_PORTAL_KEY", "STRIPE_WEBHOOK_SECRET", "CRON_SECRET", "LOADGATE_SEED_PASSWORD")) {
      byte[] bytes = new byte[16];
      new SecureRandom().nextBytes(bytes);
      secrets.put(name, HexFormat.of().formatHex(bytes));
    }
    accounts = work.resolve("accounts.yaml");
    Process serve =
        start(
            TARGET_NS,
            "serve",
            "--host",
            TARGET_ADDRESS,
            "--port",
            String.valueOf(TARGET_PORT),
            "--rate-limits",
            "off",
            "--accounts-out",
            accounts.toString());
    awaitLine(serve, "reference app: http://" + TARGET_ADDRESS + ":" + TARGET_PORT);
  }

  @AfterAll
  static void removeNamespaces() throws Exception {
    for (Process process : started) {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }
    for (String ns : created) {
      new ProcessBuilder("ip", "netns", "del", ns)
          .inheritIO()
          .start()
          .waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void threeShardsMergeIntoExactlyTheSumOfTheirSamplesAndTheUnshardedPlan() throws Exception {
    Path out = work.resolve("complete");
    List<Process> shards = new ArrayList<>();
    for (int i = 0; i < SHARDS; i++) {
      shards.add(shard(i, "complete", out));
    }
    List<CompletableFuture<String>> outputs = shards.stream().map(ShardedRunIT::drain).toList();
    for (int i = 0; i < SHARDS; i++) {
      String output = outputs.get(i).get(5, TimeUnit.MINUTES);
      assertThat(shards.get(i).waitFor(1, TimeUnit.MINUTES)).isTrue();
      assertThat(shards.get(i).exitValue()).as("shard %d:%n%s", i, output).isZero();
    }

    InProcessLoadgate.Result merged =
        InProcessLoadgate.run(
            Map.of(),
            "merge",
            "--from",
            out.toString(),
            "--run-group",
            "complete",
            "--out",
            work.resolve("merged").toString());

    assertThat(merged.exitCode()).as(merged.toString()).isIn(0, 1);
    Path mergedDir = merged.runDir();
    Measurements whole = MeasurementStore.read(mergedDir);
    List<Measurements> parts = new ArrayList<>();
    for (Path folder : shardFolders(out)) {
      parts.add(MeasurementStore.read(folder));
    }
    assertThat(parts).hasSize(SHARDS);
    // Counts: every series of the merged run holds exactly the shards' samples, outcome by outcome.
    for (Series series : whole.series().values()) {
      long sum = 0;
      long errors = 0;
      Histogram union = Measurements.newLatencyHistogram();
      for (Measurements part : parts) {
        Optional<Series> s = part.get(series.key());
        sum += s.map(Series::sampleCount).orElse(0L);
        errors += s.map(Series::errorCount).orElse(0L);
        s.ifPresent(x -> union.add(x.latencyMicros()));
      }
      assertThat(series.sampleCount()).as(series.key().toString()).isEqualTo(sum);
      assertThat(series.errorCount()).as(series.key().toString()).isEqualTo(errors);
      assertThat(series.latencyMicros().getValueAtPercentile(95))
          .as(series.key() + " p95")
          .isEqualTo(union.getValueAtPercentile(95));
    }
    // The merged verdict's p95 is the one the verdict engine finds in all the shards' samples.
    Measurements sumOfShards = parts.stream().reduce(Measurements.EMPTY, Measurements::merge);
    List<Check> expected =
        VerdictEngine.evaluate(
            BaselinesLoader.load(InProcessLoadgate.HOME.resolve("baselines/production.yaml")),
            sumOfShards,
            EvaluationOptions.defaults());
    double expectedP95 =
        expected.stream()
            .filter(c -> c.id().equals("latency.auth.p95"))
            .findFirst()
            .orElseThrow()
            .measured();
    assertThat(merged.check("latency.auth.p95").path("measured").asDouble()).isEqualTo(expectedP95);
    assertThat(merged.check("latency.auth.p95").path("samples").asLong())
        .isEqualTo(whole.get(AUTH).orElseThrow().sampleCount());
    // Arrivals: each shard started its share of the plan, and the shares add up to the whole plan.
    LoadPlan plan = plan();
    long arrived = 0;
    for (Path folder : shardFolders(out)) {
      JsonNode results = JSON.readTree(folder.resolve("results.json").toFile());
      Shard shard = Shard.parse(results.path("environment").path("extra").path("shard").asText());
      long journeys = MeasurementStore.read(folder).get(AUTH).orElseThrow().sampleCount();
      assertThat(journeys)
          .as("shard %s journeys", shard)
          .isEqualTo(plan.forShard(shard).plannedArrivals("auth", Phase.MEASURE));
      arrived += journeys;
    }
    assertThat(arrived).isEqualTo(plan.plannedArrivals("auth", Phase.MEASURE)).isPositive();
    assertThat(whole.get(AUTH).orElseThrow().sampleCount()).isEqualTo(arrived);
  }

  @Test
  void killingOneShardMakesTheMergedRunIncomplete() throws Exception {
    Path out = work.resolve("killed");
    List<Process> shards = new ArrayList<>();
    for (int i = 0; i < SHARDS; i++) {
      shards.add(shard(i, "killed", out));
    }
    // Shard 1 is lost mid-load, as a pod whose node dies: SIGKILL once it has sent requests.
    awaitLine(shards.get(1), "requests ");
    assertThat(
            new ProcessBuilder("kill", "-KILL", String.valueOf(shards.get(1).pid()))
                .start()
                .waitFor())
        .isZero();
    for (int i : new int[] {0, 2}) {
      String output = drain(shards.get(i)).get(5, TimeUnit.MINUTES);
      assertThat(shards.get(i).waitFor(1, TimeUnit.MINUTES)).isTrue();
      assertThat(shards.get(i).exitValue()).as("shard %d:%n%s", i, output).isZero();
    }
    assertThat(shards.get(1).waitFor(1, TimeUnit.MINUTES)).isTrue();

    InProcessLoadgate.Result merged =
        InProcessLoadgate.run(
            Map.of(),
            "merge",
            "--from",
            out.toString(),
            "--run-group",
            "killed",
            "--out",
            work.resolve("merged-killed").toString());

    assertThat(merged.exitCode()).as(merged.toString()).isEqualTo(3);
    assertThat(merged.out()).contains("shard 1/3").containsAnyOf("missing", "incomplete");
    assertThat(merged.results().path("complete").asBoolean()).isFalse();
  }

  private static LoadPlan plan() {
    Suite suite =
        Suites.load(
                SUITES,
                BaselinesLoader.load(InProcessLoadgate.HOME.resolve("baselines/production.yaml")))
            .get(SUITE);
    TargetProfile profile =
        TargetProfile.builder(URI.create("http://" + TARGET_ADDRESS + ":" + TARGET_PORT)).build();
    return new LoadPlan(profile, suite, Optional.empty(), 1, work.resolve(".gatling"), false);
  }

  private static List<Path> shardFolders(Path out) throws IOException {
    try (Stream<Path> folders = Files.list(out)) {
      return folders.filter(p -> p.getFileName().toString().contains("-shard-")).sorted().toList();
    }
  }

  private static Process shard(int index, String group, Path out) throws IOException {
    return start(
        shardNamespace(index),
        "run",
        "--target",
        "http://" + TARGET_ADDRESS + ":" + TARGET_PORT,
        "--allow-host",
        TARGET_ADDRESS,
        "--accounts",
        accounts.toString(),
        "--suites",
        SUITES.toString(),
        "--suite",
        SUITE,
        "--shard",
        index + "/" + SHARDS,
        "--run-group",
        group,
        "--out",
        out.toString());
  }

  /** The fat jar as the launcher runs it, inside {@code namespace}, with the target's secrets. */
  private static Process start(String namespace, String... args) throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                "ip",
                "netns",
                "exec",
                namespace,
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m",
                "--add-opens=java.base/java.lang=ALL-UNNAMED",
                "--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED",
                "-Dgatling.data.enableAnalytics=false",
                "-Dloadgate.home=" + InProcessLoadgate.HOME,
                "-jar",
                JAR.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(secrets);
    Process process = builder.start();
    started.add(process);
    return process;
  }

  /** Reads the process's output until a line contains {@code text}; fails if it ends first. */
  private static void awaitLine(Process process, String text) throws IOException {
    BufferedReader reader =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    List<String> seen = new ArrayList<>();
    String line;
    while ((line = reader.readLine()) != null) {
      seen.add(line);
      if (line.contains(text)) {
        drainInBackground(reader);
        return;
      }
    }
    throw new AssertionError(
        "the process ended before printing \"" + text + "\":\n" + String.join("\n", seen));
  }

  private static void drainInBackground(BufferedReader reader) {
    Thread drainer =
        new Thread(
            () -> {
              try {
                while (reader.readLine() != null) {
                  // keep the pipe from filling up
                }
              } catch (IOException ignored) {
                // the process ended
              }
            },
            "sharded-it-drain");
    drainer.setDaemon(true);
    drainer.start();
  }

  private static CompletableFuture<String> drain(Process process) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
          } catch (IOException e) {
            return "output lost: " + e;
          }
        });
  }

  private static String shardNamespace(int index) {
    return "lg" + TOKEN + "s" + index;
  }

  /** Why this machine cannot run the test, or null when it can. */
  private static String whyNamespacesCannotBeMade() throws InterruptedException {
    if (!"root".equals(System.getProperty("user.name"))) {
      return "network namespaces need root (running as " + System.getProperty("user.name") + ")";
    }
    if (!Files.isRegularFile(JAR)) {
      return JAR + " is missing (run mvn -pl cli -am verify, which builds it first)";
    }
    String probe = "lg" + TOKEN + "probe";
    try {
      Process add =
          new ProcessBuilder("ip", "netns", "add", probe).redirectErrorStream(true).start();
      String output =
          new String(add.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (add.waitFor() != 0) {
        return "ip netns add failed (" + output + ")";
      }
      new ProcessBuilder("ip", "netns", "del", probe).start().waitFor();
      return null;
    } catch (IOException e) {
      return "the ip command (iproute2) is not installed (" + e.getMessage() + ")";
    }
  }

  private static void ip(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("ip"));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
    }
  }
}
