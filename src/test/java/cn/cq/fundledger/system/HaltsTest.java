package cn.cq.fundledger.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;

/** What the ledger remembers of a failing projection, and when a halt is over. */
class HaltsTest {

    private static final Halts.FailingEvent POISON = new Halts.FailingEvent(7L, "e-7", "LoanIssued");
    private static final Halts.FailingEvent OTHER = new Halts.FailingEvent(9L, "e-9", "LoanRepaid");
    private static final RuntimeException TOO_LONG = new IllegalStateException("Value too long for column LOAN_ID");

    private final TickingClock clock = new TickingClock(Instant.parse("2024-05-01T08:00:00Z"));
    private final Halts halts = new Halts(clock);

    @Test
    void aFailureHaltsTheSegmentAndRetriesOfTheSameEventCountAsAttemptsSinceTheFirst() {
        Halts.Halt first = halts.failed("credit-ledger", 0, POISON, TOO_LONG);
        clock.advance(Duration.ofSeconds(2));
        Halts.Halt second = halts.failed("credit-ledger", 0, POISON, TOO_LONG);

        assertThat(first.attempts()).isEqualTo(1);
        assertThat(first.retrying()).isFalse();
        assertThat(second.attempts()).isEqualTo(2);
        assertThat(second.retrying()).isTrue();
        assertThat(second.firstSeen()).isEqualTo(first.firstSeen());
        assertThat(second.lastSeen()).isEqualTo(first.firstSeen().plusSeconds(2));
        assertThat(second.eventPosition()).isEqualTo(7L);
        assertThat(second.eventId()).isEqualTo("e-7");
        assertThat(second.eventType()).isEqualTo("LoanIssued");
        assertThat(second.message()).isEqualTo("Value too long for column LOAN_ID");
        assertThat(halts.current(Set.of())).containsExactly(second);
        assertThat(halts.current(Set.of("credit-ledger"))).containsExactly(second);
        assertThat(halts.current(Set.of("seed-ledger"))).isEmpty();
    }

    @Test
    void aFailureOnAnotherEventStartsCountingAgain() {
        halts.failed("credit-ledger", 0, POISON, TOO_LONG);
        halts.failed("credit-ledger", 0, POISON, TOO_LONG);
        clock.advance(Duration.ofSeconds(5));

        Halts.Halt other = halts.failed("credit-ledger", 0, OTHER, TOO_LONG);

        assertThat(other.attempts()).isEqualTo(1);
        assertThat(other.firstSeen()).isEqualTo(clock.instant());
        assertThat(other.eventPosition()).isEqualTo(9L);
    }

    @Test
    void aCommitBeforeTheFailingEventKeepsTheHaltAndOneAtOrPastItEndsIt() {
        halts.failed("credit-ledger", 0, POISON, TOO_LONG);

        halts.committed("credit-ledger", 0, 6);
        assertThat(halts.current(Set.of())).hasSize(1);
        assertThat(halts.position("credit-ledger", 0)).hasValue(6);

        clock.advance(Duration.ofSeconds(3));
        halts.committed("credit-ledger", 0, 7);
        assertThat(halts.current(Set.of())).isEmpty();
        Halts.Halt resolved = halts.latest("credit-ledger").orElseThrow();
        assertThat(resolved.current()).isFalse();
        assertThat(resolved.resolvedAt()).isEqualTo(clock.instant());
        assertThat(resolved.attempts()).isEqualTo(1);
        assertThat(halts.position("credit-ledger", 0)).hasValue(7);
    }

    @Test
    void whereASegmentStandsIsKeptWithoutEndingItsHalt() {
        halts.failed("credit-ledger", 0, POISON, TOO_LONG);

        halts.standsAt("credit-ledger", 0, 8);

        assertThat(halts.position("credit-ledger", 0)).hasValue(8);
        assertThat(halts.current(Set.of())).hasSize(1);
    }

    @Test
    void aSegmentAtTheHeadOfTheStoreHasNothingLeftToFailOn() {
        halts.failed("credit-ledger", 0, POISON, TOO_LONG);

        halts.caughtUp("credit-ledger", 0, 6, 7);
        assertThat(halts.current(Set.of())).hasSize(1);

        // the event at fault is no longer in the store: the head moved back
        halts.caughtUp("credit-ledger", 0, 6, 6);
        assertThat(halts.current(Set.of())).isEmpty();
    }

    @Test
    void aFailureAfterAResolvedOneOnTheSameEventIsANewHalt() {
        halts.failed("credit-ledger", 0, POISON, TOO_LONG);
        halts.committed("credit-ledger", 0, 7);
        clock.advance(Duration.ofMinutes(1));

        Halts.Halt again = halts.failed("credit-ledger", 0, POISON, TOO_LONG);

        assertThat(again.attempts()).isEqualTo(1);
        assertThat(again.firstSeen()).isEqualTo(clock.instant());
        assertThat(again.current()).isTrue();
    }

    @Test
    void segmentsAndProcessorsAreKeptApart() {
        halts.failed("credit-ledger", 0, POISON, TOO_LONG);
        halts.failed("credit-ledger", 1, OTHER, TOO_LONG);
        halts.committed("seed-ledger", 0, 9);

        halts.committed("credit-ledger", 1, 9);

        assertThat(halts.current(Set.of())).extracting(Halts.Halt::segment).containsExactly(0);
        assertThat(halts.segmentsOf("credit-ledger")).containsExactly(0, 1);
        assertThat(halts.segmentsOf("seed-ledger")).containsExactly(0);
        assertThat(halts.of("credit-ledger", 1).orElseThrow().current()).isFalse();
        assertThat(halts.of("seed-ledger", 0)).isEmpty();
    }

    @Test
    void aResetForgetsTheProcessorOnly() {
        halts.failed("credit-ledger", 0, POISON, TOO_LONG);
        halts.failed("seed-ledger", 0, OTHER, TOO_LONG);

        halts.forget("credit-ledger");

        assertThat(halts.current(List.of())).extracting(Halts.Halt::processor).containsExactly("seed-ledger");
        assertThat(halts.latest("credit-ledger")).isEmpty();
        assertThat(halts.position("credit-ledger", 0)).isEmpty();
    }

    @Test
    void theErrorIsTheDatabasesOwnFirstLineAbbreviated() {
        SQLException database = new SQLException("Value too long for column \"LOAN_ID CHARACTER VARYING(64)\": \"'"
                + "L".repeat(10_000) + "' (10000)\"; SQL statement:\nINSERT INTO credit_loan ...");
        RuntimeException wrapped = new ProjectionFailure(POISON,
                new DataIntegrityViolationException("PreparedStatementCallback; SQL [INSERT ...]", database));

        String message = Halts.describe(wrapped);

        assertThat(message).startsWith("Value too long for column \"LOAN_ID CHARACTER VARYING(64)\"").hasSize(300)
                .endsWith("…").doesNotContain("\n");
        assertThat(Halts.describe(new SQLException("Value too long for column \"LOAN_ID CHARACTER VARYING(64)\": "
                + "\"'LLLL... (10000)\"; SQL statement:\nINSERT INTO credit_loan ...")))
                .isEqualTo("Value too long for column \"LOAN_ID CHARACTER VARYING(64)\": \"'LLLL... (10000)\"");
        assertThat(Halts.describe(new IllegalStateException())).isEqualTo("IllegalStateException");
        assertThat(Halts.describe(null)).isEqualTo("unknown error");
    }

    private static final class TickingClock extends Clock {
        private Instant now;

        TickingClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
