package cn.cq.fundledger.credit.command;

import cn.cq.fundledger.core.Money;
import cn.cq.fundledger.credit.api.ClaimCompensation;
import cn.cq.fundledger.credit.api.CompensationClaimed;
import cn.cq.fundledger.credit.api.Grade;
import cn.cq.fundledger.credit.api.LoanIssued;
import cn.cq.fundledger.credit.api.RecordRecovery;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The letter announces that the risk-sharing ratio will change. Two loans of the same bank, one issued
 * before the change (80%) and one after (70%), each keep their own ratio at compensation and at recovery.
 */
class CreditProgramRatioChangeTest extends CreditProgramTestSupport {

    private final LoanIssued before = issued("L1", BANK, ENT_1, YUBEI, wan(100), "2023-02-01", Grade.A, bp(8000));
    private final LoanIssued after = issued("L2", BANK, ENT_2, YUBEI, wan(100), "2024-02-01", Grade.A, bp(7000));

    private List<Object> history() {
        return CreditProgramTestSupport.history(OPENED, bank(BANK), generalRatio("2017-01-01", 8000),
                evaluated(ENT_1, YUBEI, Grade.A, "2023-01-10"), evaluated(ENT_2, YUBEI, Grade.A, "2024-01-10"),
                contributed("C1", YUBEI, wan(1000), "2023-01-01"),
                before, generalRatio("2024-01-01", 7000), after,
                defaulted(before, "2024-03-01", "2024-04-01", wan(100)),
                defaulted(after, "2024-05-01", "2024-06-01", wan(100)));
    }

    @Test
    void eachLoanIsIssuedUnderTheRatioInForceOnItsDate() {
        fixture.given(CreditProgramTestSupport.history(OPENED, bank(BANK), generalRatio("2017-01-01", 8000),
                        evaluated(ENT_2, YUBEI, Grade.A, "2024-01-10"), generalRatio("2024-01-01", 7000)))
                .when(issue("L2", BANK, ENT_2, YUBEI, wan(100), "2024-02-01"))
                .expectEvents(after);
    }

    @Test
    void eachClaimIsTheLoansOwnShareOfItsUnrecoveredPrincipal() {
        CompensationClaimed first = claimed("K1", before, "2024-04-10");
        fixture.given(history())
                .when(new ClaimCompensation("K1", "L1", day("2024-04-10")))
                .expectEvents(first, paid(first, "2024-04-10", "K1"));
        CompensationClaimed second = claimed("K2", after, "2024-06-10");
        fixture.given(history())
                .when(new ClaimCompensation("K2", "L2", day("2024-06-10")))
                .expectEvents(second, paid(second, "2024-06-10", "K2"));
        // 80万 for the loan issued before the change, 70万 for the one after it
        org.assertj.core.api.Assertions.assertThat(first.poolShare()).isEqualTo(wan(80));
        org.assertj.core.api.Assertions.assertThat(second.poolShare()).isEqualTo(wan(70));
    }

    @Test
    void eachRecoveryIsSharedInTheLoansOwnRatio() {
        CompensationClaimed first = claimed("K1", before, "2024-04-10");
        CompensationClaimed second = claimed("K2", after, "2024-06-10");
        List<Object> compensated = CreditProgramTestSupport.history(history(), first, paid(first, "2024-04-10", "K1"),
                second, paid(second, "2024-06-10", "K2"));
        fixture.given(compensated)
                .when(new RecordRecovery("V1", "L1", wan(10), day("2024-09-01")))
                .expectEvents(recovered("V1", before, wan(10), wan(8), "2024-09-01"));
        fixture.given(compensated)
                .when(new RecordRecovery("V2", "L2", wan(10), day("2024-09-01")))
                .expectEvents(recovered("V2", after, wan(10), wan(7), "2024-09-01"));
        Money bankShareOfSecond = wan(10).minus(wan(7));
        org.assertj.core.api.Assertions.assertThat(bankShareOfSecond).isEqualTo(wan(3));
    }
}
