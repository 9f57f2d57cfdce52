package cn.cq.fundledger.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A re-sent fact is answered as a duplicate and recorded once; an id taken by another fact is a conflict (409). */
class RecordedTest {

    @Test
    void a_newly_recorded_fact_is_not_a_duplicate() {
        assertThat(Recorded.applied("L1")).isEqualTo(new Recorded("L1", false));
    }

    @Test
    void the_same_fact_sent_again_is_a_duplicate() {
        assertThat(Recorded.duplicateOf("L1")).isEqualTo(new Recorded("L1", true));
        assertThat(Recorded.duplicateOrConflict(true, "L1", "loanId", "loan L1 is already recorded"))
                .isEqualTo(new Recorded("L1", true));
    }

    @Test
    void another_fact_under_a_recorded_id_is_a_conflict_naming_the_field() {
        assertThatThrownBy(() -> Recorded.duplicateOrConflict(false, "L1", "loanId",
                "loan L1 is already recorded with other content"))
                .isInstanceOfSatisfying(RuleViolation.class, violation -> {
                    assertThat(violation.kind()).isEqualTo(RuleViolation.Kind.CONFLICT);
                    assertThat(violation.field()).isEqualTo("loanId");
                    assertThat(violation.rule()).isEqualTo("id-conflict");
                    assertThat(violation.getMessage()).isEqualTo("loan L1 is already recorded with other content");
                });
    }
}
