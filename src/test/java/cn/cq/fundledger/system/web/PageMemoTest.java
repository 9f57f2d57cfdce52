package cn.cq.fundledger.system.web;

import static org.assertj.core.api.Assertions.assertThat;

import cn.cq.fundledger.system.ProjectionConsistency;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PageMemoTest {

    /** The ledger as the memo sees it: the newest event's position, and whether the projections reach it. */
    static final class Ledger extends ProjectionConsistency {
        long head = 41;
        boolean complete = true;
        boolean replaying;

        Ledger() {
            super(null, null, null, Duration.ofSeconds(1));
        }

        @Override
        public long head() {
            return head;
        }

        @Override
        public Wait await(Collection<String> processors, long position, Duration timeout) {
            return new Wait(complete, List.of());
        }

        @Override
        public boolean replaying(Collection<String> processors) {
            return replaying;
        }
    }

    final Ledger ledger = new Ledger();
    final Consistent consistent = new Consistent(ledger);
    final PageMemo memo = new PageMemo(ledger);
    final AtomicInteger reads = new AtomicInteger();

    PageMemo.Read<Integer> read(Object... key) {
        return memo.read(consistent, reads::incrementAndGet, key);
    }

    @Test
    void aReadIsKeptWhileNoEventIsStored() {
        assertThat(read("portfolio", LocalDate.of(2024, 4, 14), null).value()).isEqualTo(1);
        assertThat(read("portfolio", LocalDate.of(2024, 4, 14), null)).isEqualTo(new PageMemo.Read<>(1, true));
        assertThat(reads).hasValue(1);
    }

    @Test
    void aNewEventMakesThePageAskAgain() {
        read("portfolio", LocalDate.of(2024, 4, 14), null);
        ledger.head = 42;
        assertThat(read("portfolio", LocalDate.of(2024, 4, 14), null).value()).isEqualTo(2);
        assertThat(read("portfolio", LocalDate.of(2024, 4, 14), null).value()).isEqualTo(2);
    }

    @Test
    void eachQuestionIsKeptApart() {
        read("portfolio", LocalDate.of(2024, 4, 14), null);
        assertThat(read("portfolio", LocalDate.of(2024, 4, 13), null).value()).isEqualTo(2);
        assertThat(read("portfolio", LocalDate.of(2024, 4, 14), "B01").value()).isEqualTo(3);
        assertThat(read("loan-book", LocalDate.of(2024, 4, 14), null).value()).isEqualTo(4);
        assertThat(read("portfolio", LocalDate.of(2024, 4, 14), null).value()).isEqualTo(1);
    }

    @Test
    void anAnswerGivenBeforeTheProjectionsCaughtUpIsNotKept() {
        ledger.complete = false;
        assertThat(read("portfolio")).isEqualTo(new PageMemo.Read<>(1, false));
        ledger.complete = true;
        assertThat(read("portfolio")).isEqualTo(new PageMemo.Read<>(2, true));
        assertThat(read("portfolio")).isEqualTo(new PageMemo.Read<>(2, true));
    }

    @Test
    void anAnswerGivenDuringAReplayIsNotKept() {
        ledger.replaying = true;
        read("portfolio");
        ledger.replaying = false;
        assertThat(read("portfolio").value()).isEqualTo(2);
    }

    @Test
    void aPageSaysWhenItsFiguresAreStillCatchingUp() {
        org.springframework.ui.Model model = new org.springframework.ui.ExtendedModelMap();
        model.addAttribute("consistent", true);
        ledger.complete = false;
        assertThat(memo.read(model, consistent, reads::incrementAndGet, "portfolio")).isEqualTo(1);
        assertThat(model.getAttribute("consistent")).isEqualTo(false);
    }

    @Test
    void theLeastRecentlyUsedReadsAreDroppedBeyondTheCapacity() {
        read("first");
        for (int i = 0; i < PageMemo.CAPACITY; i++) {
            read("other", i);
        }
        assertThat(read("first").value()).isEqualTo(PageMemo.CAPACITY + 2);
    }
}
