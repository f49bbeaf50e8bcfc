package dev.loadgate.capacity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a file of {@code concurrency,throughput} rows after one header line, as {@code loadgate
 * capacity fit} takes it. Blank lines and lines starting with {@code #} are skipped; numbers use a
 * dot for decimals, whatever the locale.
 */
public final class LoadPointsCsv {
  private LoadPointsCsv() {}

  /**
   * The points of {@code file}, in file order.
   *
   * @param shownAs how messages name the file
   * @throws CapacityException listing every bad line, one per line of the message
   */
  public static List<LoadPoint> read(Path file, String shownAs) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CapacityException(
          shownAs
              + ": cannot read the file ("
              + e.getClass().getSimpleName()
              + "). Pass a CSV of concurrency,throughput rows.");
    }
    return parse(lines, shownAs);
  }

  static List<LoadPoint> parse(List<String> lines, String shownAs) {
    List<String> problems = new ArrayList<>();
    List<LoadPoint> points = new ArrayList<>();
    boolean header = true;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String where = shownAs + ":" + (i + 1);
      if (header) {
        header = false;
        if (Character.isDigit(line.charAt(0)) || line.charAt(0) == '-') {
          problems.add(
              where
                  + ": the first line must be a header (expected concurrency,throughput, got \""
                  + line
                  + "\"). Add the header line.");
        }
        continue;
      }
      String[] cells = line.split(",", -1);
      if (cells.length != 2) {
        problems.add(
            where
                + ": a row has two numbers (expected concurrency,throughput, got \""
                + line
                + "\").");
        continue;
      }
      Double concurrency = number(where, "concurrency", cells[0], problems);
      Double throughput = number(where, "throughput", cells[1], problems);
      if (concurrency == null || throughput == null) {
        continue;
      }
      if (concurrency == 0) {
        problems.add(where + ": concurrency must be above 0 (expected e.g. 4, got 0).");
        continue;
      }
      points.add(new LoadPoint(concurrency, throughput));
    }
    if (problems.isEmpty() && points.size() < UslFit.MIN_POINTS) {
      problems.add(
          String.format(
              Locale.ROOT,
              "%s: too few rows (expected at least %d concurrency,throughput rows after the"
                  + " header, got %d). Three parameters need four points.",
              shownAs,
              UslFit.MIN_POINTS,
              points.size()));
    }
    if (!problems.isEmpty()) {
      throw new CapacityException(String.join(System.lineSeparator(), problems));
    }
    return List.copyOf(points);
  }

  private static Double number(String where, String column, String cell, List<String> problems) {
    String text = cell.strip();
    double value;
    try {
      value = Double.parseDouble(text);
    } catch (NumberFormatException e) {
      problems.add(
          where + ": " + column + " is not a number (expected e.g. 12.5, got \"" + text + "\").");
      return null;
    }
    if (!Double.isFinite(value) || value < 0) {
      problems.add(
          where
              + ": "
              + column
              + " must be 0 or a positive number (expected e.g. 12.5, got "
              + text
              + ").");
      return null;
    }
    return value;
  }
}
