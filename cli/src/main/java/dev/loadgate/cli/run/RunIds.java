package dev.loadgate.cli.run;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Run ids sort by time and say what ran: {@code 20261129T071502Z-smoke}. */
final class RunIds {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private RunIds() {}

  static String of(Instant started, String suite) {
    return STAMP.format(started) + "-" + suite.replaceAll("[^A-Za-z0-9._-]+", "_");
  }
}
