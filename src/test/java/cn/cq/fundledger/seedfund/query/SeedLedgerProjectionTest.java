package cn.cq.fundledger.seedfund.query;

import static org.assertj.core.api.Assertions.assertThat;

import cn.cq.fundledger.core.Money;
import cn.cq.fundledger.core.Ratio;
import cn.cq.fundledger.seedfund.api.ExitRoute;
import cn.cq.fundledger.seedfund.api.FollowOnRoundRecorded;
import cn.cq.fundledger.seedfund.api.Instrument;
import cn.cq.fundledger.seedfund.api.ProjectCapSet;
import cn.cq.fundledger.seedfund.api.SeedCommitmentRaised;
import cn.cq.fundledger.seedfund.api.SeedFundEstablished;
import cn.cq.fundledger.seedfund.api.SeedInvestmentExited;
import cn.cq.fundledger.seedfund.api.SeedInvestmentMade;
import cn.cq.fundledger.seedfund.api.SeedProgramOpened;
import cn.cq.fundledger.system.ProjectionWriter;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The seed projection called handler by handler (no Spring, no Axon processor): each event's effect on the
 * figures, as of the business dates around it.
 */
class SeedLedgerProjectionTest {

    private static final long WAN = 1_000_000L;
    private static final Ratio FORTY = Ratio.ofBasisPoints(4000);

    private SeedLedgerProjection projection;
    private SeedQueries queries;
    private JdbcTemplate jdbc;

