package dev.loadgate.refapp.http;

import dev.loadgate.refapp.FaultControl;
import dev.loadgate.refapp.FaultSpec;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/** Applies the faults in force to each request before its handler runs. */
public final class FaultInjector implements FaultControl {
  private volatile List<FaultSpec> faults = List.of();
  private final Map<FaultSpec, ReentrantLock> servers = new ConcurrentHashMap<>();
  private final Supplier<Set<String>> routeNames;

  public FaultInjector(List<FaultSpec> initial, Supplier<Set<String>> routeNames) {
    this.routeNames = routeNames;
    set(initial);
  }

  @Override
  public List<FaultSpec> current() {
    return faults;
  }

  /**
   * Replaces the faults in force.
   *
   * @throws IllegalArgumentException if a fault targets a route the app does not serve
   */
  @Override
  public void set(List<FaultSpec> next) {
    List<FaultSpec> copy = List.copyOf(next);
    Set<String> known = routeNames.get();
    for (FaultSpec f : copy) {
      String t = f.target();
      if (t.contains(" ") && !known.isEmpty() && !known.contains(t)) {
        throw new IllegalArgumentException(
            "fault \""
                + f
                + "\": unknown route (expected one of the app's routes, got \""
                + t
                + "\"). Routes: "
                + String.join(", ", known.stream().sorted().toList()));
      }
    }
    faults = copy;
  }

  /** Delays, fails or stalls this request as the matching faults say. */
  public void apply(Context ctx, String routeName, String pathName) {
    List<FaultSpec> now = faults;
    if (now.isEmpty()) {
      return;
    }
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long delayNanos = 0;
    long stallNanos = 0;
    int errorStatus = 0;
    List<FaultSpec> queues = new java.util.ArrayList<>();
    for (FaultSpec f : now) {
      if (!f.matches(routeName, pathName) || random.nextDouble() * 100 >= f.sharePercent()) {
        continue;
      }
      FaultSpec.Effect e = f.effect();
      if (e instanceof FaultSpec.AddedLatency a) {
        delayNanos += a.delay().toNanos();
      } else if (e instanceof FaultSpec.LognormalLatency l) {
        delayNanos += (long) (l.median().toNanos() * Math.exp(l.sigma() * random.nextGaussian()));
      } else if (e instanceof FaultSpec.UniformLatency u) {
        long min = u.min().toNanos();
        delayNanos += min + (long) (random.nextDouble() * (u.max().toNanos() - min));
      } else if (e instanceof FaultSpec.ErrorRate r) {
        if (errorStatus == 0 && random.nextDouble() * 100 < r.percent()) {
          errorStatus = r.status();
        }
      } else if (e instanceof FaultSpec.Stall s) {
        stallNanos = Math.max(stallNanos, s.duration().toNanos());
      } else if (e instanceof FaultSpec.CapacityLimit) {
        queues.add(f);
      }
    }
    sleep(Math.min(delayNanos, Duration.ofMinutes(10).toNanos()));
    for (FaultSpec f : queues) {
      serveOneAtATime(f, (FaultSpec.CapacityLimit) f.effect());
    }
    if (stallNanos > 0) {
      sleep(stallNanos);
      ctx.header("X-Loadgate-Fault", "stall");
      throw ApiError.of(
          504, "FUNCTION_INVOCATION_TIMEOUT", "An error occurred with your deployment");
    }
    if (errorStatus != 0) {
      ctx.header("X-Loadgate-Fault", "error");
      throw errorFor(errorStatus);
    }
  }

  /** Waits for the fault's single server (first come, first served), then holds it 1/rate s. */
  private void serveOneAtATime(FaultSpec fault, FaultSpec.CapacityLimit limit) {
    ReentrantLock server = servers.computeIfAbsent(fault, k -> new ReentrantLock(true));
    server.lock();
    try {
      sleep(Math.round(1e9 / limit.ratePerSec()));
    } finally {
      server.unlock();
    }
  }

  private static ApiError errorFor(int status) {
    return switch (status) {
      case 502 -> ApiError.of(502, "EXTERNAL_SERVICE_ERROR", "External service error");
      case 503 -> ApiError.of(503, "EXTERNAL_SERVICE_ERROR", "Service temporarily unavailable");
      case 504 ->
          ApiError.of(504, "FUNCTION_INVOCATION_TIMEOUT", "An error occurred with your deployment");
      default -> ApiError.internal();
    };
  }

  private static void sleep(long nanos) {
    if (nanos <= 0) {
      return;
    }
    try {
      Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
