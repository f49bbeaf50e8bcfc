package dev.loadgate.refapp.letters;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The database enum {@code letter_status} and the transitions TTML allows between its values
 * ({@code lib/constants/statuses.ts}).
 */
public enum LetterStatus {
  DRAFT,
  GENERATING,
  PENDING_REVIEW,
  UNDER_REVIEW,
  APPROVED,
  REJECTED,
  COMPLETED,
  FAILED;

  /** The value as the database and the API spell it, e.g. {@code pending_review}. */
  public String dbName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The statuses this one may move to. */
  public Set<LetterStatus> next() {
    return switch (this) {
      case DRAFT -> EnumSet.of(GENERATING);
      case GENERATING -> EnumSet.of(PENDING_REVIEW, FAILED);
      case PENDING_REVIEW -> EnumSet.of(UNDER_REVIEW, APPROVED, REJECTED);
      case UNDER_REVIEW -> EnumSet.of(APPROVED, REJECTED);
      case APPROVED -> EnumSet.of(COMPLETED);
      case REJECTED -> EnumSet.of(PENDING_REVIEW);
      case FAILED -> EnumSet.of(DRAFT);
      case COMPLETED -> EnumSet.noneOf(LetterStatus.class);
    };
  }

  public boolean mayMoveTo(LetterStatus to) {
    return next().contains(to);
  }

  /** The status named {@code text} ({@code pending_review}), if there is one. */
  public static Optional<LetterStatus> parse(String text) {
    return Arrays.stream(values()).filter(s -> s.dbName().equals(text)).findFirst();
  }

  /** The database names, sorted and joined with ", ", for messages. */
  public static String allNames() {
    return Arrays.stream(values())
        .map(LetterStatus::dbName)
        .sorted()
        .collect(Collectors.joining(", "));
  }
}
