package dev.loadgate.measure;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * A strict reader of HdrHistogram interval logs as {@link MeasurementStore} writes them (the format
 * of HdrHistogram's {@code HistogramLogWriter}, read by its {@code HistogramLogProcessor}): comment
 * lines ({@code #...}), the legend line, and one line per interval {@code
 * [Tag=..,]start,length,max,base64}. Unlike HdrHistogram's own reader, which stops with a scanner
 * exception on a cut line and skips lines it does not understand, every deviation is a {@link
 * MeasurementFormatException} naming the file and the line: a file not ending in a newline (cut
 * mid-line), a line that is not an interval, a payload that does not decode, a value above {@link
 * Measurements#HIGHEST_TRACKABLE_MICROS}. Interval timestamps follow HdrHistogram's rules for
 * {@code BaseTime} and {@code StartTime}.
 */
final class HistogramLogFile {
  private static final Pattern BASE_TIME = Pattern.compile("#\\[BaseTime: ([0-9.]+)");
  private static final Pattern START_TIME = Pattern.compile("#\\[StartTime: ([0-9.]+)");
  private static final String LEGEND_START = "\"StartTimestamp\"";
  private static final int SHOWN_CHARS = 40;
  private static final double YEAR_SECONDS = 365 * 24 * 3600.0;

  private HistogramLogFile() {}

  /** One interval of the log: its absolute start and end, and its histogram. */
  record Entry(long startEpochMillis, long endEpochMillis, Histogram histogram, int line) {}

  /**
   * Reads every interval of {@code file}.
   *
   * @throws MeasurementFormatException naming the file and line of the first problem
   */
  static List<Entry> read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new MeasurementFormatException(
          file
              + ": histogram log missing (expected the file measurements.json names, got none)."
              + " The run folder is incomplete or was edited; rerun the load.",
          e);
    } catch (IOException e) {
      throw new MeasurementFormatException(file + ": cannot read the histogram log (" + e + ")", e);
    }
    List<Entry> entries = new ArrayList<>();
    Double baseTimeSec = null;
    Double startTimeSec = null;
    int lineNumber = 0;
    int from = 0;
    while (from < bytes.length) {
      lineNumber++;
      int end = indexOf(bytes, (byte) '\n', from);
      if (end < 0) {
        throw problem(
            file,
            lineNumber,
            "the last line is cut off",
            "every line to end in a newline",
            shown(bytes, from, bytes.length),
            "The file was truncated (a crash, a kill or a full disk while writing); rerun the"
                + " load, or restore the folder from where it was copied.");
      }
      String line = ascii(file, lineNumber, bytes, from, end);
      from = end + 1;
      if (line.isEmpty() || line.startsWith(LEGEND_START)) {
        continue;
      }
      if (line.startsWith("#")) {
        Matcher base = BASE_TIME.matcher(line);
        Matcher start = START_TIME.matcher(line);
        if (base.lookingAt()) {
          baseTimeSec = Double.parseDouble(base.group(1));
        } else if (start.lookingAt()) {
          startTimeSec = Double.parseDouble(start.group(1));
        }
        continue;
      }
      Parsed parsed = parse(file, lineNumber, line);
      if (startTimeSec == null) {
        startTimeSec = parsed.startSec;
      }
      if (baseTimeSec == null) {
        // HdrHistogram's rule: timestamps far below the start time are relative to it.
        baseTimeSec = parsed.startSec < startTimeSec - YEAR_SECONDS ? startTimeSec : 0.0;
      }
      double absoluteStart = parsed.startSec + baseTimeSec;
      double absoluteEnd = absoluteStart + parsed.lengthSec;
      entries.add(
          new Entry(
              (long) (absoluteStart * 1000.0),
              (long) (absoluteEnd * 1000.0),
              parsed.histogram,
              lineNumber));
    }
    return List.copyOf(entries);
  }

  private record Parsed(double startSec, double lengthSec, Histogram histogram) {}

  private static Parsed parse(Path file, int lineNumber, String line) {
    String[] fields = line.split(",", -1);
    int first = fields.length > 0 && fields[0].startsWith("Tag=") ? 1 : 0;
    if (fields.length - first != 4) {
      throw problem(
          file,
          lineNumber,
          "not an interval line",
          "a comment, the legend, or start,length,max,histogram",
          shown(line),
          "The file is damaged or is not an HdrHistogram interval log.");
    }
    double startSec = number(file, lineNumber, "start", fields[first]);
    double lengthSec = number(file, lineNumber, "length", fields[first + 1]);
    number(file, lineNumber, "max", fields[first + 2]);
    Histogram histogram;
    try {
      byte[] payload = Base64.getDecoder().decode(fields[first + 3]);
      histogram = Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(payload), 0);
    } catch (Exception e) {
      // Garbage in the payload surfaces as DataFormatException, IllegalArgumentException or an
      // index error from the decoder, depending on where the bytes stop making sense.
      throw problem(
          file,
          lineNumber,
          "the histogram does not decode (" + e.getClass().getSimpleName() + ")",
          "a base64 compressed HdrHistogram",
          shown(fields[first + 3]),
          "The file is damaged; rerun the load, or restore the folder.");
    }
    if (histogram.getTotalCount() > 0
        && histogram.getMaxValue() > Measurements.HIGHEST_TRACKABLE_MICROS) {
      throw problem(
          file,
          lineNumber,
          "a latency lies outside the histogram's range",
          "values from 0 to " + Measurements.HIGHEST_TRACKABLE_MICROS + " µs (one hour)",
          histogram.getMaxValue() + " µs",
          "loadgate never records such a value; the file was written or edited by something"
              + " else.");
    }
    return new Parsed(startSec, lengthSec, histogram);
  }

  private static double number(Path file, int lineNumber, String field, String text) {
    try {
      double value = Double.parseDouble(text);
      if (Double.isFinite(value) && value >= 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw problem(
        file,
        lineNumber,
        "the " + field + " field is not a number",
        "a non-negative decimal such as 1.000",
        shown(text),
        "The file is damaged; rerun the load, or restore the folder.");
  }

  private static String ascii(Path file, int lineNumber, byte[] bytes, int from, int end) {
    for (int i = from; i < end; i++) {
      int b = bytes[i] & 0xff;
      if (b >= 0x80 || (b < 0x20 && b != '\t' && b != '\r')) {
        throw problem(
            file,
            lineNumber,
            "not a text line (byte 0x"
                + Integer.toHexString(b).toUpperCase(Locale.ROOT)
                + " at column "
                + (i - from + 1)
                + ")",
            "ASCII text as HistogramLogWriter writes it",
            "binary data",
            "The file is damaged or is not an HdrHistogram interval log.");
      }
    }
    String line = new String(bytes, from, end - from, StandardCharsets.US_ASCII);
    return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
  }

  private static MeasurementFormatException problem(
      Path file, int line, String what, String expected, String got, String hint) {
    return new MeasurementFormatException(
        file + ":" + line + ": " + what + " (expected " + expected + ", got " + got + "). " + hint);
  }

  private static String shown(byte[] bytes, int from, int end) {
    StringBuilder text = new StringBuilder();
    for (int i = from; i < end && text.length() <= SHOWN_CHARS; i++) {
      int b = bytes[i] & 0xff;
      text.append(b >= 0x20 && b < 0x7f ? (char) b : '?');
    }
    return shown(text.toString());
  }

  private static String shown(String text) {
    return "\""
        + (text.length() > SHOWN_CHARS ? text.substring(0, SHOWN_CHARS) + "..." : text)
        + "\"";
  }

  private static int indexOf(byte[] bytes, byte wanted, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == wanted) {
        return i;
      }
    }
    return -1;
  }
}
