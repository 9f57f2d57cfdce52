package cn.cq.fundledger.seedfund.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.cq.fundledger.core.Money;
import cn.cq.fundledger.core.Recorded;
import cn.cq.fundledger.seedfund.api.ProjectCapSet;
import cn.cq.fundledger.seedfund.api.ScaleTargetSet;
import cn.cq.fundledger.seedfund.api.SeedProgramOpened;
import cn.cq.fundledger.seedfund.api.SetProjectCap;
import cn.cq.fundledger.seedfund.api.SetScaleTarget;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The policies: versions of the per-project cap, scale targets, and the published defaults. */
class SeedProgramPolicyTest extends SeedProgramTestSupport {

    @Test
    void thePublishedSettingsAreTheOnesOfTheLetterAndTheRules() {
        SeedProgramSettings published = SeedProgramSettings.published();
        assertThat(new SeedProgramOpened(published.programStart(), published.defaultCityShare(),
                published.projectCaps(), published.targetScale(), published.targetDate())).isEqualTo(OPENED);
    }

    @Test
    void settingsWithoutACapInForceFromTheProgramStartAreRefused() {
        assertThatThrownBy(() -> new SeedProgramSettings(PROGRAM_START, FORTY,
                List.of(new ProjectCapSet(day("2015-01-02"), wan(80))), wan(30000), day("2024-12-31")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Nested
    class Caps {

        @Test
        void anAdministratorRecordsANewCapVersion() {
            fixture.given(OPENED)
                    .when(new SetProjectCap(day("2026-01-01"), wan(300)))
                    .expectEvents(new ProjectCapSet(day("2026-01-01"), wan(300)))
                    .expectResultMessagePayload(Recorded.applied("cap@2026-01-01"));
        }

        @Test
        void thePublishedVersionAgainIsADuplicate() {
            fixture.given(OPENED)
                    .when(new SetProjectCap(day("2024-10-27"), wan(200)))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(Recorded.duplicateOf("cap@2024-10-27"));
        }

        @Test
        void anotherCapFromTheSameDayIsAConflict() {
            fixture.given(OPENED)
                    .when(new SetProjectCap(day("2024-10-27"), wan(150)))
                    .expectException(conflict("effectiveFrom", "id-conflict"))
                    .expectNoEvents();
        }

        @Test
        void aCapOfNothingIsRefused() {
            fixture.given(OPENED)
                    .when(new SetProjectCap(day("2026-01-01"), Money.ZERO))
                    .expectException(invalid("cap", "amount-positive"))
                    .expectNoEvents();
        }

        @Test
        void aCapBeforeTheProgramIsRefused() {
            fixture.given(OPENED)
                    .when(new SetProjectCap(day("2014-12-31"), wan(50)))
                    .expectException(refused("effectiveFrom", "date-order"))
                    .expectNoEvents();
        }
    }

    @Nested
    class Targets {

        @Test
        void anAdministratorRecordsAnotherTarget() {
            fixture.given(OPENED)
                    .when(new SetScaleTarget(yuan("5亿"), day("2027-12-31")))
                    .expectEvents(new ScaleTargetSet(yuan("5亿"), day("2027-12-31")))
                    .expectResultMessagePayload(Recorded.applied("target@2027-12-31"));
        }

        @Test
        void thePublishedTargetAgainIsADuplicate() {
            fixture.given(OPENED)
                    .when(new SetScaleTarget(yuan("3亿"), day("2024-12-31")))
                    .expectNoEvents()
                    .expectResultMessagePayload(Recorded.duplicateOf("target@2024-12-31"));
        }

        @Test
        void anotherScaleForTheSameDateIsAConflict() {
            fixture.given(OPENED)
                    .when(new SetScaleTarget(yuan("3.5亿"), day("2024-12-31")))
                    .expectException(conflict("targetDate", "id-conflict"))
                    .expectNoEvents();
        }

        @Test
        void aTargetOfNothingIsRefused() {
            fixture.given(OPENED)
                    .when(new SetScaleTarget(Money.ZERO, day("2027-12-31")))
                    .expectException(invalid("targetScale", "amount-positive"))
                    .expectNoEvents();
        }
    }
}