    @BeforeEach
    void freshSchema() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/common", "classpath:db/migration/h2")
                .load().migrate();
        jdbc = new JdbcTemplate(dataSource);
        projection = new SeedLedgerProjection(new ProjectionWriter(jdbc), jdbc);
        queries = new SeedQueries(jdbc);
    }

    @Test
    void aFundsCommitmentGrowsWithItsRaisesOnTheirDates() {
        fund("GX", 1000, "2016-01-15");
        SeedCommitmentRaised raise = new SeedCommitmentRaised("R1", "GX", Money.ofFen(500 * WAN), date("2020-01-01"));
        projection.on(raise, message(raise));
        assertThat(queries.totals(date("2016-01-14")).committed()).isZero();
        assertThat(queries.totals(date("2019-12-31")).committed()).isEqualTo(1000 * WAN);
        assertThat(queries.totals(date("2020-01-01")).committed()).isEqualTo(1500 * WAN);
    }

    @Test
    void projectsAreCountedOnceAndMoneyInvestedEveryTime() {
        fund("GX", 1000, "2016-01-15");
        invest("I1", "P1", Instrument.LOAN, 50, "2017-01-10");
        invest("I2", "P1", Instrument.EQUITY, 30, "2018-01-10");
        invest("I3", "P2", Instrument.EQUITY, 20, "2018-06-01");
        SeedFigures early = queries.totals(date("2017-12-31"));
        assertThat(early.projects()).isEqualTo(1);
        assertThat(early.invested()).isEqualTo(50 * WAN);
        SeedFigures later = queries.totals(date("2018-12-31"));
        assertThat(later.projects()).isEqualTo(2);
        assertThat(later.investments()).isEqualTo(3);
        assertThat(later.invested()).isEqualTo(100 * WAN);
        assertThat(later.active()).isEqualTo(100 * WAN);
    }

    @Test
    void anExitTakesTheCostOutOfActiveAndReturnsTheProceedsSplit() {
        fund("GX", 1000, "2016-01-15");
        SeedInvestmentMade made = invest("I1", "P1", Instrument.EQUITY, 34, "2018-03-28");
        exit("X1", made, ExitRoute.TRANSFER, 68, "2019-07-10");
        SeedInvestmentMade lost = invest("I2", "P2", Instrument.LOAN, 20, "2018-05-01");
        exit("X2", lost, ExitRoute.WRITE_OFF, 0, "2020-01-01");

        SeedFigures before = queries.totals(date("2019-07-09"));
        assertThat(before.active()).isEqualTo(54 * WAN);
        assertThat(before.proceeds()).isZero();
        SeedFigures after = queries.totals(date("2020-01-01"));
        assertThat(after.invested()).as("exits do not reduce what was invested").isEqualTo(54 * WAN);
        assertThat(after.active()).isZero();
        assertThat(after.exits()).isEqualTo(1);
        assertThat(after.exitedCost()).isEqualTo(34 * WAN);
        assertThat(after.writeOffs()).isEqualTo(1);
        assertThat(after.writtenOff()).isEqualTo(20 * WAN);
        assertThat(after.proceeds()).isEqualTo(68 * WAN);
        assertThat(after.cityProceeds()).isEqualTo(272_000_00L);
        assertThat(after.partnerProceeds()).isEqualTo(408_000_00L);
        assertThat(after.projects()).as("a project exited is still a project supported").isEqualTo(2);
    }

    @Test
    void roundsAndPoliciesAreKeptApartFromTheMovements() {
        SeedProgramOpened opened = new SeedProgramOpened(date("2015-01-01"), FORTY,
                List.of(new ProjectCapSet(date("2015-01-01"), Money.ofFen(80 * WAN)),
                        new ProjectCapSet(date("2024-10-27"), Money.ofFen(200 * WAN))),
                Money.ofFen(30_000 * WAN), date("2024-12-31"));
        projection.on(opened, message(opened), "operator");
        FollowOnRoundRecorded round = new FollowOnRoundRecorded("FR1", "P1", "某天使投资", Money.ofFen(300 * WAN),
                Money.ofFen(3000 * WAN), date("2017-10-01"));
        projection.on(round, message(round));
        assertThat(queries.capInForce(date("2024-10-26"))).isEqualTo(80 * WAN);
        assertThat(queries.capInForce(date("2024-10-27"))).isEqualTo(200 * WAN);
        assertThat(queries.targets()).extracting(SeedViews.TargetVersionView::targetFen).containsExactly(30_000 * WAN);
        assertThat(queries.rounds(date("2017-09-30"))).isEmpty();
        assertThat(queries.rounds(date("2017-10-01"))).extracting(SeedViews.RoundView::roundId).containsExactly("FR1");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM seed_movement", Long.class)).isZero();
    }

    @Test
    void theSameEventsGiveTheSameRowsAfterAReset() {
        SeedFundEstablished fund = new SeedFundEstablished("GX", "n", "p", FORTY, Money.ofFen(100 * WAN),
                date("2016-01-15"));
        EventMessage<?> message = message(fund);
        projection.on(fund, message);
        var before = jdbc.queryForList("SELECT * FROM seed_movement ORDER BY event_id");
        projection.reset();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM seed_movement", Long.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM seed_fund", Long.class)).isZero();
        projection.on(fund, message);
        assertThat(jdbc.queryForList("SELECT * FROM seed_movement ORDER BY event_id")).isEqualTo(before);
    }

    private void fund(String fundId, long wan, String on) {
        SeedFundEstablished fund = new SeedFundEstablished(fundId, fundId, "partner", FORTY, Money.ofFen(wan * WAN),
                date(on));
        projection.on(fund, message(fund));
    }

    private SeedInvestmentMade invest(String id, String project, Instrument instrument, long wan, String on) {
        SeedInvestmentMade made = new SeedInvestmentMade(id, "GX", project, "项目公司", instrument,
                Money.ofFen(wan * WAN), instrument == Instrument.EQUITY ? Ratio.ofBasisPoints(500) : null, date(on),
                Money.ofFen(80 * WAN));
        projection.on(made, message(made));
        return made;
    }

    private void exit(String id, SeedInvestmentMade made, ExitRoute route, long wan, String on) {
        Money proceeds = Money.ofFen(wan * WAN);
        Money.Split split = proceeds.split(FORTY);
        SeedInvestmentExited exited = new SeedInvestmentExited(id, made.investmentId(), made.fundId(), made.projectId(),
                made.instrument(), made.investedOn(), route, made.amount(), proceeds, FORTY, split.first(),
                split.second(), proceeds.minus(made.amount()), date(on));
        projection.on(exited, message(exited));
    }

    private static EventMessage<?> message(Object payload) {
        return GenericEventMessage.asEventMessage(payload);
    }

    private static LocalDate date(String text) {
        return LocalDate.parse(text);
    }
}
