package cn.cq.fundledger.credit.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.cq.fundledger.core.Money;
import cn.cq.fundledger.core.Ratio;
import cn.cq.fundledger.credit.api.Grade;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The standing credit policies a ledger is opened with: a line for every grade, a positive grade validity and
 * maximum term, and a warning threshold at or below the suspension threshold, itself at most 100%. A ledger is
 * never opened on policies that make no sense.
 */
class CreditProgramSettingsTest {

    private static final LocalDate START = LocalDate.of(2017, 1, 1);

    private static Map<Grade, Money> lines() {
        return new EnumMap<>(CreditProgramSettings.published().creditLines());
    }

    @Test
    void thePublishedPolicies() {
        CreditProgramSettings published = CreditProgramSettings.published();

        assertThat(published.programStart()).isEqualTo(START);
        assertThat(published.creditLines()).containsExactlyInAnyOrderEntriesOf(Map.of(
                Grade.A, Money.parse("500万"), Grade.B, Money.parse("400万"), Grade.C, Money.parse("300万"),
                Grade.D, Money.parse("160万"), Grade.E, Money.parse("80万")));
        assertThat(published.gradeValidityMonths()).isEqualTo(12);
        assertThat(published.maxTermMonths()).isEqualTo(12);
        assertThat(published.fuseWarning()).isEqualTo(Ratio.ofBasisPoints(500));
        assertThat(published.fuseSuspension()).isEqualTo(Ratio.ofBasisPoints(800));
    }

    @Test
    void everyGradeNeedsACreditLine() {
        Map<Grade, Money> withoutE = lines();
        withoutE.remove(Grade.E);

        assertThatThrownBy(() -> new CreditProgramSettings(START, withoutE, 12, 12, Ratio.ofBasisPoints(500),
                Ratio.ofBasisPoints(800)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("grade E");
    }

    @Test
    void aGradeValidityAndATermOfOneMonthAreTheShortestAccepted() {
        CreditProgramSettings shortest = new CreditProgramSettings(START, lines(), 1, 1, Ratio.ofBasisPoints(500),
                Ratio.ofBasisPoints(800));

        assertThat(shortest.gradeValidityMonths()).isEqualTo(1);
        assertThat(shortest.maxTermMonths()).isEqualTo(1);
        assertThatThrownBy(() -> new CreditProgramSettings(START, lines(), 0, 12, Ratio.ofBasisPoints(500),
                Ratio.ofBasisPoints(800))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CreditProgramSettings(START, lines(), 12, 0, Ratio.ofBasisPoints(500),
                Ratio.ofBasisPoints(800))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theFuseMayWarnAndSuspendAtTheSameRateButNotSuspendBeforeItWarns() {
        CreditProgramSettings same = new CreditProgramSettings(START, lines(), 12, 12, Ratio.ofBasisPoints(800),
                Ratio.ofBasisPoints(800));

        assertThat(same.fuseSuspension()).isEqualTo(same.fuseWarning());
        assertThatThrownBy(() -> new CreditProgramSettings(START, lines(), 12, 12, Ratio.ofBasisPoints(801),
                Ratio.ofBasisPoints(800))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("warning <= suspension <= 100%");
    }

    @Test
    void theSuspensionThresholdIsAtMostAHundredPercent() {
        CreditProgramSettings atHundred = new CreditProgramSettings(START, lines(), 12, 12, Ratio.ofBasisPoints(500),
                Ratio.HUNDRED_PERCENT);

        assertThat(atHundred.fuseSuspension()).isEqualTo(Ratio.HUNDRED_PERCENT);
        assertThatThrownBy(() -> new CreditProgramSettings(START, lines(), 12, 12, Ratio.ofBasisPoints(500),
                Ratio.ofBasisPoints(10_001))).isInstanceOf(IllegalArgumentException.class);
    }
}
