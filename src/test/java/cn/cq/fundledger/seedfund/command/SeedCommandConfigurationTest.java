package cn.cq.fundledger.seedfund.command;

import static org.assertj.core.api.Assertions.assertThat;

import cn.cq.fundledger.core.Money;
import cn.cq.fundledger.core.Ratio;
import cn.cq.fundledger.seedfund.api.ProjectCapSet;
import cn.cq.fundledger.seedfund.api.SetScaleTarget;
import cn.cq.fundledger.seedfund.command.SeedCommandConfiguration.SeedPolicyProperties;
import cn.cq.fundledger.seedfund.command.SeedCommandConfiguration.SeedPolicyProperties.CapVersion;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.junit.jupiter.api.Test;

/**
 * {@code fundledger.seed.*}: a configured policy replaces the published one (the cap versions as a whole), an
 * unset policy keeps it; every seed command goes to the one program ledger.
 */
class SeedCommandConfigurationTest {

    private final SeedCommandConfiguration configuration = new SeedCommandConfiguration();

    @Test
    void withNothingConfiguredTheLedgerOpensOnThePublishedPolicies() {
        assertThat(configuration.seedProgramSettings(new SeedPolicyProperties(null, null, null, null, null)))
                .isEqualTo(SeedProgramSettings.published());
        assertThat(configuration.seedProgramSettings(new SeedPolicyProperties(null, null, List.of(), null, null)))
                .isEqualTo(SeedProgramSettings.published());
    }

    @Test
    void configuredPoliciesReplaceThePublishedOnes() {
        SeedProgramSettings settings = configuration.seedProgramSettings(new SeedPolicyProperties(
                LocalDate.of(2016, 1, 1), "50", List.of(new CapVersion(LocalDate.of(2016, 1, 1), "100万")), "5亿",
                LocalDate.of(2026, 12, 31)));

        assertThat(settings.programStart()).isEqualTo(LocalDate.of(2016, 1, 1));
        assertThat(settings.defaultCityShare()).isEqualTo(Ratio.ofBasisPoints(5000));
        assertThat(settings.projectCaps()).containsExactly(new ProjectCapSet(LocalDate.of(2016, 1, 1),
                Money.parse("100万")));
        assertThat(settings.targetScale()).isEqualTo(Money.parse("5亿"));
        assertThat(settings.targetDate()).isEqualTo(LocalDate.of(2026, 12, 31));
    }

    @Test
    void everySeedCommandGoesToTheOneProgramLedger() {
        var target = configuration.seedProgramTargetResolver().resolveTarget(GenericCommandMessage.asCommandMessage(
                new SetScaleTarget(Money.parse("3亿"), LocalDate.of(2024, 12, 31))));

        assertThat(target.getIdentifier()).isEqualTo(SeedProgram.ID);
    }
}
