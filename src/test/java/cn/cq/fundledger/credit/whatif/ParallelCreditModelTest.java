package cn.cq.fundledger.credit.whatif;

import static org.assertj.core.api.Assertions.assertThat;

import cn.cq.fundledger.core.Money;
import cn.cq.fundledger.core.Ratio;
import cn.cq.fundledger.credit.api.BankRegistered;
import cn.cq.fundledger.credit.api.CompensationClaimed;
import cn.cq.fundledger.credit.api.CompensationPaid;
import cn.cq.fundledger.credit.api.CreditProgramOpened;
import cn.cq.fundledger.credit.api.Grade;
import cn.cq.fundledger.credit.api.LoanDefaulted;
import cn.cq.fundledger.credit.api.LoanIssued;
import cn.cq.fundledger.credit.api.PoolContributionReceived;
import cn.cq.fundledger.credit.api.PoolSource;
import cn.cq.fundledger.credit.api.RecoveryRecorded;
import cn.cq.fundledger.credit.api.RiskSharingRatioSet;
import cn.cq.fundledger.credit.domain.FusePolicy;
import cn.cq.fundledger.credit.domain.RiskSharingPolicy;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A small history worked by hand, replayed under the recorded policy and under a changed one (the ratio 60%,
 * looser fuse thresholds, 50万 more for the pool): claims, the queue, payments, the recovery's pool share and the
 * fuse's decisions come out as computed on paper.
 */
class ParallelCreditModelTest {

    private static final String DISTRICT = "渝北区";

    private static LocalDate d(String date) {
        return LocalDate.parse(date);
    }

    private static Money wan(long wan) {
        return Money.ofYuan(wan * 10_000);
    }

    private static final Ratio EIGHTY = Ratio.ofBasisPoints(8000);

    /** The history as the ledger recorded it under 80% and fuse thresholds 5%/8%. */
    private static List<Map.Entry<Object, LocalDate>> history() {
        return List.of(
                Map.entry(new CreditProgramOpened(d("2017-01-01"), Map.of(Grade.A, wan(300)), 12, 36,
                        Ratio.ofBasisPoints(500), Ratio.ofBasisPoints(800)), d("2017-01-01")),
                Map.entry(new RiskSharingRatioSet(d("2017-01-01"), EIGHTY, null), d("2017-01-01")),
                Map.entry(new BankRegistered("B1", "银行一"), d("2017-01-01")),
                Map.entry(new LoanIssued("L1", "B1", "E1", DISTRICT, wan(100), Ratio.ofBasisPoints(345), 12,
                        d("2020-01-01"), Grade.A, EIGHTY), d("2020-01-01")),
                Map.entry(new PoolContributionReceived("C1", DISTRICT, PoolSource.CITY, wan(30), d("2020-01-15")),
                        d("2020-01-15")),
                Map.entry(new LoanIssued("L2", "B1", "E2", DISTRICT, wan(50), Ratio.ofBasisPoints(345), 12,
                        d("2020-02-01"), Grade.A, EIGHTY), d("2020-02-01")),
                Map.entry(new LoanDefaulted("L1", "B1", "E1", DISTRICT, d("2020-05-01"), d("2020-06-01"), wan(100)),
                        d("2020-06-01")),
                Map.entry(new CompensationClaimed("K1", "L1", "B1", DISTRICT, d("2020-07-01"), wan(100), EIGHTY,
                        wan(80), wan(20)), d("2020-07-01")),
                Map.entry(new LoanIssued("L3", "B1", "E3", DISTRICT, wan(10), Ratio.ofBasisPoints(345), 12,
                        d("2020-07-15"), Grade.A, EIGHTY), d("2020-07-15")),
                Map.entry(new PoolContributionReceived("C2", DISTRICT, PoolSource.DISTRICT, wan(60), d("2020-09-01")),
                        d("2020-09-01")),
                // the payment the ledger made: the model derives its own and ignores this one
                Map.entry(new CompensationPaid("K1", "L1", "B1", DISTRICT, wan(80), d("2020-09-01"), "C2"),
                        d("2020-09-01")),
                Map.entry(new RecoveryRecorded("R1", "L1", "B1", DISTRICT, wan(10), wan(8), wan(2), d("2020-10-01")),
                        d("2020-10-01")));
    }

