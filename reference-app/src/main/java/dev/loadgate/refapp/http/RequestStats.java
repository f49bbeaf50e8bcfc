package dev.loadgate.refapp.http;

import java.util.concurrent.atomic.AtomicLong;

/** Response-time figures for the health endpoint: an exponentially weighted mean. */
public final class RequestStats {
  private final AtomicLong count = new AtomicLong();
  private volatile double meanMillis;

  public void record(long nanos) {
    double ms = nanos / 1e6;
    long n = count.incrementAndGet();
    // EWMA over roughly the last 100 requests; exact mean for the first ones
    double alpha = n < 100 ? 1.0 / n : 0.01;
    synchronized (this) {
      meanMillis += alpha * (ms - meanMillis);
    }
  }

  public double meanMillis() {
    return meanMillis;
  }

  public long count() {
    return count.get();
  }
}
