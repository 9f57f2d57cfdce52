package cn.cq.fundledger.credit.command;

import cn.cq.fundledger.credit.api.CompensationClaimed;
import cn.cq.fundledger.credit.api.ContributeToPool;
import cn.cq.fundledger.credit.api.Grade;
import cn.cq.fundledger.credit.api.LoanIssued;
import cn.cq.fundledger.credit.api.PoolSource;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The date a waiting claim is paid on: the date of the inflow that pays it, but never before the claim itself nor
 * before an earlier payment of the pool, however far back the inflow is dated.
 */
class CreditProgramPaymentDateTest extends CreditProgramTestSupport {

    // L1 100万 -> pool share 80万, L2 50万 -> 40万; both declared in default on 2024-01-15; the Yubei pool is empty
    private final LoanIssued l1 = issued("L1", ENT_1, wan(100), "2023-03-01");
    private final LoanIssued l2 = issued("L2", ENT_2, wan(50), "2023-03-01");
    private final CompensationClaimed k1 = claimed("K1", l1, "2024-02-01");
    private final CompensationClaimed k2 = claimed("K2", l2, "2024-02-02");

    private List<Object> claimsWaiting() {
        return history(OPENED, bank(BANK), generalRatio("2017-01-01", 8000),
                evaluated(ENT_1, YUBEI, Grade.A, "2023-01-10"), evaluated(ENT_2, YUBEI, Grade.A, "2023-01-10"),
                l1, l2, defaulted(l1, "2023-12-01", "2024-01-15", wan(100)),
                defaulted(l2, "2023-12-01", "2024-01-15", wan(50)), k1, k2);
    }

    private static ContributeToPool contribute(String id, String amountWan, String on) {
        return new ContributeToPool(id, YUBEI, PoolSource.DISTRICT, wan(Long.parseLong(amountWan)), day(on));
    }

    @Test
    void aContributionDatedBeforeTheClaimPaysItOnTheClaimsDate() {
        fixture.given(claimsWaiting())
                .when(contribute("C1", "80", "2024-01-01"))
                .expectEvents(new cn.cq.fundledger.credit.api.PoolContributionReceived("C1", YUBEI,
                                PoolSource.DISTRICT, wan(80), day("2024-01-01")),
                        paid(k1, "2024-02-01", "C1"));
    }

    @Test
    void aContributionDatedBeforeAnEarlierPaymentPaysNoEarlierThanThatPayment() {
        List<Object> firstPaid = history(claimsWaiting(), contributed("C1", YUBEI, wan(80), "2024-03-01"),
                paid(k1, "2024-03-01", "C1"));
        fixture.given(firstPaid)
                .when(contribute("C2", "40", "2024-02-15"))
                .expectEvents(new cn.cq.fundledger.credit.api.PoolContributionReceived("C2", YUBEI,
                                PoolSource.DISTRICT, wan(40), day("2024-02-15")),
                        paid(k2, "2024-03-01", "C2"));
    }

    @Test
    void aContributionDatedAfterTheClaimPaysItOnItsOwnDate() {
        fixture.given(claimsWaiting())
                .when(contribute("C1", "80", "2024-04-01"))
                .expectEvents(new cn.cq.fundledger.credit.api.PoolContributionReceived("C1", YUBEI,
                                PoolSource.DISTRICT, wan(80), day("2024-04-01")),
                        paid(k1, "2024-04-01", "C1"));
    }
}