    private static ParallelCreditModel replay(ParallelCreditModel.Scenario scenario) {
        ParallelCreditModel model = new ParallelCreditModel(scenario);
        history().forEach(e -> model.accept(e.getKey(), e.getValue()));
        model.finish();
        return model;
    }

    @Test
    void theRecordedPolicyGivesWhatTheLedgerRecorded() {
        ParallelCreditModel model = replay(new ParallelCreditModel.Scenario(null, null, List.of()));
        assertThat(model.total("waiting", d("2020-08-31"), null)).isEqualTo(wan(80).fen());
        assertThat(model.total("compensated", d("2020-08-31"), null)).isZero();
        assertThat(model.total("compensated", d("2020-09-01"), null)).isEqualTo(wan(80).fen());
        assertThat(model.total("waiting", d("2020-09-01"), null)).isZero();
        assertThat(model.total("poolRecovered", d("2020-12-31"), null)).isEqualTo(wan(8).fen());
        assertThat(model.total("contributed", d("2020-12-31"), DISTRICT)).isEqualTo(wan(90).fen());
        // 100万 lost of 150万 issued: past 5% and 8% on the default's date
        assertThat(model.decisions()).containsExactly(
                new ParallelCreditModel.FuseDecision("B1", "WARN", d("2020-06-01")),
                new ParallelCreditModel.FuseDecision("B1", "SUSPEND", d("2020-06-01")));
        // 80万 did not wait for 80万 in a pool of 30万: short from the claim's date
        assertThat(model.firstShortfall()).containsEntry(DISTRICT, d("2020-07-01"));
        // the pool paid 80万 and took back 8万 of the 10万 recovered; the bank bears 100 - 10 - 72 = 18万
        assertThat(model.banks().get("B1").poolBorneFen()).isEqualTo(wan(72).fen());
        assertThat(model.banks().get("B1").bankBorneFen()).isEqualTo(wan(18).fen());
        // L3 came from a suspended bank: kept, and found
        assertThat(model.findings()).extracting(ParallelCreditModel.Finding::rule, ParallelCreditModel.Finding::factId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("bank-suspended", "L3"));
    }

    @Test
    void aLowerRatioALooserFuseAndMoreMoneyChangeClaimsPaymentsAndDecisions() {
        ParallelCreditModel model = replay(new ParallelCreditModel.Scenario(
                List.of(new RiskSharingPolicy.Version(d("2017-01-01"), Ratio.ofBasisPoints(6000), null)),
                List.of(new FusePolicy.Thresholds(d("2017-01-01"), Ratio.ofBasisPoints(5000),
                        Ratio.ofBasisPoints(7000))),
                List.of(new ParallelCreditModel.ExtraContribution(DISTRICT, PoolSource.CITY, wan(50), d("2020-08-01")))));
        // the claim is 60% of 100万; 30万 in the pool: it waits until the extra 50万 of 2020-08-01 pays it
        assertThat(model.total("waiting", d("2020-07-31"), null)).isEqualTo(wan(60).fen());
        assertThat(model.total("compensated", d("2020-07-31"), null)).isZero();
        assertThat(model.total("compensated", d("2020-08-01"), null)).isEqualTo(wan(60).fen());
        assertThat(model.total("contributed", d("2020-12-31"), null)).isEqualTo(wan(140).fen());
        // the recovery's pool share: 60% of 10万, within the 60万 the pool paid
        assertThat(model.total("poolRecovered", d("2020-12-31"), null)).isEqualTo(wan(6).fen());
        assertThat(model.banks().get("B1").poolBorneFen()).isEqualTo(wan(54).fen());
        assertThat(model.banks().get("B1").bankBorneFen()).isEqualTo(wan(36).fen());
        // 66.7% lost: past the 50% warning, short of the 70% suspension, so L3 is nothing to report
        assertThat(model.decisions()).containsExactly(
                new ParallelCreditModel.FuseDecision("B1", "WARN", d("2020-06-01")));
        assertThat(model.findings()).isEmpty();
    }

