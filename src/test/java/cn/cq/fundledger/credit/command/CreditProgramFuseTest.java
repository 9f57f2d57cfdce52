package cn.cq.fundledger.credit.command;

import cn.cq.fundledger.core.Money;
import cn.cq.fundledger.credit.api.BankReinstated;
import cn.cq.fundledger.credit.api.BankSuspended;
import cn.cq.fundledger.credit.api.BankWarned;
import cn.cq.fundledger.credit.api.DeclareDefault;
import cn.cq.fundledger.credit.api.FuseThresholdsSet;
import cn.cq.fundledger.credit.api.Grade;
import cn.cq.fundledger.credit.api.LoanIssued;
import cn.cq.fundledger.credit.api.ReinstateBank;
import cn.cq.fundledger.credit.api.SetFuseThresholds;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fuse (熔断): a default that takes a bank's loss rate (unrecovered principal of its defaulted loans /
 * principal it issued) to the warning threshold warns it, to the suspension threshold suspends it; a
 * suspended bank's loans are refused until an administrator reinstates it. Defaults 5% and 8%.
 */
class CreditProgramFuseTest extends CreditProgramTestSupport {

    // four grade-A loans of 500万: the bank issued 2000万
    private final LoanIssued l1 = issued("L1", ENT_1, wan(500), "2023-02-01");
    private final LoanIssued l2 = issued("L2", ENT_2, wan(500), "2023-02-01");
    private final LoanIssued l3 = issued("L3", ENT_3, wan(500), "2023-02-01");
    private final LoanIssued l4 = issued("L4", ENT_9, wan(500), "2023-02-01");

    private List<Object> book() {
        return history(OPENED, bank(BANK), bank(OTHER_BANK), generalRatio("2017-01-01", 8000),
                evaluated(ENT_1, YUBEI, Grade.A, "2023-01-10"), evaluated(ENT_2, YUBEI, Grade.A, "2023-01-10"),
                evaluated(ENT_3, YUBEI, Grade.A, "2023-01-10"), evaluated(ENT_9, YUBEI, Grade.A, "2023-01-10"),
                l1, l2, l3, l4);
    }

    /** L1 repaid down to {@code outstanding}. */
    private List<Object> l1RepaidTo(Money outstanding) {
        return List.of(repaid(l1, "R1", wan(500).minus(outstanding), Money.ZERO, "2023-05-01", outstanding));
    }

    @Test
    void aDefaultThatTakesTheLossRateToTheWarningThresholdWarnsTheBank() {
        fixture.given(history(book(), l1RepaidTo(wan(120))))
                .when(new DeclareDefault("L1", day("2023-08-01"), day("2023-09-01")))
                .expectEvents(defaulted(l1, "2023-08-01", "2023-09-01", wan(120)),
                        new BankWarned(BANK, day("2023-09-01"), bp(600), wan(120), wan(2000), bp(500), "L1"));
    }

    @Test
    void exactlyAtTheThresholdCountsAndJustBelowDoesNot() {
        fixture.given(history(book(), l1RepaidTo(wan(100))))
                .when(new DeclareDefault("L1", day("2023-08-01"), day("2023-09-01")))
                .expectEvents(defaulted(l1, "2023-08-01", "2023-09-01", wan(100)),
                        new BankWarned(BANK, day("2023-09-01"), bp(500), wan(100), wan(2000), bp(500), "L1"));
        // 99.99万 of 2000万 is 4.9995%: it rounds to 5.00% but is below the threshold
        Money justBelow = wan(100).minus(Money.ofYuan(100));
        fixture.given(history(book(), l1RepaidTo(justBelow)))
                .when(new DeclareDefault("L1", day("2023-08-01"), day("2023-09-01")))
                .expectEvents(defaulted(l1, "2023-08-01", "2023-09-01", justBelow));
    }

    @Test
    void aDefaultThatTakesTheLossRateToTheSuspensionThresholdSuspendsTheBank() {
        fixture.given(history(book(), l1RepaidTo(wan(120)), defaulted(l1, "2023-08-01", "2023-09-01", wan(120)),
                        new BankWarned(BANK, day("2023-09-01"), bp(600), wan(120), wan(2000), bp(500), "L1"),
                        repaid(l2, "R2", wan(450), Money.ZERO, "2023-05-01", wan(50))))
                .when(new DeclareDefault("L2", day("2023-09-15"), day("2023-10-15")))
                .expectEvents(defaulted(l2, "2023-09-15", "2023-10-15", wan(50)),
                        new BankSuspended(BANK, day("2023-10-15"), bp(850), wan(170), wan(2000), bp(800), "L2"));
    }

    @Test
    void aSingleDefaultAcrossBothThresholdsWarnsAndSuspends() {
        fixture.given(book())
                .when(new DeclareDefault("L1", day("2023-08-01"), day("2023-09-01")))
                .expectEvents(defaulted(l1, "2023-08-01", "2023-09-01", wan(500)),
                        new BankWarned(BANK, day("2023-09-01"), bp(2500), wan(500), wan(2000), bp(500), "L1"),
                        new BankSuspended(BANK, day("2023-09-01"), bp(2500), wan(500), wan(2000), bp(800), "L1"));
    }

