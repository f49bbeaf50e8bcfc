package dev.loadgate.cli.scaleout;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.loadgate.scaleout.ShardEnvironment;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every manifest under deploy/k8s parses with the official Kubernetes model classes (fabric8),
 * strictly: a field the model does not know (a typo, a field of another API version) fails the
 * test. Then the shard wiring is checked: what makes N pods N shards of one run.
 */
class KubernetesManifestsTest {
  private static final Path K8S = Path.of("..", "deploy", "k8s");
  private static final ObjectMapper YAML =
      new YAMLMapper()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  /** The kinds deploy/k8s may hold and their model classes; a Secret is never among them. */
  private static final Map<String, Class<?>> KINDS =
      Map.of("Job", Job.class, "PersistentVolumeClaim", PersistentVolumeClaim.class);

  /** Environment variables that hold secrets: they may only come from a Secret. */
  private static final List<String> SECRETS =
      List.of(
          "ADMIN_PORTAL_KEY",
          "STRIPE_WEBHOOK_SECRET",
          "CRON_SECRET",
          "STRIPE_SECRET_KEY",
          "SUPABASE_ANON_KEY",
          "LOADGATE_DB_URL",
          "LOADGATE_SEED_PASSWORD");

  private static Map<Path, Object> manifests;
  private static Job shards;
  private static Job merge;

  record Kustomization(
      String apiVersion,
      String kind,
      List<String> resources,
      List<Image> images,
      List<Generator> configMapGenerator,
      List<Patch> patches,
      List<Label> labels) {}

  record Image(String name, String newName, String newTag) {}

  record Generator(String name, String behavior, List<String> literals) {}

  record Patch(String path) {}

  record Label(Map<String, String> pairs, Boolean includeSelectors) {}

  @BeforeAll
  static void parseEveryManifest() throws IOException {
    manifests = new LinkedHashMap<>();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(K8S)) {
      files = walk.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    assertThat(files).hasSizeGreaterThanOrEqualTo(6);
    for (Path file : files) {
      manifests.put(file, parse(file));
    }
    shards = job("base/shards-job.yaml");
    merge = job("base/merge-job.yaml");
  }

  /** One file as its model class, strictly; the reason it failed otherwise. */
  private static Object parse(Path file) throws IOException {
    JsonNode tree = YAML.readTree(file.toFile());
    String kind = tree.path("kind").asText();
    if (kind.equals("Kustomization")) {
      return YAML.convertValue(tree, Kustomization.class);
    }
    Class<?> type = KINDS.get(kind);
    assertThat(type)
        .as(file + ": kind " + kind + " (expected one of " + KINDS.keySet() + ")")
        .isNotNull();
    Object model = YAML.convertValue(tree, type);
    List<String> unknown = new ArrayList<>();
    unknownFields(model, kind, unknown);
    assertThat(unknown).as(file + ": fields the Kubernetes model does not know").isEmpty();
    return model;
  }