    /**
     * Corrections: claim K1 (80万, waiting) is reversed, so K2 (40万) behind it is first in the queue and is paid when
     * C2 arrives; recovery R2 and contribution C3 are reversed on their own dates. Under the recorded policy nothing
     * is refused; with 100万 more on 2020-06-30 the scenario's pool had paid K1 at once, so its reversal cannot undo
     * the payment: kept, and found.
     */
    private static List<Map.Entry<Object, LocalDate>> corrected() {
        return List.of(
                Map.entry(new CreditProgramOpened(d("2017-01-01"), Map.of(Grade.A, wan(300)), 12, 36,
                        Ratio.ofBasisPoints(5000), Ratio.ofBasisPoints(9000)), d("2017-01-01")),
                Map.entry(new RiskSharingRatioSet(d("2017-01-01"), EIGHTY, null), d("2017-01-01")),
                Map.entry(new BankRegistered("B1", "银行一"), d("2017-01-01")),
                Map.entry(new LoanIssued("L1", "B1", "E1", DISTRICT, wan(100), Ratio.ofBasisPoints(345), 12,
                        d("2020-01-01"), Grade.A, EIGHTY), d("2020-01-01")),
                Map.entry(new LoanIssued("L2", "B1", "E2", DISTRICT, wan(50), Ratio.ofBasisPoints(345), 12,
                        d("2020-02-01"), Grade.A, EIGHTY), d("2020-02-01")),
                Map.entry(new PoolContributionReceived("C1", DISTRICT, PoolSource.CITY, wan(30), d("2020-01-15")),
                        d("2020-01-15")),
                Map.entry(new LoanDefaulted("L1", "B1", "E1", DISTRICT, d("2020-05-01"), d("2020-06-01"), wan(100)),
                        d("2020-06-01")),
                Map.entry(new LoanDefaulted("L2", "B1", "E2", DISTRICT, d("2020-05-15"), d("2020-06-15"), wan(50)),
                        d("2020-06-15")),
                Map.entry(new CompensationClaimed("K1", "L1", "B1", DISTRICT, d("2020-07-01"), wan(100), EIGHTY,
                        wan(80), wan(20)), d("2020-07-01")),
                Map.entry(new CompensationClaimed("K2", "L2", "B1", DISTRICT, d("2020-07-10"), wan(50), EIGHTY,
                        wan(40), wan(10)), d("2020-07-10")),
                Map.entry(reversal(cn.cq.fundledger.credit.api.ReverseFact.FactKind.CLAIM, "K1", "L1", d("2020-07-01"),
                        wan(100), wan(80)), d("2020-07-01")),
                Map.entry(new PoolContributionReceived("C2", DISTRICT, PoolSource.DISTRICT, wan(60), d("2020-09-01")),
                        d("2020-09-01")),
                Map.entry(new RecoveryRecorded("R2", "L2", "B1", DISTRICT, wan(10), wan(8), wan(2), d("2020-10-01")),
                        d("2020-10-01")),
                Map.entry(reversal(cn.cq.fundledger.credit.api.ReverseFact.FactKind.RECOVERY, "R2", "L2",
                        d("2020-10-01"), wan(10), wan(8)), d("2020-10-01")),
                Map.entry(new PoolContributionReceived("C3", DISTRICT, PoolSource.CITY, wan(5), d("2020-11-01")),
                        d("2020-11-01")),
                Map.entry(reversal(cn.cq.fundledger.credit.api.ReverseFact.FactKind.CONTRIBUTION, "C3", null,
                        d("2020-11-01"), wan(5), Money.ZERO), d("2020-11-01")));
    }

    private static cn.cq.fundledger.credit.api.FactReversed reversal(cn.cq.fundledger.credit.api.ReverseFact.FactKind kind,
                                                                     String factId, String loanId, LocalDate date,
                                                                     Money amount, Money poolShare) {
        return new cn.cq.fundledger.credit.api.FactReversed(kind, factId, "event-" + factId, "recorded by mistake",
                loanId, null, loanId == null ? null : "B1", DISTRICT,
                kind == cn.cq.fundledger.credit.api.ReverseFact.FactKind.CONTRIBUTION ? PoolSource.CITY : null, date,
                Money.ZERO, Money.ZERO, amount, poolShare, null);
    }

    private static ParallelCreditModel replayCorrected(ParallelCreditModel.Scenario scenario) {
        ParallelCreditModel model = new ParallelCreditModel(scenario);
        corrected().forEach(e -> model.accept(e.getKey(), e.getValue()));
        model.finish();
        return model;
    }

