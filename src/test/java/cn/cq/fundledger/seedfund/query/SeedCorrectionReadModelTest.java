package cn.cq.fundledger.seedfund.query;

import static org.assertj.core.api.Assertions.assertThat;

import cn.cq.fundledger.core.Money;
import cn.cq.fundledger.core.Ratio;
import cn.cq.fundledger.seedfund.api.ExitRoute;
import cn.cq.fundledger.seedfund.api.FollowOnRoundRecorded;
import cn.cq.fundledger.seedfund.api.Instrument;
import cn.cq.fundledger.seedfund.api.ProjectCapSet;
import cn.cq.fundledger.seedfund.api.SeedCommitmentRaised;
import cn.cq.fundledger.seedfund.api.SeedFactKind;
import cn.cq.fundledger.seedfund.api.SeedFactReversed;
import cn.cq.fundledger.seedfund.api.SeedFundEstablished;
import cn.cq.fundledger.seedfund.api.SeedInvestmentExited;
import cn.cq.fundledger.seedfund.api.SeedInvestmentMade;
import cn.cq.fundledger.seedfund.api.SeedProgramOpened;
import cn.cq.fundledger.seedfund.query.SeedExplanations.Explanation;
import cn.cq.fundledger.seedfund.query.SeedExplanations.Part;
import cn.cq.fundledger.seedfund.query.SeedReports.Dimension;
import cn.cq.fundledger.seedfund.query.SeedReports.InvestmentBookRow;
import cn.cq.fundledger.seedfund.query.SeedViews.InvestmentView;
import cn.cq.fundledger.seedfund.query.SeedViews.ReversalView;
import cn.cq.fundledger.system.ProjectionWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.messaging.MetaData;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The seed read model after corrections, handler by handler (no Spring, no processor): a reversal nets its fact out
 * of every figure as of any date from the fact's own date on, a read as recorded before the reversal still sees the
 * fact, and the fact stays listed, marked as reversed. Events are numbered and timestamped one minute apart from
 * {@link #T0}, as the store would.
 */
class SeedCorrectionReadModelTest {

    private static final long WAN = 1_000_000L;
    private static final Ratio FORTY = Ratio.ofBasisPoints(4000);
    private static final Instant T0 = Instant.parse("2024-05-01T08:00:00Z");
    private static final LocalDate AS_OF = LocalDate.parse("2024-12-31");

    private SeedLedgerProjection projection;
    private SeedQueries queries;
    private SeedReports reports;
    private SeedExplanations explanations;
    private JdbcTemplate jdbc;
    private long position;
    private final Map<String, String> eventIds = new HashMap<>();

    @BeforeEach
    void freshSchema() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/common", "classpath:db/migration/h2")
                .load().migrate();
        jdbc = new JdbcTemplate(dataSource);
        projection = new SeedLedgerProjection(new ProjectionWriter(jdbc), jdbc);
        queries = new SeedQueries(jdbc);
        reports = new SeedReports(jdbc, queries);
        explanations = new SeedExplanations(jdbc, reports);
        record(new SeedProgramOpened(date("2015-01-01"), FORTY, List.of(new ProjectCapSet(date("2015-01-01"),
                Money.ofFen(80 * WAN))), Money.ofFen(30_000 * WAN), date("2024-12-31")), null);
        fund("GX", 1000, "2016-01-15");
    }

    // ------------------------------------------------------------ investments

    @Test
    void aReversedInvestmentCountsInNoFigureFromItsOwnDateOn() {
        SeedInvestmentMade i1 = invest("I1", "P1", 50, "2017-01-10");
        invest("I2", "P1", 30, "2018-03-01");
        Instant beforeReversal = now();
        reverse(investmentReversal(i1, "项目录错"));

        SeedFigures after = queries.totals(AS_OF);
        assertThat(after.invested()).isEqualTo(30 * WAN);
        assertThat(after.investments()).isEqualTo(1);
        assertThat(after.active()).isEqualTo(30 * WAN);
        assertThat(after.projects()).as("P1 still counts through I2").isEqualTo(1);
        SeedFigures early = queries.totals(LocalDate.parse("2017-12-31"));
        assertThat(early.invested()).isZero();
        assertThat(early.projects()).as("P1's only investment by then was reversed").isZero();
        SeedFigures then = queries.totals(AS_OF, beforeReversal);
        assertThat(then.invested()).isEqualTo(80 * WAN);
        assertThat(then.investments()).isEqualTo(2);
        assertThat(queries.totals(LocalDate.parse("2017-12-31"), beforeReversal).projects()).isEqualTo(1);
    }

    @Test
    void theReversalIsAMovementWithEveryColumnNegatedAtTheFactsDate() {
        SeedInvestmentMade i1 = invest("I1", "P1", 50, "2017-01-10");
        reverse(investmentReversal(i1, "项目录错"));
        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM seed_movement WHERE kind = 'REVERSAL'");
        assertThat(row.get("BUSINESS_DATE").toString()).isEqualTo("2017-01-10");
        assertThat(row.get("FACT_ID")).isEqualTo("I1");
        assertThat(row.get("PROJECT_ID")).isEqualTo("P1");
        assertThat(row.get("VINTAGE_YEAR")).isEqualTo(2017);
        assertThat(row.get("INVESTMENTS")).isEqualTo(-1);
        assertThat(row.get("INVESTED_FEN")).isEqualTo(-50 * WAN);
        assertThat(row.get("ACTIVE_FEN")).isEqualTo(-50 * WAN);
        Map<String, Object> reversal = jdbc.queryForMap("SELECT * FROM seed_reversal");
        assertThat(reversal.get("REVERSES_EVENT_ID")).isEqualTo(eventIds.get("I1"));
        assertThat(reversal.get("REASON")).isEqualTo("项目录错");
    }

    @Test
    void aReversedInvestmentIsListedAsReversedWithItsReasonAndEvent() {
        SeedInvestmentMade i1 = invest("I1", "P1", 50, "2017-01-10");
        invest("I2", "P1", 30, "2018-03-01");
        Instant beforeReversal = now();
        String reversalEvent = reverse(investmentReversal(i1, "项目录错"));

        InvestmentView view = queries.investment("I1", AS_OF).orElseThrow();
        assertThat(view.status()).isEqualTo("REVERSED");
        assertThat(view.heldValueFen()).isZero();
        assertThat(view.reversals()).extracting(ReversalView::eventId, ReversalView::reason,
                ReversalView::reversesEventId).containsExactly(org.assertj.core.groups.Tuple.tuple(reversalEvent,
                "项目录错", eventIds.get("I1")));
        assertThat(view.movements()).extracting(SeedViews.MovementView::kind).containsExactly("INVESTMENT", "REVERSAL");
        var project = queries.project("P1", AS_OF).orElseThrow();
        assertThat(project.investedFen()).isEqualTo(30 * WAN);
        assertThat(project.roomUnderCapFen()).isEqualTo(50 * WAN);
        assertThat(project.investments()).extracting(InvestmentView::status).containsExactly("REVERSED", "ACTIVE");

        var book = reports.investmentBook(AS_OF, null, null, null, null, 0, 50);
        assertThat(book.rows()).extracting(InvestmentBookRow::investmentId, InvestmentBookRow::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("I1", "REVERSED"),
                        org.assertj.core.groups.Tuple.tuple("I2", "ACTIVE"));
        assertThat(book.rows().get(0).reversals()).extracting(ReversalView::reason).containsExactly("项目录错");
        assertThat(book.sums().amountFen()).as("the sums leave the reversed row out").isEqualTo(30 * WAN);
        assertThat(reports.investmentBook(AS_OF, null, null, null, "REVERSED", 0, 50).rows()).hasSize(1);
        var bookThen = reports.investmentBook(AS_OF, beforeReversal, null, null, null, 0, 50);
        assertThat(bookThen.rows()).extracting(InvestmentBookRow::status).containsExactly("ACTIVE", "ACTIVE");
        assertThat(bookThen.rows().get(0).reversals()).isEmpty();
        assertThat(bookThen.sums().amountFen()).isEqualTo(80 * WAN);
    }

    @Test
    void theProjectsCountedAreExplainedByTheEventThroughWhichEachCounts() {
        SeedInvestmentMade i1 = invest("I1", "P1", 50, "2017-01-10");
        invest("I2", "P1", 30, "2018-03-01");
        SeedInvestmentMade i3 = invest("I3", "P2", 20, "2018-05-01");
        invest("I4", "P3", 20, "2019-05-01");
        reverse(investmentReversal(i1, "项目录错"));
        reverse(investmentReversal(i3, "重复录入"));

        Explanation projects = (Explanation) explanations.explainPortfolio(Dimension.FUND, "GX", "projects", AS_OF,
                null, 0, 100);
        assertThat(projects.value()).isEqualTo(2).isEqualTo(queries.totals(AS_OF).projects());
        assertThat(projects.parts()).extracting(Part::factId).as("P1 counts through I2, P3 through I4; P2 not at all")
                .containsExactly("I2", "I4");
        assertThat(projects.parts()).extracting(Part::amount).containsExactly(1L, 1L);
        Explanation invested = (Explanation) explanations.explainPortfolio(Dimension.FUND, "GX", "investedFen", AS_OF,
                null, 0, 100);
        assertThat(invested.parts()).extracting(Part::kind, Part::factId, Part::amount).containsExactly(
                org.assertj.core.groups.Tuple.tuple("INVESTMENT", "I1", 50 * WAN),
                org.assertj.core.groups.Tuple.tuple("REVERSAL", "I1", -50 * WAN),
                org.assertj.core.groups.Tuple.tuple("INVESTMENT", "I2", 30 * WAN),
                org.assertj.core.groups.Tuple.tuple("INVESTMENT", "I3", 20 * WAN),
                org.assertj.core.groups.Tuple.tuple("REVERSAL", "I3", -20 * WAN),
                org.assertj.core.groups.Tuple.tuple("INVESTMENT", "I4", 20 * WAN));
        assertThat(invested.value()).isEqualTo(50 * WAN);
    }

    @Test
    void aProjectCountedAgainAfterAReversalIsExplainedByTheInvestmentThatBroughtItBack() {
        SeedInvestmentMade i1 = invest("I1", "P1", 50, "2017-01-10");
        reverse(investmentReversal(i1, "金额录错"));
        invest("I1-C", "P1", 40, "2017-01-10"); // the corrected investment, same day
        Explanation projects = (Explanation) explanations.explainPortfolio(Dimension.YEAR, "2017", "projects", AS_OF,
                null, 0, 100);
        assertThat(projects.parts()).extracting(Part::factId).containsExactly("I1-C");
        assertThat(reports.portfolio(Dimension.YEAR, AS_OF).total().projects()).isEqualTo(1);
    }

    // ------------------------------------------------------------ exits

    @Test
    void aReversedExitAndItsCorrectionLeaveOneExitAndItsProceeds() {
        SeedInvestmentMade i3 = invest("I3", "P3", 40, "2018-01-01");
        SeedInvestmentExited x3 = exit("X3", i3, ExitRoute.BUYBACK, 60, "2020-01-01");
        Instant beforeReversal = now();
        reverse(exitReversal(x3, "回购金额录错", "X3-C"));
        exit("X3-C", i3, ExitRoute.BUYBACK, 50, "2020-01-01");

        SeedFigures now = queries.totals(AS_OF);
        assertThat(now.exits()).isEqualTo(1);
        assertThat(now.exitedCost()).isEqualTo(40 * WAN);
        assertThat(now.active()).isZero();
        assertThat(now.proceeds()).isEqualTo(50 * WAN);
        assertThat(now.cityProceeds()).isEqualTo(20 * WAN);
        assertThat(queries.totals(AS_OF, beforeReversal).proceeds()).isEqualTo(60 * WAN);

        var book = reports.investmentBook(AS_OF, null, null, null, null, 0, 50);
        assertThat(book.totalRows()).as("one row however many exits were reversed").isEqualTo(1);
        assertThat(book.rows().get(0).status()).isEqualTo("EXITED");
        assertThat(book.rows().get(0).proceedsFen()).isEqualTo(50 * WAN);
        assertThat(book.rows().get(0).reversals()).extracting(ReversalView::kind, ReversalView::factId,
                ReversalView::replacedBy).containsExactly(org.assertj.core.groups.Tuple.tuple("EXIT", "X3", "X3-C"));
        assertThat(reports.investmentBook(AS_OF, beforeReversal, null, null, null, 0, 50).rows().get(0).proceedsFen())
                .isEqualTo(60 * WAN);
        InvestmentView view = queries.investment("I3", AS_OF).orElseThrow();
        assertThat(view.exit().exitId()).isEqualTo("X3-C");
        assertThat(view.status()).isEqualTo("EXITED");
    }

    @Test
    void aReversedWriteOffGivesTheLossBack() {
        SeedInvestmentMade i3 = invest("I3", "P3", 40, "2018-01-01");
        SeedInvestmentExited x3 = exit("X3", i3, ExitRoute.WRITE_OFF, 0, "2020-01-01");
        reverse(exitReversal(x3, "并未核销", null));
        SeedFigures now = queries.totals(AS_OF);
        assertThat(now.writeOffs()).isZero();
        assertThat(now.writtenOff()).isZero();
        assertThat(now.active()).isEqualTo(40 * WAN);
        assertThat(queries.investment("I3", AS_OF).orElseThrow().status()).isEqualTo("ACTIVE");
        assertThat(reports.portfolio(Dimension.YEAR, AS_OF).total().activeInvestments()).isEqualTo(1);
    }

    // ------------------------------------------------------------ raises and rounds

    @Test
    void aReversedRaiseLeavesTheCommitment() {
        SeedCommitmentRaised raise = new SeedCommitmentRaised("R1", "GX", Money.ofFen(500 * WAN), date("2020-01-01"));
        record(raise, "R1");
        Instant beforeReversal = now();
        reverse(new SeedFactReversed(SeedFactKind.COMMITMENT_RAISE, "R1", eventIds.get("R1"), "重复录入", null,
                raise.raisedOn(), "GX", null, null, null, null, null, raise.increase(), Money.ZERO, Money.ZERO,
                Money.ZERO, Money.ZERO));
        assertThat(queries.totals(AS_OF).committed()).isEqualTo(1000 * WAN);
        assertThat(queries.totals(AS_OF, beforeReversal).committed()).isEqualTo(1500 * WAN);
        assertThat(queries.fund("GX", AS_OF).orElseThrow().committedFen()).isEqualTo(1000 * WAN);
    }

    @Test
    void aReversedRoundMarksNothingAndAttractsNothingButIsListed() {
        SeedInvestmentMade i1 = invest("I1", "P1", 50, "2017-01-10");
        FollowOnRoundRecorded round = new FollowOnRoundRecorded("FR1", "P1", "某天使投资", Money.ofFen(200 * WAN),
                Money.ofFen(2000 * WAN), date("2019-01-01"));
        record(round, "FR1");
        Instant beforeReversal = now();
        reverse(new SeedFactReversed(SeedFactKind.FOLLOW_ON_ROUND, "FR1", eventIds.get("FR1"), "估值录错", null,
                round.closedOn(), null, null, "P1", null, null, null, round.amount(), Money.ZERO, Money.ZERO,
                Money.ZERO, round.postMoney()));

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM seed_movement WHERE kind = 'REVERSAL'", Long.class))
                .as("a round has no movement to net out").isZero();
        var row = reports.portfolio(Dimension.FUND, AS_OF).total();
        assertThat(row.followOnFen()).isZero();
        assertThat(row.heldValueFen()).as("held at cost again").isEqualTo(i1.amount().fen());
        var then = reports.portfolio(Dimension.FUND, AS_OF, beforeReversal).total();
        assertThat(then.followOnFen()).isEqualTo(200 * WAN);
        assertThat(then.heldValueFen()).isEqualTo(100 * WAN); // 5% × 2000万
        assertThat(queries.rounds(AS_OF)).singleElement().satisfies(r -> {
            assertThat(r.roundId()).isEqualTo("FR1");
            assertThat(r.reversal().reason()).isEqualTo("估值录错");
        });
        Explanation held = (Explanation) explanations.explainPortfolio(Dimension.FUND, null, "heldValueFen", AS_OF,
                null, 0, 10);
        assertThat(held.parts()).extracting(Part::kind, Part::eventId).containsExactly(
                org.assertj.core.groups.Tuple.tuple("INVESTMENT", eventIds.get("I1")));
        Explanation heldThen = (Explanation) explanations.explainPortfolio(Dimension.FUND, null, "heldValueFen",
                AS_OF, beforeReversal, 0, 10);
        assertThat(heldThen.parts()).extracting(Part::kind, Part::eventId, Part::amount).containsExactly(
                org.assertj.core.groups.Tuple.tuple("FOLLOW_ON_ROUND", eventIds.get("FR1"), 100 * WAN));
    }

    @Test
    void replayingTheEventsGivesTheSameRows() {
        SeedInvestmentMade i1 = invest("I1", "P1", 50, "2017-01-10");
        reverse(investmentReversal(i1, "项目录错"));
        List<Map<String, Object>> movements = jdbc.queryForList("SELECT * FROM seed_movement ORDER BY event_id");
        List<Map<String, Object>> reversals = jdbc.queryForList("SELECT * FROM seed_reversal ORDER BY event_id");
        List<EventMessage<?>> history = List.copyOf(recordedMessages);
        projection.reset();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM seed_reversal", Long.class)).isZero();
        history.forEach(this::handle);
        assertThat(jdbc.queryForList("SELECT * FROM seed_movement ORDER BY event_id")).isEqualTo(movements);
        assertThat(jdbc.queryForList("SELECT * FROM seed_reversal ORDER BY event_id")).isEqualTo(reversals);
    }

    // ------------------------------------------------------------ history

    private final List<EventMessage<?>> recordedMessages = new java.util.ArrayList<>();

    /** The instant between the events recorded so far and the next one. */
    private Instant now() {
        return T0.plusSeconds(60 * position + 30);
    }

    private String record(Object payload, String factId) {
        position++;
        String eventId = UUID.randomUUID().toString();
        EventMessage<?> message = new GenericTrackedEventMessage<>(new GlobalSequenceTrackingToken(position),
                new GenericEventMessage<>(eventId, payload, MetaData.emptyInstance(), T0.plusSeconds(60 * position)));
        recordedMessages.add(message);
        handle(message);
        if (factId != null) {
            eventIds.put(factId, eventId);
        }
        return eventId;
    }

    private void handle(EventMessage<?> message) {
        Object payload = message.getPayload();
        if (payload instanceof SeedProgramOpened e) {
            projection.on(e, message, "operator");
        } else if (payload instanceof SeedFundEstablished e) {
            projection.on(e, message);
        } else if (payload instanceof SeedInvestmentMade e) {
            projection.on(e, message);
        } else if (payload instanceof SeedInvestmentExited e) {
            projection.on(e, message);
        } else if (payload instanceof SeedCommitmentRaised e) {
            projection.on(e, message);
        } else if (payload instanceof FollowOnRoundRecorded e) {
            projection.on(e, message);
        } else if (payload instanceof SeedFactReversed e) {
            projection.on(e, message);
        } else {
            throw new IllegalArgumentException("not a seed fact: " + payload);
        }
    }

    private String reverse(SeedFactReversed reversal) {
        return record(reversal, null);
    }

    private void fund(String fundId, long wan, String on) {
        record(new SeedFundEstablished(fundId, fundId, "partner", FORTY, Money.ofFen(wan * WAN), date(on)), fundId);
    }

    private SeedInvestmentMade invest(String id, String project, long wan, String on) {
        SeedInvestmentMade made = new SeedInvestmentMade(id, "GX", project, "项目公司", Instrument.EQUITY,
                Money.ofFen(wan * WAN), Ratio.ofBasisPoints(500), date(on), Money.ofFen(80 * WAN));
        record(made, id);
        return made;
    }

    private SeedInvestmentExited exit(String id, SeedInvestmentMade made, ExitRoute route, long wan, String on) {
        Money proceeds = Money.ofFen(wan * WAN);
        Money.Split split = proceeds.split(FORTY);
        SeedInvestmentExited exited = new SeedInvestmentExited(id, made.investmentId(), made.fundId(), made.projectId(),
                made.instrument(), made.investedOn(), route, made.amount(), proceeds, FORTY, split.first(),
                split.second(), proceeds.minus(made.amount()), date(on));
        record(exited, id);
        return exited;
    }

    private SeedFactReversed investmentReversal(SeedInvestmentMade made, String reason) {
        return new SeedFactReversed(SeedFactKind.INVESTMENT, made.investmentId(), eventIds.get(made.investmentId()),
                reason, null, made.investedOn(), made.fundId(), made.investmentId(), made.projectId(),
                made.instrument(), made.investedOn().getYear(), null, made.amount(), Money.ZERO, Money.ZERO,
                Money.ZERO, Money.ZERO);
    }

    private SeedFactReversed exitReversal(SeedInvestmentExited exit, String reason, String replacedBy) {
        return new SeedFactReversed(SeedFactKind.EXIT, exit.exitId(), eventIds.get(exit.exitId()), reason, replacedBy,
                exit.exitedOn(), exit.fundId(), exit.investmentId(), exit.projectId(), exit.instrument(),
                exit.investedOn().getYear(), exit.route(), exit.cost(), exit.proceeds(), exit.cityProceeds(),
                exit.partnerProceeds(), Money.ZERO);
    }

    private static LocalDate date(String text) {
        return LocalDate.parse(text);
    }
}
