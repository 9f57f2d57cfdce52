package cn.cq.fundledger.credit.command;

import static org.assertj.core.api.Assertions.assertThat;

import cn.cq.fundledger.core.Money;
import cn.cq.fundledger.core.Ratio;
import cn.cq.fundledger.credit.api.Grade;
import cn.cq.fundledger.credit.api.RegisterBank;
import cn.cq.fundledger.credit.command.CreditCommandConfiguration.CreditPolicyProperties;
import java.time.LocalDate;
import java.util.Map;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.junit.jupiter.api.Test;

/**
 * {@code fundledger.credit.*}: a configured policy replaces the published one, an unset policy keeps it; every
 * credit command goes to the one program ledger.
 */
class CreditCommandConfigurationTest {

    private final CreditCommandConfiguration configuration = new CreditCommandConfiguration();

    @Test
    void withNothingConfiguredTheLedgerOpensOnThePublishedPolicies() {
        CreditProgramSettings settings = configuration.creditProgramSettings(
                new CreditPolicyProperties(null, null, null, null, null, null));

        assertThat(settings).isEqualTo(CreditProgramSettings.published());
    }

    @Test
    void configuredPoliciesReplaceThePublishedOnes() {
        CreditProgramSettings settings = configuration.creditProgramSettings(new CreditPolicyProperties(
                LocalDate.of(2019, 1, 1), Map.of(Grade.A, "600万"), 24, 6, "4", "7.5"));

        assertThat(settings.programStart()).isEqualTo(LocalDate.of(2019, 1, 1));
        assertThat(settings.creditLines().get(Grade.A)).isEqualTo(Money.parse("600万"));
        assertThat(settings.creditLines().get(Grade.B)).isEqualTo(Money.parse("400万"));
        assertThat(settings.gradeValidityMonths()).isEqualTo(24);
        assertThat(settings.maxTermMonths()).isEqualTo(6);
        assertThat(settings.fuseWarning()).isEqualTo(Ratio.ofBasisPoints(400));
        assertThat(settings.fuseSuspension()).isEqualTo(Ratio.ofBasisPoints(750));
    }

    @Test
    void everyCreditCommandGoesToTheOneProgramLedger() {
        var target = configuration.creditProgramTargetResolver()
                .resolveTarget(GenericCommandMessage.asCommandMessage(new RegisterBank("icbc", "ICBC")));

        assertThat(target.getIdentifier()).isEqualTo(CreditProgram.ID);
    }
}