    @Test
    void aSuspendedBankCannotIssueLoansButOtherBanksCan() {
        List<Object> suspended = history(book(), defaulted(l1, "2023-08-01", "2023-09-01", wan(500)),
                new BankSuspended(BANK, day("2023-09-01"), bp(2500), wan(500), wan(2000), bp(800), "L1"),
                evaluated("ent-10", YUBEI, Grade.B, "2023-06-01"));
        fixture.given(suspended)
                .when(issue("L5", BANK, "ent-10", YUBEI, wan(100), "2023-10-01"))
                .expectException(refused("bankId", "bank-suspended"))
                .expectNoEvents();
        fixture.given(suspended)
                .when(issue("L5", OTHER_BANK, "ent-10", YUBEI, wan(100), "2023-10-01"))
                .expectEvents(issued("L5", OTHER_BANK, "ent-10", YUBEI, wan(100), "2023-10-01", Grade.B, EIGHTY));
    }

    @Test
    void anAdministratorReinstatesASuspendedBankWithAReason() {
        List<Object> suspended = history(book(), defaulted(l1, "2023-08-01", "2023-09-01", wan(500)),
                new BankSuspended(BANK, day("2023-09-01"), bp(2500), wan(500), wan(2000), bp(800), "L1"),
                evaluated("ent-10", YUBEI, Grade.B, "2023-06-01"));
        fixture.given(suspended)
                .when(new ReinstateBank(BANK, day("2023-11-01"), "风险处置完毕"))
                .expectEvents(new BankReinstated(BANK, day("2023-11-01"), "风险处置完毕"));
        fixture.given(history(suspended, new BankReinstated(BANK, day("2023-11-01"), "风险处置完毕")))
                .when(issue("L5", BANK, "ent-10", YUBEI, wan(100), "2023-11-10"))
                .expectEvents(issued("L5", BANK, "ent-10", YUBEI, wan(100), "2023-11-10", Grade.B, EIGHTY));
        fixture.given(suspended)
                .when(new ReinstateBank(BANK, day("2023-11-01"), " "))
                .expectException(invalid("reason", "required"))
                .expectNoEvents();
    }

    @Test
    void onlyASuspendedBankCanBeReinstated() {
        fixture.given(book())
                .when(new ReinstateBank(BANK, day("2023-11-01"), "no reason to"))
                .expectException(refused("bankId", "bank-not-suspended"))
                .expectNoEvents();
        fixture.given(book())
                .when(new ReinstateBank("nope", day("2023-11-01"), "unknown"))
                .expectException(refused("bankId", "unknown-bank"))
                .expectNoEvents();
    }

    @Test
    void thresholdsAreAVersionedPolicy() {
        fixture.given(book())
                .when(new SetFuseThresholds(day("2020-01-01"), bp(1000), bp(2000)))
                .expectEvents(new FuseThresholdsSet(day("2020-01-01"), bp(1000), bp(2000)));
        // in force from 2020: a 6% loss rate no longer warns
        fixture.given(history(book(), new FuseThresholdsSet(day("2020-01-01"), bp(1000), bp(2000)),
                        l1RepaidTo(wan(120))))
                .when(new DeclareDefault("L1", day("2023-08-01"), day("2023-09-01")))
                .expectEvents(defaulted(l1, "2023-08-01", "2023-09-01", wan(120)));
        // a version effective after the default's date does not apply to it
        fixture.given(history(book(), new FuseThresholdsSet(day("2024-01-01"), bp(1000), bp(2000)),
                        l1RepaidTo(wan(120))))
                .when(new DeclareDefault("L1", day("2023-08-01"), day("2023-09-01")))
                .expectEvents(defaulted(l1, "2023-08-01", "2023-09-01", wan(120)),
                        new BankWarned(BANK, day("2023-09-01"), bp(600), wan(120), wan(2000), bp(500), "L1"));
    }

    @Test
    void thresholdsMustMakeSense() {
        fixture.given(book())
                .when(new SetFuseThresholds(day("2020-01-01"), bp(800), bp(500)))
                .expectException(invalid("suspensionPct", "threshold-order"))
                .expectNoEvents();
        fixture.given(book())
                .when(new SetFuseThresholds(day("2020-01-01"), bp(500), bp(10_001)))
                .expectException(invalid("suspensionPct", "ratio-range"))
                .expectNoEvents();
        fixture.given(book())
                .when(new SetFuseThresholds(day("2016-12-31"), bp(500), bp(800)))
                .expectException(refused("effectiveFrom", "date-order"))
                .expectNoEvents();
    }

    @Test
    void theSameVersionSentAgainIsADuplicateAndOtherThresholdsOnItsDateAConflict() {
        List<Object> withVersion = history(book(), new FuseThresholdsSet(day("2020-01-01"), bp(1000), bp(2000)));
        fixture.given(withVersion)
                .when(new SetFuseThresholds(day("2020-01-01"), bp(1000), bp(2000)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(withVersion)
                .when(new SetFuseThresholds(day("2020-01-01"), bp(1000), bp(3000)))
                .expectException(conflict("effectiveFrom", "id-conflict"))
                .expectNoEvents();
    }
}
