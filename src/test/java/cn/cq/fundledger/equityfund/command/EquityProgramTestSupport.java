package cn.cq.fundledger.equityfund.command;

import cn.cq.fundledger.core.Money;
import cn.cq.fundledger.core.Ratio;
import cn.cq.fundledger.core.RuleViolation;
import cn.cq.fundledger.equityfund.api.CapitalCalled;
import cn.cq.fundledger.equityfund.api.CapitalCommitted;
import cn.cq.fundledger.equityfund.api.DealClosed;
import cn.cq.fundledger.equityfund.api.DealExited;
import cn.cq.fundledger.equityfund.api.DealMarked;
import cn.cq.fundledger.equityfund.api.DistributionMade;
import cn.cq.fundledger.equityfund.api.EquityFundEstablished;
import cn.cq.fundledger.equityfund.api.EquityProgramOpened;
import cn.cq.fundledger.equityfund.api.PartnerAmount;
import cn.cq.fundledger.equityfund.api.ValuationMethod;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import cn.cq.fundledger.support.RuleViolationMatchers;
import cn.cq.fundledger.support.Histories;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;

/**
 * Shared fixture, names and event builders of the {@link EquityProgram} aggregate tests. The sample fund is the
 * acceptance sample's EF1: the city guide fund 4亿, the national guide fund 2亿 and private capital 4亿, committed
 * on 2020-05-22.
 */
abstract class EquityProgramTestSupport {

    static final EquityProgramOpened OPENED = new EquityProgramOpened(EquityProgram.ID);

    static final String FUND = "EF1";
    static final String OTHER_FUND = "EF2";
    static final String FUND_NAME = "科技成果转化股权投资基金";
    static final String CITY = "市级引导基金";
    static final String NATIONAL = "国家引导基金";
    static final String PRIVATE = "社会资本";
    static final String COMMITTED_ON = "2020-05-22";

    FixtureConfiguration<EquityProgram> fixture;

    @BeforeEach
    void createFixture() {
        fixture = new AggregateTestFixture<>(EquityProgram.class);
        fixture.registerCommandTargetResolver(command -> new VersionedAggregateIdentifier(EquityProgram.ID, null));
        // The aggregate keeps funds, partners and deals in nested classes without equals(), so the fixture's
        // comparison of working state with re-sourced state would report every command as an illegal state
        // change; the tests check state through the events and refusals instead.
        fixture.setReportIllegalStateChange(false);
    }

    // ------------------------------------------------------------ values

    static Money yuan(String yuan) {
        return Money.parse(yuan);
    }

    static Money fen(long fen) {
        return Money.ofFen(fen);
    }

    static LocalDate day(String isoDate) {
        return LocalDate.parse(isoDate);
    }

    static Ratio bp(int basisPoints) {
        return Ratio.ofBasisPoints(basisPoints);
    }

    /** Concatenates events and lists of events into one history for {@code given(List)}. */
    static List<Object> history(Object... parts) {
        return Histories.history(parts);
    }

    // ------------------------------------------------------------ events

    static EquityFundEstablished established(String fundId, String on) {
        return new EquityFundEstablished(fundId, FUND_NAME, day(on));
    }

    static CapitalCommitted committed(String fundId, String partner, int position, String amount, String on) {
        return new CapitalCommitted(fundId, partner, position, yuan(amount), day(on));
    }

    /** The opened program and the sample fund with its three partners (4亿, 2亿, 4亿). */
    static List<Object> sampleFund(String fundId) {
        return List.of(established(fundId, COMMITTED_ON), committed(fundId, CITY, 1, "4亿", COMMITTED_ON),
                committed(fundId, NATIONAL, 2, "2亿", COMMITTED_ON), committed(fundId, PRIVATE, 3, "4亿", COMMITTED_ON));
    }

    /** A fund of three partners who committed 100.00 yuan each. */
    static List<Object> equalFund(String fundId) {
        return List.of(established(fundId, COMMITTED_ON), committed(fundId, "A", 1, "100.00", COMMITTED_ON),
                committed(fundId, "B", 2, "100.00", COMMITTED_ON), committed(fundId, "C", 3, "100.00", COMMITTED_ON));
    }

    static PartnerAmount part(String partner, int position, String amount) {
        return new PartnerAmount(partner, position, yuan(amount));
    }

    static CapitalCalled called(String callId, String fundId, String amount, String on, PartnerAmount... parts) {
        return new CapitalCalled(callId, fundId, yuan(amount), day(on), List.of(parts));
    }

    /** The sample fund's call of 3亿: 1.2亿, 0.6亿, 1.2亿. */
    static CapitalCalled sampleCall(String fundId, String on) {
        return called(fundId + "-C1", fundId, "3亿", on, part(CITY, 1, "1.2亿"), part(NATIONAL, 2, "0.6亿"),
                part(PRIVATE, 3, "1.2亿"));
    }

    static DealClosed dealClosed(String dealId, String fundId, String amount, String on) {
        return new DealClosed(dealId, fundId, "P-" + dealId, "公司" + dealId, yuan(amount), bp(2500), day(on));
    }

    static DealMarked marked(DealClosed deal, String value, ValuationMethod method, String on) {
        return new DealMarked(deal.dealId(), deal.fundId(), yuan(value), method, day(on));
    }

    static DealExited exited(String exitId, DealClosed deal, String proceeds, int portionBp, Money cost, int heldAfterBp,
                             String on) {
        return new DealExited(exitId, deal.dealId(), deal.fundId(), deal.projectId(), yuan(proceeds), bp(portionBp),
                cost, bp(heldAfterBp), heldAfterBp == 0, day(on));
    }

    static DealExited fullyExited(String exitId, DealClosed deal, String proceeds, String on) {
        return exited(exitId, deal, proceeds, Ratio.ONE, deal.amount(), 0, on);
    }

    static DistributionMade distributed(String distributionId, String fundId, String amount, String on,
                                        PartnerAmount... parts) {
        return new DistributionMade(distributionId, fundId, yuan(amount), day(on), List.of(parts));
    }

    // ------------------------------------------------------------ refusals

    static Matcher<RuleViolation> violation(RuleViolation.Kind kind, String field, String rule) {
        return RuleViolationMatchers.violation(kind, field, rule);
    }

    static Matcher<RuleViolation> invalid(String field, String rule) {
        return RuleViolationMatchers.invalid(field, rule);
    }

    static Matcher<RuleViolation> refused(String field, String rule) {
        return RuleViolationMatchers.refused(field, rule);
    }

    static Matcher<RuleViolation> conflict(String field, String rule) {
        return RuleViolationMatchers.conflict(field, rule);
    }

    static Matcher<RuleViolation> notFound(String field, String rule) {
        return RuleViolationMatchers.notFound(field, rule);
    }
}
