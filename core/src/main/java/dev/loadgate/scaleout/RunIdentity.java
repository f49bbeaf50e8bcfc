package dev.loadgate.scaleout;

import dev.loadgate.report.RunResult;
import dev.loadgate.run.Environment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What makes a run folder part of one run: suite, baselines (by content), injected faults, target,
 * plan, loadgate version, completeness, shard and run group, clock window. {@code loadgate merge}
 * (and anything else that combines runs) decides with {@link RunSet#check} whether several folders
 * belong together; this record is what it compares.
 *
 * <p>Stored in {@code results.json}: suite, target and commit in {@code environment}, the rest in
 * {@code environment.extra} under the {@code *_KEY} names below, so every reader of results.json
 * and every accepted run keeps them.
 *
 * @param folder the run folder as the user named it (for messages)
 * @param realFolder the folder's real path (links resolved), to spot one folder given twice
 * @param runId the run id in its results.json
 * @param suite the suite that ran
 * @param comparable the other attributes that must be equal for runs to belong together, by the
 *     name messages use: baselines digest, faults, target, rate scale, duration, loadgate version
 * @param complete whether the run completed
 * @param incompleteReason why not; empty when complete
 * @param shard the shard, or empty for an unsharded run
 * @param runGroup the id that ties the shards of one run together; empty when unsharded
 * @param startedAt when the run started
 * @param finishedAt when it ended
 */
public record RunIdentity(
    Path folder,
    Path realFolder,
    String runId,
    String suite,
    Map<String, String> comparable,
    boolean complete,
    String incompleteReason,
    Optional<Shard> shard,
    Optional<String> runGroup,
    Instant startedAt,
    Instant finishedAt) {

  /** {@code environment.extra} key: the shard, {@code I/N}. */
  public static final String SHARD_KEY = "shard";

  /** {@code environment.extra} key: the run group id. */
  public static final String RUN_GROUP_KEY = "run-group";

  /** {@code environment.extra} key: SHA-256 of the baselines file's bytes, hex. */
  public static final String BASELINES_DIGEST_KEY = "baselines-sha256";

  /** {@code environment.extra} key: loadgate's version. */
  public static final String VERSION_KEY = "loadgate-version";

  /** {@code environment.extra} key of the injected faults (absent: none). */
  public static final String FAULTS_KEY = "faults";

  /** {@code environment.extra} key of the rate scale. */
  public static final String RATE_SCALE_KEY = "rate-scale";

  /** {@code environment.extra} key of the duration override (absent: the suite's). */
  public static final String DURATION_KEY = "duration";

  /** Value of an attribute a run folder does not record. */
  public static final String NOT_RECORDED = "not recorded";

  public RunIdentity {
    Objects.requireNonNull(folder, "folder");
    Objects.requireNonNull(realFolder, "realFolder");
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(suite, "suite");
    // Keeps the order the attributes were given in: messages list them in it.
    comparable = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(comparable));
    incompleteReason = incompleteReason == null ? "" : incompleteReason;
    Objects.requireNonNull(shard, "shard");
    Objects.requireNonNull(runGroup, "runGroup");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(finishedAt, "finishedAt");
  }

  /**
   * The identity of the run in {@code folder} whose results are {@code result}.
   *
   * @throws IllegalArgumentException when the recorded shard is malformed
   */
  public static RunIdentity of(Path folder, RunResult result) {
    Environment env = result.metadata().environment();
    Map<String, String> extra = env == null ? Map.of() : env.extra();
    Map<String, String> comparable = new LinkedHashMap<>();
    comparable.put("baselines", extra.getOrDefault(BASELINES_DIGEST_KEY, NOT_RECORDED));
    comparable.put("injected faults", extra.getOrDefault(FAULTS_KEY, "none"));
    comparable.put("target", env == null ? NOT_RECORDED : env.target());
    comparable.put("rate scale", extra.getOrDefault(RATE_SCALE_KEY, NOT_RECORDED));
    comparable.put("duration", extra.getOrDefault(DURATION_KEY, "the suite's"));
    comparable.put(
        "loadgate version",
        extra.getOrDefault(VERSION_KEY, NOT_RECORDED)
            + " (commit "
            + (env == null ? Environment.UNKNOWN : env.gitCommit())
            + ")");
    Optional<Shard> shard = Optional.ofNullable(extra.get(SHARD_KEY)).map(Shard::parse);
    return new RunIdentity(
        folder,
        realPath(folder),
        result.metadata().runId(),
        env == null ? Environment.UNKNOWN : env.suite(),
        comparable,
        result.complete(),
        result.incompleteReason(),
        shard.filter(s -> !s.isWhole()),
        Optional.ofNullable(extra.get(RUN_GROUP_KEY)),
        result.metadata().startedAt(),
        result.metadata().finishedAt());
  }

  /**
   * The {@code environment.extra} entries that record a shard of a run group: add them to a shard
   * run's environment. Nothing for {@link Shard#WHOLE}.
   */
  public static Map<String, String> shardExtra(Shard shard, String runGroup) {
    if (shard.isWhole()) {
      return Map.of();
    }
    return Map.of(SHARD_KEY, shard.toString(), RUN_GROUP_KEY, RunGroups.check(runGroup));
  }

  /** SHA-256 of a file's bytes, lower-case hex: the baselines' identity, whatever its path. */
  public static String digest(Path file) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(Files.readAllBytes(file)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + " to fingerprint it", e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }

  /** How messages name this run: its folder, and its shard when it has one. */
  public String label() {
    return folder + shard.map(s -> " (shard " + s + ")").orElse("");
  }

  private static Path realPath(Path folder) {
    try {
      return folder.toRealPath();
    } catch (IOException e) {
      return folder.toAbsolutePath().normalize();
    }
  }
}
