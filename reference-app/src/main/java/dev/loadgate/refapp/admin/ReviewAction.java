package dev.loadgate.refapp.admin;

import dev.loadgate.refapp.letters.LetterStatus;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What an admin does to a letter under review: the status it moves the letter to and the audit
 * action it writes. The statuses it may start from are those {@link LetterStatus#next()} lets move
 * to the target.
 */
enum ReviewAction {
  START_REVIEW(LetterStatus.UNDER_REVIEW, "review_started"),
  APPROVE(LetterStatus.APPROVED, "approved"),
  REJECT(LetterStatus.REJECTED, "rejected");

  private final LetterStatus target;
  private final String auditAction;

  ReviewAction(LetterStatus target, String auditAction) {
    this.target = target;
    this.auditAction = auditAction;
  }

  LetterStatus target() {
    return target;
  }

  String auditAction() {
    return auditAction;
  }

  /** Whether the decision is final (the owner is told by e-mail). */
  boolean decides() {
    return this != START_REVIEW;
  }

  Set<LetterStatus> sources() {
    return Arrays.stream(LetterStatus.values())
        .filter(s -> s.mayMoveTo(target))
        .collect(Collectors.toCollection(() -> java.util.EnumSet.noneOf(LetterStatus.class)));
  }

  /** "pending_review or under_review", for messages. */
  String sourceNames() {
    return sources().stream()
        .map(LetterStatus::dbName)
        .sorted()
        .collect(Collectors.joining(" or "));
  }
}
