package dev.loadgate.capacity;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loadgate.capacity.CapacityReport.RunwayFigure;
import dev.loadgate.measure.Figure;
import dev.loadgate.verdict.Check;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * {@code capacity.json}: the report as data, schema {@value #SCHEMA} (documented field by field in
 * docs/capacity.md). Numbers that are unknown are {@code null}, never 0.
 */
public final class CapacityJson {
  public static final String SCHEMA = "loadgate.capacity/v1";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private CapacityJson() {}

  public static String render(CapacityReport r) {
    ObjectNode root = JSON.createObjectNode();
    root.put("schema", SCHEMA);
    root.put("runId", r.runId());
    root.put("started", r.started().toString());
    root.put("finished", r.finished().toString());
    root.put("complete", r.complete());
    if (!r.complete()) {
      root.put("incompleteReason", r.incompleteReason());
    }
    root.put("exitCode", r.exitCode());
    root.put("target", r.target());
    root.put("mix", r.mix());
    ObjectNode shares = root.putObject("shares");
    r.shares().entrySet().stream()
        .sorted(java.util.Map.Entry.comparingByKey())
        .forEach(e -> shares.put(e.getKey(), e.getValue()));
    ObjectNode plan = root.putObject("plan");
    plan.put("startRatePerSec", r.plan().startRatePerSec());
    plan.put("stepFactor", r.plan().stepFactor());
    plan.put("maxRatePerSec", r.plan().maxRatePerSec());
    plan.put("settleSeconds", r.plan().settle().toMillis() / 1000.0);
    plan.put("stepSeconds", r.plan().measure().toMillis() / 1000.0);
    plan.put("maxBisections", r.plan().maxBisections());
    ArrayNode runs = root.putArray("staircases");
    for (CapacityReport.Staircase s : r.runs()) {
      ObjectNode run = runs.addObject();
      run.put("seedScale", s.seedScale());
      knee(run.putObject("knee"), s.knee());
      ArrayNode steps = run.putArray("steps");
      s.knee().steps().forEach(step -> step(steps.addObject(), step));
    }
    ObjectNode usl = root.putObject("usl");
    if (r.usl().value().isPresent()) {
      UslFit f = r.usl().value().get();
      estimate(usl, "sigma", f.sigma());
      estimate(usl, "kappa", f.kappa());
      estimate(usl, "lambda", f.lambda());
      estimate(usl, "peakConcurrency", f.peakConcurrency());
      estimate(usl, "peakThroughput", f.peakThroughputPerSec());
      usl.put("r2", f.r2());
      usl.put("points", f.points());
    } else {
      usl.put("refused", r.usl().reason());
    }
    curve(root.putObject("apiP95Curve"), r.apiP95Curve());
    curve(root.putObject("dbCpuCurve"), r.dbCpuCurve());
    ObjectNode runway = root.putObject("runway");
    r.runway()
        .ifPresentOrElse(
            w -> {
              runway.put("currentRatePerSec", w.currentRatePerSec());
              runway.put("currentRateSource", r.runwaySource());
              ObjectNode growth = runway.putObject("monthlyGrowth");
              w.monthlyGrowth().entrySet().stream()
                  .sorted(java.util.Map.Entry.comparingByKey())
                  .forEach(e -> growth.put(e.getKey(), e.getValue()));
            },
            () -> runway.putNull("currentRatePerSec"));
    runway.put("minMonths", r.minRunwayMonths());
    number(runway, "months", r.runwayMonths());
    figure(runway.putObject("knee"), r.knee());
    ArrayNode triggers = runway.putArray("triggers");
    for (CapacityReport.TriggerRunway t : r.triggers()) {
      ObjectNode node = triggers.addObject();
      node.put("name", t.name());
      node.put("metric", t.metric());
      node.put("level", t.level());
      node.put("measured", t.measured());
      figure(node, t.runway());
    }
    ArrayNode notes = root.putArray("notes");
    r.notes().forEach(notes::add);
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void knee(ObjectNode node, Knee knee) {
    number(node, "heldRatePerSec", knee.heldRatePerSec());
    number(node, "brokeRatePerSec", knee.brokeRatePerSec());
    Optional<Check> first = knee.firstFailure();
    if (first.isPresent()) {
      ObjectNode f = node.putObject("firstFailure");
      f.put("check", first.get().id());
      number(f, "measured", first.get().measured());
      f.put("limit", first.get().limit());
      f.put("unit", first.get().unit().symbol());
      f.put("reason", first.get().reason());
    } else {
      node.putNull("firstFailure");
    }
  }

  private static void step(ObjectNode node, CapacityStep s) {
    node.put("index", s.index());
    node.put("kind", s.kind());
    node.put("offeredRatePerSec", s.offeredRatePerSec());
    node.put("measuredSeconds", s.measured().toMillis() / 1000.0);
    number(node, "achievedPerSec", s.achievedPerSec());
    number(node, "concurrency", s.concurrency());
    number(node, "targetCpuPercent", s.targetCpuPercent());
    node.put("targetCpuSource", s.targetCpuSource());
    number(node, "dbCpuPercent", s.dbCpuPercent());
    node.put("dbCpuSource", s.dbCpuSource());
    node.put("outcome", s.outcome().name());
    ArrayNode checks = node.putArray("checks");
    for (Check c : s.checks()) {
      ObjectNode check = checks.addObject();
      check.put("id", c.id());
      check.put("status", c.status().name());
      check.put("gated", c.gated());
      number(check, "measured", c.measured());
      check.put("unit", c.unit().symbol());
      check.put("comparator", c.comparator());
      check.put("limit", c.limit());
      check.put("samples", c.samples());
      if (c.ci() != null) {
        check.put("ciLower", c.ci().lower());
        check.put("ciUpper", c.ci().upper());
      }
    }
    ObjectNode figures = node.putObject("figures");
    for (Figure f : s.figures()) {
      number(figures, f.id(), f.value());
    }
  }

  private static void estimate(ObjectNode node, String key, ParameterEstimate e) {
    ObjectNode o = node.putObject(key);
    number(o, "value", e.value());
    number(o, "lower", e.lower());
    number(o, "upper", e.upper());
  }

  private static void curve(ObjectNode node, LoadCurve.Fitted fitted) {
    if (fitted.curve().isEmpty()) {
      node.put("refused", fitted.reason());
      return;
    }
    LoadCurve c = fitted.curve().get();
    node.put("shape", c.shape().name().toLowerCase(java.util.Locale.ROOT));
    node.put("intercept", c.intercept());
    node.put("slope", c.slope());
    node.put("r2", c.r2());
    node.put("points", c.points());
  }

  private static void figure(ObjectNode node, RunwayFigure f) {
    number(node, "ratePerSec", f.ratePerSec());
    node.put("bound", f.bound());
    number(node, "months", f.months());
    node.put("note", f.note());
  }

  private static void number(ObjectNode node, String key, double value) {
    if (Double.isFinite(value)) {
      node.put(key, value);
    } else {
      node.putNull(key);
    }
  }
}
