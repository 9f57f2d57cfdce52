package cn.cq.fundledger.seedfund.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.cq.fundledger.core.Money;
import cn.cq.fundledger.core.Ratio;
import cn.cq.fundledger.seedfund.api.ProjectCapSet;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The standing seed policies a ledger is opened with: a city share of at most 100%, a positive per-project cap in
 * force from the program's start, one cap version a day, a positive scale target. A ledger is never opened on
 * policies that make no sense.
 */
class SeedProgramSettingsTest {

    private static final LocalDate START = LocalDate.of(2015, 1, 1);
    private static final Money TARGET = Money.parse("3亿");
    private static final LocalDate TARGET_DATE = LocalDate.of(2024, 12, 31);

    private static List<ProjectCapSet> caps(ProjectCapSet... caps) {
        return List.of(caps);
    }

    private static ProjectCapSet cap(String from, String amount) {
        return new ProjectCapSet(LocalDate.parse(from), Money.parse(amount));
    }

    @Test
    void thePublishedPolicies() {
        SeedProgramSettings published = SeedProgramSettings.published();

        assertThat(published.programStart()).isEqualTo(START);
        assertThat(published.defaultCityShare()).isEqualTo(Ratio.ofBasisPoints(4000));
        assertThat(published.projectCaps()).containsExactly(cap("2015-01-01", "80万"), cap("2024-10-27", "200万"));
        assertThat(published.targetScale()).isEqualTo(TARGET);
        assertThat(published.targetDate()).isEqualTo(TARGET_DATE);
    }

    @Test
    void capVersionsAreKeptInDateOrder() {
        SeedProgramSettings settings = new SeedProgramSettings(START, Ratio.ofBasisPoints(4000),
                caps(cap("2024-10-27", "200万"), cap("2015-01-01", "80万")), TARGET, TARGET_DATE);

        assertThat(settings.projectCaps()).containsExactly(cap("2015-01-01", "80万"), cap("2024-10-27", "200万"));
    }

    @Test
    void theCityShareIsAtMostAHundredPercent() {
        assertThat(new SeedProgramSettings(START, Ratio.HUNDRED_PERCENT, caps(cap("2015-01-01", "80万")), TARGET,
                TARGET_DATE).defaultCityShare()).isEqualTo(Ratio.HUNDRED_PERCENT);
        assertThatThrownBy(() -> new SeedProgramSettings(START, Ratio.ofBasisPoints(10_001),
                caps(cap("2015-01-01", "80万")), TARGET, TARGET_DATE)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCapIsInForceFromTheProgramsStart() {
        assertThatThrownBy(() -> new SeedProgramSettings(START, Ratio.ofBasisPoints(4000), caps(), TARGET,
                TARGET_DATE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SeedProgramSettings(START, Ratio.ofBasisPoints(4000),
                caps(cap("2015-01-02", "80万")), TARGET, TARGET_DATE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("from the program's start");
        assertThat(new SeedProgramSettings(START, Ratio.ofBasisPoints(4000), caps(cap("2014-01-01", "80万")), TARGET,
                TARGET_DATE).projectCaps()).hasSize(1);
    }

    @Test
    void everyCapIsGreaterThanZero() {
        assertThatThrownBy(() -> new SeedProgramSettings(START, Ratio.ofBasisPoints(4000),
                caps(cap("2015-01-01", "80万"), cap("2020-01-01", "0")), TARGET, TARGET_DATE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("greater than zero");
    }

    @Test
    void twoCapsCannotTakeEffectOnTheSameDay() {
        assertThatThrownBy(() -> new SeedProgramSettings(START, Ratio.ofBasisPoints(4000),
                caps(cap("2015-01-01", "80万"), cap("2015-01-01", "90万")), TARGET, TARGET_DATE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same day");
    }

    @Test
    void theScaleTargetIsGreaterThanZero() {
        assertThatThrownBy(() -> new SeedProgramSettings(START, Ratio.ofBasisPoints(4000),
                caps(cap("2015-01-01", "80万")), Money.ZERO, TARGET_DATE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scale target");
    }
}