    @Test
    void correctionsAreUndoneAsTheAggregateUndoesThem() {
        ParallelCreditModel model = replayCorrected(new ParallelCreditModel.Scenario(null, null, List.of()));
        // K1 left the queue on its own date: only K2's 40万 waits, the 30万 pool cannot pay it
        assertThat(model.total("waiting", d("2020-07-31"), null)).isEqualTo(wan(40).fen());
        assertThat(model.total("compensated", d("2020-08-31"), null)).isZero();
        // C2 pays K2 (the oldest claim left), not K1
        assertThat(model.total("compensated", d("2020-09-01"), null)).isEqualTo(wan(40).fen());
        assertThat(model.total("waiting", d("2020-09-01"), null)).isZero();
        // R2 and its pool share, and C3, are gone on their own dates
        assertThat(model.total("poolRecovered", d("2020-12-31"), null)).isZero();
        assertThat(model.total("contributed", d("2020-12-31"), null)).isEqualTo(wan(90).fen());
        assertThat(model.pools(d("2020-12-31")).get(DISTRICT).balanceFen()).isEqualTo(wan(50).fen());
        // the bank: 150万 lost, nothing recovered, the pools paid 40万
        assertThat(model.banks().get("B1").poolBorneFen()).isEqualTo(wan(40).fen());
        assertThat(model.banks().get("B1").bankBorneFen()).isEqualTo(wan(110).fen());
        assertThat(model.findings()).isEmpty();
        // the month ends the charts draw: the same figures, taken in one pass
        assertThat(model.poolsOver(List.of(d("2020-07-31"), d("2020-09-30"), d("2020-12-31"))))
                .containsExactly(new ParallelCreditModel.PoolFigures(wan(30).fen(), 0, 0, wan(40).fen()),
                        new ParallelCreditModel.PoolFigures(wan(90).fen(), wan(40).fen(), 0, 0),
                        new ParallelCreditModel.PoolFigures(wan(90).fen(), wan(40).fen(), 0, 0));
    }

    @Test
    void aReversalOfWhatTheScenarioAlreadyActedOnIsKeptAndFound() {
        ParallelCreditModel model = replayCorrected(new ParallelCreditModel.Scenario(null, null,
                List.of(new ParallelCreditModel.ExtraContribution(DISTRICT, PoolSource.CITY, wan(100),
                        d("2020-06-30")))));
        // 130万 in the pool: K1 paid on its claim date, K2 too; the reversal of K1 cannot unpay it
        assertThat(model.total("compensated", d("2020-07-10"), null)).isEqualTo(wan(120).fen());
        assertThat(model.total("waiting", d("2020-12-31"), null)).isZero();
        assertThat(model.findings()).extracting(ParallelCreditModel.Finding::rule, ParallelCreditModel.Finding::factId,
                        ParallelCreditModel.Finding::date)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("claim-paid", "K1", d("2020-07-01")));
        // balance: 30 + 100 + 60 + 5 − 5 − 120 = 70万 (R2 and its reversal cancel out)
        assertThat(model.pools(d("2020-12-31")).get(DISTRICT).balanceFen()).isEqualTo(wan(70).fen());
        assertThat(model.firstShortfall()).doesNotContainKey(DISTRICT);
    }

    /**
     * A tighter fuse: the history's opening thresholds are 50%/90%, so L1's default (100万 of 150万 issued, 66.7%)
     * warns B1 and L2's (150万 of 150万, 100%) suspends it two weeks later; under 20%/60% L1's default warns and
     * suspends B1 at once, and L2's decides nothing more (already past both lines, already suspended).
     */
    @Test
    void aTighterFuseSuspendsWhereTheRecordedOneOnlyWarned() {
        assertThat(replayCorrected(new ParallelCreditModel.Scenario(null, null, List.of())).decisions())
                .containsExactly(new ParallelCreditModel.FuseDecision("B1", "WARN", d("2020-06-01")),
                        new ParallelCreditModel.FuseDecision("B1", "SUSPEND", d("2020-06-15")));
        ParallelCreditModel tight = replayCorrected(new ParallelCreditModel.Scenario(null,
                List.of(new FusePolicy.Thresholds(d("2017-01-01"), Ratio.ofBasisPoints(2000),
                        Ratio.ofBasisPoints(6000))), List.of()));
        assertThat(tight.decisions()).containsExactly(
                new ParallelCreditModel.FuseDecision("B1", "WARN", d("2020-06-01")),
                new ParallelCreditModel.FuseDecision("B1", "SUSPEND", d("2020-06-01")));
        // the fuse decides; it moves no money
        assertThat(tight.total("compensated", d("2020-12-31"), null)).isEqualTo(wan(40).fen());
    }
}
