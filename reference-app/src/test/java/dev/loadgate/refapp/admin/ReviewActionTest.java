package dev.loadgate.refapp.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadgate.refapp.letters.LetterStatus;
import org.junit.jupiter.api.Test;

class ReviewActionTest {
  @Test
  void eachActionStartsFromTheStatusesTtmlAllows() {
    assertThat(ReviewAction.START_REVIEW.sources()).containsExactly(LetterStatus.PENDING_REVIEW);
    assertThat(ReviewAction.APPROVE.sources())
        .containsExactly(LetterStatus.PENDING_REVIEW, LetterStatus.UNDER_REVIEW);
    assertThat(ReviewAction.REJECT.sourceNames()).isEqualTo("pending_review or under_review");
  }

  @Test
  void completedLettersMoveNowhereAndRejectedOnesOnlyBackToReview() {
    assertThat(LetterStatus.COMPLETED.next()).isEmpty();
    assertThat(LetterStatus.REJECTED.next()).containsExactly(LetterStatus.PENDING_REVIEW);
    assertThat(LetterStatus.APPROVED.mayMoveTo(LetterStatus.APPROVED)).isFalse();
  }

  @Test
  void statusNamesAreTheDatabaseEnum() {
    assertThat(LetterStatus.parse("under_review")).contains(LetterStatus.UNDER_REVIEW);
    assertThat(LetterStatus.parse("lost")).isEmpty();
    assertThat(LetterStatus.allNames())
        .isEqualTo(
            "approved, completed, draft, failed, generating, pending_review, rejected,"
                + " under_review");
  }
}