  /**
   * fabric8 models keep unknown fields in {@code additionalProperties} instead of failing; a strict
   * parse is one where every such map, at every depth, is empty.
   */
  private static void unknownFields(Object node, String path, List<String> found) {
    if (node == null) {
      return;
    }
    if (node instanceof Collection<?> items) {
      int i = 0;
      for (Object item : items) {
        unknownFields(item, path + "[" + i++ + "]", found);
      }
      return;
    }
    if (node instanceof Map<?, ?> map) {
      map.forEach((k, v) -> unknownFields(v, path + "." + k, found));
      return;
    }
    if (!node.getClass().getName().startsWith("io.fabric8.")) {
      return;
    }
    for (Method getter : node.getClass().getMethods()) {
      if (getter.getParameterCount() != 0
          || Modifier.isStatic(getter.getModifiers())
          || !getter.getName().startsWith("get")
          || getter.getName().equals("getClass")) {
        continue;
      }
      Object value;
      try {
        value = getter.invoke(node);
      } catch (ReflectiveOperationException e) {
        throw new AssertionError(path + ": cannot read " + getter.getName(), e);
      }
      if (getter.getName().equals("getAdditionalProperties")) {
        if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
          found.add(path + ": " + extra.keySet());
        }
      } else {
        unknownFields(value, path + "." + getter.getName().substring(3), found);
      }
    }
  }

  private static Job job(String relative) {
    return (Job) manifests.get(K8S.resolve(relative));
  }

  private static Container container(Job job) {
    List<Container> containers = job.getSpec().getTemplate().getSpec().getContainers();
    assertThat(containers).hasSize(1);
    return containers.get(0);
  }

  private static Optional<String> env(Container container, String name) {
    return container.getEnv().stream()
        .filter(e -> e.getName().equals(name))
        .map(EnvVar::getValue)
        .findFirst();
  }

  @Test
  void aFieldTheModelDoesNotKnowFailsTheParse() throws IOException {
    JsonNode tree = YAML.readTree(K8S.resolve("base/shards-job.yaml").toFile());
    ((com.fasterxml.jackson.databind.node.ObjectNode) tree.path("spec")).put("paralelism", 3);
    Job typo = YAML.convertValue(tree, Job.class);
    List<String> unknown = new ArrayList<>();

    unknownFields(typo, "Job", unknown);

    assertThat(unknown).containsExactly("Job.Spec: [paralelism]");
  }

  @Test
  void theShardsAreOneIndexedJobWhosePodsKnowTheirCount() {
    assertThat(shards.getSpec().getCompletionMode()).isEqualTo("Indexed");
    assertThat(shards.getSpec().getParallelism()).isEqualTo(shards.getSpec().getCompletions());
    Container loadgate = container(shards);
    assertThat(env(loadgate, ShardEnvironment.COUNT_ENV))
        .contains(String.valueOf(shards.getSpec().getCompletions()));
    // The index comes from Kubernetes (JOB_COMPLETION_INDEX), never from the manifest.
    assertThat(loadgate.getEnv()).noneMatch(e -> e.getName().equals(ShardEnvironment.INDEX_ENV));
    assertThat(loadgate.getArgs()).startsWith("run").doesNotContain("--shard");
    // A retried shard would send its share twice: no retries, and pods never restart in place.
    assertThat(shards.getSpec().getBackoffLimit()).isZero();
    assertThat(shards.getSpec().getTemplate().getSpec().getRestartPolicy()).isEqualTo("Never");
  }

  @Test
  void theMergeWaitsForTheShardsOfTheSameRunGroupOnTheSameVolume() {
    List<String> args = container(merge).getArgs();
    assertThat(args).startsWith("merge").contains("--wait");
    assertThat(args.get(args.indexOf("--run-group") + 1)).isEqualTo("$(LOADGATE_RUN_GROUP)");
    List<String> shardArgs = container(shards).getArgs();
    String out = shardArgs.get(shardArgs.indexOf("--out") + 1);
    assertThat(args.get(args.indexOf("--from") + 1)).isEqualTo(out);
    assertThat(mountedClaim(shards, out)).isEqualTo(mountedClaim(merge, out));
    PersistentVolumeClaim claim =
        (PersistentVolumeClaim) manifests.get(K8S.resolve("base/results-pvc.yaml"));
    assertThat(mountedClaim(shards, out)).isEqualTo(claim.getMetadata().getName());
    assertThat(claim.getSpec().getAccessModes()).containsExactly("ReadWriteMany");
    assertThat(merge.getSpec().getBackoffLimit()).isZero();
  }

  /** The claim mounted at {@code path} in the job's pod. */
  private static String mountedClaim(Job job, String path) {
    PodSpec pod = job.getSpec().getTemplate().getSpec();
    VolumeMount mount =
        container(job).getVolumeMounts().stream()
            .filter(m -> m.getMountPath().equals(path))
            .findFirst()
            .orElseThrow(
                () ->
                    new AssertionError(job.getMetadata().getName() + " mounts nothing at " + path));
    Volume volume =
        pod.getVolumes().stream()
            .filter(v -> v.getName().equals(mount.getName()))
            .findFirst()
            .orElseThrow();
    assertThat(volume.getPersistentVolumeClaim()).as(volume.getName()).isNotNull();
    return volume.getPersistentVolumeClaim().getClaimName();
  }

  @Test
  void secretsComeFromKubernetesSecretsNeverFromTheManifests() throws IOException {
    for (Job job : List.of(shards, merge)) {
      Container container = container(job);
      assertThat(container.getEnv()).noneMatch(e -> SECRETS.contains(e.getName()));
    }
    assertThat(container(shards).getEnvFrom())
        .anyMatch(
            e -> e.getSecretRef() != null && e.getSecretRef().getName().equals("loadgate-target"));
    assertThat(shards.getSpec().getTemplate().getSpec().getVolumes())
        .anyMatch(
            v ->
                v.getSecret() != null && v.getSecret().getSecretName().equals("loadgate-accounts"));
    for (Path file : manifests.keySet()) {
      String text = Files.readString(file);
      assertThat(text)
          .as(file.toString())
          .doesNotContain("kind: Secret")
          .doesNotContain("sk_live_");
    }
  }

  @Test
  void everyOverlaySetsOneShardCountInAllThreePlaces() {
    List<Path> overlays =
        manifests.keySet().stream()
            .filter(p -> p.toString().contains("overlays") && p.endsWith("kustomization.yaml"))
            .toList();
    assertThat(overlays).isNotEmpty();
    for (Path file : overlays) {
      Kustomization overlay = (Kustomization) manifests.get(file);
      assertThat(overlay.resources()).as(file.toString()).contains("../../base");
      int completions = shards.getSpec().getCompletions();
      int parallelism = shards.getSpec().getParallelism();
      String count = env(container(shards), ShardEnvironment.COUNT_ENV).orElseThrow();
      for (Patch patch : overlay.patches()) {
        Job partial = (Job) manifests.get(file.getParent().resolve(patch.path()).normalize());
        if (partial == null || !partial.getMetadata().getName().equals("loadgate-shards")) {
          continue;
        }
        completions = Optional.ofNullable(partial.getSpec().getCompletions()).orElse(completions);
        parallelism = Optional.ofNullable(partial.getSpec().getParallelism()).orElse(parallelism);
        count = env(container(partial), ShardEnvironment.COUNT_ENV).orElse(count);
      }
      assertThat(parallelism).as(file + ": parallelism").isEqualTo(completions);
      assertThat(count)
          .as(file + ": " + ShardEnvironment.COUNT_ENV)
          .isEqualTo(String.valueOf(completions));
      assertThat(overlay.configMapGenerator())
          .as(file + ": the run's target and group")
          .anySatisfy(
              g ->
                  assertThat(g.literals())
                      .anyMatch(l -> l.startsWith("LOADGATE_TARGET="))
                      .anyMatch(l -> l.startsWith("LOADGATE_RUN_GROUP=")));
    }
  }
}
