package cn.cq.fundledger.seedfund.command;

import cn.cq.fundledger.core.Money;
import cn.cq.fundledger.core.Ratio;
import cn.cq.fundledger.core.RuleViolation;
import cn.cq.fundledger.seedfund.api.ExitRoute;
import cn.cq.fundledger.seedfund.api.ExitSeedInvestment;
import cn.cq.fundledger.seedfund.api.Instrument;
import cn.cq.fundledger.seedfund.api.MakeSeedInvestment;
import cn.cq.fundledger.seedfund.api.ProjectCapSet;
import cn.cq.fundledger.seedfund.api.SeedFundEstablished;
import cn.cq.fundledger.seedfund.api.SeedInvestmentExited;
import cn.cq.fundledger.seedfund.api.SeedInvestmentMade;
import cn.cq.fundledger.seedfund.api.SeedProgramOpened;
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
 * Shared fixture, names and event builders of the {@link SeedProgram} aggregate tests. The published policies
 * are written out literally here (not read from {@link SeedProgramSettings}) so that the tests check them.
 */
abstract class SeedProgramTestSupport {

    static final LocalDate PROGRAM_START = LocalDate.of(2015, 1, 1);

    /** Published: 40% city money by default; caps 80万 from the start, 200万 from 2024-10-27; 3亿 by 2024-12-31. */
    static final SeedProgramOpened OPENED = new SeedProgramOpened(PROGRAM_START, Ratio.ofBasisPoints(4000),
            List.of(new ProjectCapSet(PROGRAM_START, Money.ofYuan(800_000)),
                    new ProjectCapSet(LocalDate.of(2024, 10, 27), Money.ofYuan(2_000_000))),
            Money.ofYuan(300_000_000), LocalDate.of(2024, 12, 31));

    static final String GAOXIN = "SF-GX";
    static final String BANAN = "SF-BN";
    static final String P1 = "P0001";
    static final String P2 = "P0002";
    static final Ratio FORTY = Ratio.ofBasisPoints(4000);

    FixtureConfiguration<SeedProgram> fixture;

    @BeforeEach
    void createFixture() {
        fixture = new AggregateTestFixture<>(SeedProgram.class);
        fixture.registerCommandTargetResolver(command -> new VersionedAggregateIdentifier(SeedProgram.ID, null));
        fixture.registerInjectableResource(SeedProgramSettings.published());
        // The aggregate keeps funds and investments in nested classes without equals(), so the fixture's
        // comparison of working state with re-sourced state would report every command; the tests check state
        // through the events and refusals instead.
        fixture.setReportIllegalStateChange(false);
    }

    // ------------------------------------------------------------ values

    static Money wan(long wan) {
        return Money.ofYuan(Math.multiplyExact(wan, 10_000L));
    }

    static Money yuan(String yuan) {
        return Money.parse(yuan);
    }

    static LocalDate day(String isoDate) {
        return LocalDate.parse(isoDate);
    }

    static Ratio bp(int basisPoints) {
        return Ratio.ofBasisPoints(basisPoints);
    }

    static List<Object> history(Object... parts) {
        return Histories.history(parts);
    }

    // ------------------------------------------------------------ events and commands

    /** A fund of 40% city money established on 2016-01-15. */
    static SeedFundEstablished fund(String fundId, Money committed) {
        return new SeedFundEstablished(fundId, fundId + " seed fund", fundId + " partner", FORTY, committed,
                day("2016-01-15"));
    }

    static String enterprise(String projectId) {
        return "Enterprise " + projectId;
    }

    static MakeSeedInvestment equity(String investmentId, String fundId, String projectId, Money amount, int stakeBp,
                                     String investedOn) {
        return new MakeSeedInvestment(investmentId, fundId, projectId, enterprise(projectId), Instrument.EQUITY,
                amount, bp(stakeBp), day(investedOn));
    }

    static MakeSeedInvestment loan(String investmentId, String fundId, String projectId, Money amount,
                                   String investedOn) {
        return new MakeSeedInvestment(investmentId, fundId, projectId, enterprise(projectId), Instrument.LOAN, amount,
                null, day(investedOn));
    }

    /** The event of a command under a cap. */
    static SeedInvestmentMade made(MakeSeedInvestment command, Money cap) {
        return new SeedInvestmentMade(command.investmentId(), command.fundId(), command.projectId(),
                command.enterpriseName(), command.instrument(), command.amount(), command.equityStake(),
                command.investedOn(), cap);
    }

    /** The event of a command dated before 2024-10-27 (cap 80万). */
    static SeedInvestmentMade made(MakeSeedInvestment command) {
        return made(command, wan(80));
    }

    static ExitSeedInvestment exit(String exitId, String investmentId, ExitRoute route, Money proceeds,
                                   String exitedOn) {
        return new ExitSeedInvestment(exitId, investmentId, route, proceeds, day(exitedOn));
    }

    /** The exit event of an investment of a 40% fund. */
    static SeedInvestmentExited exited(String exitId, SeedInvestmentMade made, ExitRoute route, Money proceeds,
                                       Money cityProceeds, String exitedOn) {
        return new SeedInvestmentExited(exitId, made.investmentId(), made.fundId(), made.projectId(),
                made.instrument(), made.investedOn(), route, made.amount(), proceeds, FORTY, cityProceeds,
                proceeds.minus(cityProceeds), proceeds.minus(made.amount()), day(exitedOn));
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
