package cn.cq.fundledger.credit.domain;

import static org.assertj.core.api.Assertions.assertThat;

import cn.cq.fundledger.core.Money;
import cn.cq.fundledger.core.Ratio;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The shared credit rules, on their own: the ratio in force, the fuse's decision, the pool's payment date. */
class CreditRulesTest {

    private static LocalDate d(String date) {
        return LocalDate.parse(date);
    }

    @Test
    void aBanksOwnRatioBeatsTheGeneralOneFromItsDate() {
        RiskSharingPolicy policy = new RiskSharingPolicy();
        policy.add(new RiskSharingPolicy.Version(d("2017-01-01"), Ratio.ofBasisPoints(8000), null));
        policy.add(new RiskSharingPolicy.Version(d("2021-01-01"), Ratio.ofBasisPoints(7000), null));
        policy.add(new RiskSharingPolicy.Version(d("2022-06-01"), Ratio.ofBasisPoints(6000), "B03"));
        assertThat(policy.fundShareOn("B03", d("2016-12-31"))).isEmpty();
        assertThat(policy.fundShareOn("B03", d("2020-12-31"))).contains(Ratio.ofBasisPoints(8000));
        assertThat(policy.fundShareOn("B03", d("2022-05-31"))).contains(Ratio.ofBasisPoints(7000));
        assertThat(policy.fundShareOn("B03", d("2022-06-01"))).contains(Ratio.ofBasisPoints(6000));
        assertThat(policy.fundShareOn("B01", d("2022-06-01"))).contains(Ratio.ofBasisPoints(7000));
    }

    @Test
    void theFuseWarnsOncePerCrossingAndSuspendsAtItsThreshold() {
        FusePolicy fuse = new FusePolicy();
        fuse.add(new FusePolicy.Thresholds(d("2017-01-01"), Ratio.ofBasisPoints(500), Ratio.ofBasisPoints(800)));
        BankLosses bank = new BankLosses("B");
        bank.issue(Money.ofYuan(1000));
        bank.lose(Money.ofYuan(50));
        FusePolicy.Decision first = fuse.decide(bank, Money.ZERO, d("2020-01-01"));
        assertThat(first.warn()).isTrue();
        assertThat(first.suspend()).isFalse();
        Money before = bank.lost();
        bank.lose(Money.ofYuan(10));
        assertThat(fuse.decide(bank, before, d("2020-02-01")).warn()).as("already past the warning").isFalse();
        before = bank.lost();
        bank.lose(Money.ofYuan(20));
        FusePolicy.Decision suspend = fuse.decide(bank, before, d("2020-03-01"));
        assertThat(suspend.suspend()).isTrue();
        bank.suspend();
        assertThat(fuse.decide(bank, bank.lost(), d("2020-04-01")).suspend()).as("suspended once").isFalse();
    }

    @Test
    void aLaterVersionOfTheThresholdsDecidesFromItsDate() {
        FusePolicy fuse = new FusePolicy();
        fuse.add(new FusePolicy.Thresholds(d("2017-01-01"), Ratio.ofBasisPoints(500), Ratio.ofBasisPoints(800)));
        fuse.add(new FusePolicy.Thresholds(d("2021-01-01"), Ratio.ofBasisPoints(300), Ratio.ofBasisPoints(400)));
        BankLosses bank = new BankLosses("B");
        bank.issue(Money.ofYuan(1000));
        bank.lose(Money.ofYuan(45));
        assertThat(fuse.decide(bank, Money.ZERO, d("2020-12-31")).suspend()).isFalse();
        assertThat(fuse.decide(bank, Money.ZERO, d("2021-01-01")).suspend()).isTrue();
    }

    @Test
    void aPoolPaysTheOldestClaimFromTheDateItHoldsTheMoneyForGood() {
        DistrictPool pool = new DistrictPool("渝北区");
        pool.move(d("2020-01-10"), Money.ofYuan(100));
        pool.enqueue("C1");
        assertThat(pool.paymentDate(Money.ofYuan(150), d("2020-02-01"), d("2020-02-01"))).as("too little").isEmpty();
        pool.move(d("2020-03-01"), Money.ofYuan(100));
        assertThat(pool.paymentDate(Money.ofYuan(150), d("2020-02-01"), d("2020-03-01"))).contains(d("2020-03-01"));
        pool.pay("C1", Money.ofYuan(150), d("2020-03-01"));
        assertThat(pool.balance()).isEqualTo(Money.ofYuan(50));
        assertThat(pool.oldestWaiting()).isEmpty();
        // a back-dated claim is not paid before the last payment
        pool.enqueue("C2");
        assertThat(pool.paymentDate(Money.ofYuan(20), d("2020-01-15"), d("2020-01-15"))).contains(d("2020-03-01"));
        assertThat(pool.lowestFrom(d("2020-01-01"))).isEqualTo(Money.ZERO);
    }

    @Test
    void thePoolPaysStrictlyOldestFirst() {
        DistrictPool pool = new DistrictPool("江津区");
        java.util.Map<String, DistrictPool.ClaimTerms> claims = java.util.Map.of(
                "OLD", new DistrictPool.ClaimTerms(Money.ofYuan(80), d("2020-01-01")),
                "NEW", new DistrictPool.ClaimTerms(Money.ofYuan(10), d("2020-02-01")));
        pool.enqueue("OLD");
        pool.enqueue("NEW");
        pool.move(d("2020-03-01"), Money.ofYuan(50));
        assertThat(pool.nextPayment(d("2020-03-01"), claims::get)).as("the younger claim waits behind the oldest")
                .isEmpty();
        pool.move(d("2020-04-01"), Money.ofYuan(50));
        DistrictPool.Payment first = pool.nextPayment(d("2020-04-01"), claims::get).orElseThrow();
        assertThat(first).isEqualTo(new DistrictPool.Payment("OLD", Money.ofYuan(80), d("2020-04-01")));
        pool.pay(first.claimId(), first.amount(), first.paidOn());
        assertThat(pool.nextPayment(d("2020-04-01"), claims::get)).contains(
                new DistrictPool.Payment("NEW", Money.ofYuan(10), d("2020-04-01")));
    }
}
