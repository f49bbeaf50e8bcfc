package dev.loadgate.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stored measurements are read strictly: a damaged .hlog is an error naming its file and line. */
class StrictHistogramLogTest {
  private static final String AUTH_LOG = "histograms/measure/group-auth.hlog";

  @TempDir Path run;

  private Path stored() {
    MeasurementStore.write(run, MeasurementStoreTest.fixture());
    return run.resolve(AUTH_LOG);
  }

  @Test
  void readsTheSameHistogramsAsHdrHistogramsOwnReader() throws Exception {
    Path log = stored();
    List<HistogramLogFile.Entry> strict = HistogramLogFile.read(log);
    HistogramLogReader reader = new HistogramLogReader(log.toFile());
    for (HistogramLogFile.Entry entry : strict) {
      Histogram theirs = (Histogram) reader.nextIntervalHistogram();
      assertThat(entry.histogram()).isEqualTo(theirs);
      assertThat(entry.startEpochMillis()).isEqualTo(theirs.getStartTimeStamp());
      assertThat(entry.endEpochMillis()).isEqualTo(theirs.getEndTimeStamp());
    }
    assertThat(reader.nextIntervalHistogram()).isNull();
    reader.close();
    assertThat(strict).hasSize(3);
  }

  @Test
  void aLogCutMidLineNamesTheFileAndTheLine() throws Exception {
    Path log = stored();
    String text = Files.readString(log);
    Files.writeString(log, text.substring(0, text.length() - 20));

    assertThatThrownBy(() -> MeasurementStore.read(run))
        .isInstanceOf(MeasurementFormatException.class)
        .hasMessageStartingWith(
            log + ":8: the last line is cut off (expected every line to end in a newline")
        .hasMessageContaining("The file was truncated");
  }

  @Test
  void garbageNamesTheFileAndTheFirstBadLine() throws Exception {
    Path log = stored();
    byte[] noise = new byte[300];
    new Random(14).nextBytes(noise);
    Files.write(log, noise);

    assertThatThrownBy(() -> MeasurementStore.read(run))
        .isInstanceOf(MeasurementFormatException.class)
        .hasMessageMatching(
            "\\Q" + log + "\\E:1: not a text line \\(byte 0x[0-9A-F]+ at column \\d+\\).*");
  }

  @Test
  void textThatIsNotAnIntervalLineIsRejectedWithItsLine() throws Exception {
    Path log = stored();
    List<String> lines = Files.readAllLines(log);
    lines.set(6, "hello, world");
    Files.write(log, lines);

    assertThatThrownBy(() -> MeasurementStore.read(run))
        .isInstanceOf(MeasurementFormatException.class)
        .hasMessage(
            log
                + ":7: not an interval line (expected a comment, the legend, or"
                + " start,length,max,histogram, got \"hello, world\"). The file is damaged or is"
                + " not an HdrHistogram interval log.");
  }

  @Test
  void aPayloadThatDoesNotDecodeIsRejected() throws Exception {
    Path log = stored();
    List<String> lines = Files.readAllLines(log);
    lines.set(5, "0.000,1.000,100.000,SGVsbG8gd29ybGQ=");
    Files.write(log, lines);

    assertThatThrownBy(() -> MeasurementStore.read(run))
        .isInstanceOf(MeasurementFormatException.class)
        .hasMessageStartingWith(log + ":6: the histogram does not decode");
  }

  @Test
  void aValueAboveTheHistogramsRangeIsRejectedInsteadOfCrashingEvaluation() throws Exception {
    Path log = stored();
    Histogram wide = new Histogram(1, 100 * Measurements.HIGHEST_TRACKABLE_MICROS, 3);
    wide.recordValue(2 * Measurements.HIGHEST_TRACKABLE_MICROS);
    for (int i = 1; i < 100; i++) {
      wide.recordValue(1_000);
    }
    ByteBuffer buffer = ByteBuffer.allocate(wide.getNeededByteBufferCapacity());
    int length = wide.encodeIntoCompressedByteBuffer(buffer);
    String payload =
        Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer.array(), length));
    List<String> lines = Files.readAllLines(log);
    lines.set(5, "0.000,1.000,7200.000," + payload);
    Files.write(log, lines);

    assertThatThrownBy(() -> MeasurementStore.read(run))
        .isInstanceOf(MeasurementFormatException.class)
        .hasMessageStartingWith(
            log
                + ":6: a latency lies outside the histogram's range (expected values from 0 to"
                + " 3600000000 µs (one hour), got 72");
  }

  @Test
  void aLogCutAtALineBoundaryDisagreesWithItsIndex() throws Exception {
    Path log = stored();
    List<String> lines = Files.readAllLines(log);
    Files.write(log, lines.subList(0, lines.size() - 1));

    assertThatThrownBy(() -> MeasurementStore.read(run))
        .isInstanceOf(MeasurementFormatException.class)
        .hasMessage(
            log
                + ": holds 2 intervals, but measurements.json lists 3 (expected the same number)."
                + " The log was cut at a line boundary or replaced; rerun the load.");
  }

  @Test
  void aLogWhoseSamplesDifferFromItsIndexIsRejected() throws Exception {
    Path auth = stored();
    Histogram fifty = new Histogram(1, Measurements.HIGHEST_TRACKABLE_MICROS, 3);
    for (int i = 1; i <= 50; i++) {
      fifty.recordValue(1_000L * i);
    }
    ByteBuffer buffer = ByteBuffer.allocate(fifty.getNeededByteBufferCapacity());
    int length = fifty.encodeIntoCompressedByteBuffer(buffer);
    List<String> lines = Files.readAllLines(auth);
    lines.set(
        5,
        "0.000,1.000,50.000,"
            + Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer.array(), length)));
    Files.write(auth, lines);

    assertThatThrownBy(() -> MeasurementStore.read(run))
        .isInstanceOf(MeasurementFormatException.class)
        .hasMessage(
            auth
                + ": holds 250 samples, but measurements.json says 300 (expected the same count)."
                + " The log was cut or replaced; rerun the load.");
  }

  @Test
  void aMissingLogIsNamed() throws Exception {
    Path log = stored();
    Files.delete(log);

    assertThatThrownBy(() -> MeasurementStore.read(run))
        .isInstanceOf(MeasurementFormatException.class)
        .hasMessageStartingWith(log + ": histogram log missing");
  }

  @Test
  void aCutIndexNamesItsLine() throws Exception {
    stored();
    Path index = run.resolve(MeasurementStore.INDEX_FILE);
    String text = Files.readString(index, StandardCharsets.UTF_8);
    Files.writeString(index, text.substring(0, text.length() / 2), StandardCharsets.UTF_8);

    assertThatThrownBy(() -> MeasurementStore.read(run))
        .isInstanceOf(MeasurementFormatException.class)
        .hasMessageMatching("\\Q" + index + "\\E:\\d+: not valid JSON .*rerun the load\\.");
  }
}
