package dev.loadgate.cli.options;

import dev.loadgate.config.Quantities;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * picocli converters for quantities on the command line, through the one grammar the files use
 * ({@link Quantities}), range checks included: a bad value is exit 2 with the rule.
 */
public final class QuantityConverters {
  private QuantityConverters() {}

  /** A duration such as {@code 30s}, {@code 5m}, {@code 1m30s}, at most 30 days. */
  public static final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      try {
        return Quantities.duration(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
