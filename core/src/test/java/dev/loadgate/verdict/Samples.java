package dev.loadgate.verdict;

import dev.loadgate.measure.Measurements;
import dev.loadgate.measure.Outcome;
import dev.loadgate.measure.Phase;
import dev.loadgate.measure.Recording;
import dev.loadgate.measure.SeriesKey;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;

/** Builds measurements from known distributions, through the real recording path. */
final class Samples {
  private final AtomicLong clock = new AtomicLong(1_700_000_000_000L);
  private final Recording recording = Recording.manual(clock::get);

  /** Records {@code count} MEASURE samples (ms from {@code millis}) in a group and its request. */
  Samples group(String group, String request, int count, DoubleSupplier millis, int errors) {
    for (int i = 0; i < count; i++) {
      long nanos = Math.round(millis.getAsDouble() * 1_000_000);
      Outcome outcome = i < errors ? Outcome.HTTP_5XX : Outcome.OK;
      recording.record(SeriesKey.group(Phase.MEASURE, group), nanos, outcome);
      recording.record(SeriesKey.request(Phase.MEASURE, request), nanos, outcome);
      if (i % 1_000 == 999) {
        clock.addAndGet(1_000);
        recording.tick();
      }
    }
    return this;
  }

  /** Records a request series only. */
  Samples request(String request, int count, DoubleSupplier millis) {
    for (int i = 0; i < count; i++) {
      recording.record(
          SeriesKey.request(Phase.MEASURE, request),
          Math.round(millis.getAsDouble() * 1_000_000),
          Outcome.OK);
    }
    return this;
  }

  Measurements finish() {
    clock.addAndGet(1_000);
    return recording.finish();
  }

  static DoubleSupplier constant(double millis) {
    return () -> millis;
  }

  /** Exponential with the given mean, in ms. */
  static DoubleSupplier exponential(Random random, double meanMillis) {
    return () -> -meanMillis * Math.log(1 - random.nextDouble());
  }

  /** Log-normal: exp(N(mu, sigma)), in ms. */
  static DoubleSupplier lognormal(Random random, double mu, double sigma) {
    return () -> Math.exp(mu + sigma * random.nextGaussian());
  }

  /** Uniform in [from, to), in ms. */
  static DoubleSupplier uniform(Random random, double from, double to) {
    return () -> from + (to - from) * random.nextDouble();
  }
}
