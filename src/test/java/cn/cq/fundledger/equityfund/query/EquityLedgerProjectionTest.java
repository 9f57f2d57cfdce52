package cn.cq.fundledger.equityfund.query;

import static org.assertj.core.api.Assertions.assertThat;

import cn.cq.fundledger.core.Money;
import cn.cq.fundledger.core.Ratio;
import cn.cq.fundledger.equityfund.api.CapitalCalled;
import cn.cq.fundledger.equityfund.api.CapitalCommitted;
import cn.cq.fundledger.equityfund.api.DealClosed;
import cn.cq.fundledger.equityfund.api.DealExited;
import cn.cq.fundledger.equityfund.api.DealMarked;
import cn.cq.fundledger.equityfund.api.DistributionMade;
import cn.cq.fundledger.equityfund.api.EquityFactReversed;
import cn.cq.fundledger.equityfund.api.EquityFundEstablished;
import cn.cq.fundledger.equityfund.api.PartnerAmount;
import cn.cq.fundledger.equityfund.api.ReverseEquityFact.FactKind;
import cn.cq.fundledger.equityfund.api.ValuationMethod;
import cn.cq.fundledger.equityfund.query.EquityExplanations.Explanation;
import cn.cq.fundledger.equityfund.query.EquityExplanations.Part;
import cn.cq.fundledger.equityfund.query.EquityExplanations.Scope;
import cn.cq.fundledger.equityfund.query.EquityReports.FundRow;
import cn.cq.fundledger.equityfund.query.EquityViews.DealView;
import cn.cq.fundledger.system.ProjectionWriter;
import cn.cq.fundledger.system.RequestContext;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The equity projection fed one stored event after another (positions and recorded instants as the event store
 * gives them), then read back by the reports, the deal view and the explanations: corrections net the reversed
 * facts out from their own dates, the ledger as recorded before the corrections still shows them, and every figure
 * is explained by events adding up to it.
 *
 * <pre>
 * recorded at T0: EF1 甲 1000万, 乙 1000万 (2020-01-01); call C1 1000万 (2020-02-01, 500万 each);
 *   D1 (PA) 400万 2020-03-01; D2 (PB) 300万 2020-04-01; marks of D1: 600万 2021-12-31, 900万 2022-06-30;
 *   half of D1 sold for 500万 on 2022-09-01 (cost 200万); DS1 200万 on 2022-10-01 (100万 each)
 * recorded at T1: the mark of 2022-06-30 reversed; D2 reversed, replaced by D3 (PB) 250万 on 2020-04-01;
 *   DS1 reversed, replaced by DS1b 300万 (150万 each)
 * </pre>
 */
class EquityLedgerProjectionTest {

    private static final long WAN = 1_000_000L;
    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
    private static final Instant T1 = Instant.parse("2024-02-01T00:00:00Z");
    private static final Instant BETWEEN = Instant.parse("2024-01-15T00:00:00Z");
    private static final LocalDate AS_OF = LocalDate.parse("2023-12-31");

    private JdbcTemplate jdbc;
    private AnnotationEventHandlerAdapter projection;
    private EquityReports reports;
    private EquityQueries queries;
    private EquityExplanations explanations;
    private final List<String> eventIds = new ArrayList<>();

    @BeforeEach
    void recordTheHistory() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/common", "classpath:db/migration/h2")
                .load().migrate();
        jdbc = new JdbcTemplate(dataSource);
        projection = new AnnotationEventHandlerAdapter(new EquityLedgerProjection(new ProjectionWriter(jdbc), jdbc));
        DealValuations valuations = new DealValuations(jdbc);
        reports = new EquityReports(jdbc, valuations);
        queries = new EquityQueries(jdbc, valuations);
        explanations = new EquityExplanations(jdbc, valuations);

        DealClosed d1 = new DealClosed("D1", "EF1", "PA", "公司A", wan(400), Ratio.ofBasisPoints(1000), day("2020-03-01"));
        DealClosed d2 = new DealClosed("D2", "EF1", "PB", "公司B", wan(300), Ratio.ofBasisPoints(800), day("2020-04-01"));
        DistributionMade ds1 = new DistributionMade("DS1", "EF1", wan(200), day("2022-10-01"),
                List.of(part("甲", 1, 100), part("乙", 2, 100)));
        record(T0, new EquityFundEstablished("EF1", "成果转化基金", day("2020-01-01")),
                new CapitalCommitted("EF1", "甲", 1, wan(1000), day("2020-01-01")),
                new CapitalCommitted("EF1", "乙", 2, wan(1000), day("2020-01-01")),
                new CapitalCalled("C1", "EF1", wan(1000), day("2020-02-01"), List.of(part("甲", 1, 500),
                        part("乙", 2, 500))),
                d1, d2,
                new DealMarked("D1", "EF1", wan(600), ValuationMethod.LAST_ROUND, day("2021-12-31")),
                new DealMarked("D1", "EF1", wan(900), ValuationMethod.APPRAISAL, day("2022-06-30")),
                new DealExited("X1", "D1", "EF1", "PA", wan(500), Ratio.ofBasisPoints(5000), wan(200),
                        Ratio.ofBasisPoints(5000), false, day("2022-09-01")),
                ds1);
        record(T1, new EquityFactReversed(FactKind.MARK, "D1@2022-06-30", eventIds.get(7), "估值录入错误", null,
                        "EF1", "D1", null, day("2022-06-30"), wan(900), Money.ZERO, null, List.of()),
                new EquityFactReversed(FactKind.DEAL, "D2", eventIds.get(5), "金额错误", "D3", "EF1", "D2", "PB",
                        day("2020-04-01"), wan(300), Money.ZERO, null, List.of()),
                new DealClosed("D3", "EF1", "PB", "公司B", wan(250), Ratio.ofBasisPoints(800), day("2020-04-01")),
                new EquityFactReversed(FactKind.DISTRIBUTION, "DS1", eventIds.get(9), "金额错误", "DS1b", "EF1", null,
                        null, day("2022-10-01"), wan(200), Money.ZERO, null, ds1.parts()),
                new DistributionMade("DS1b", "EF1", wan(300), day("2022-10-01"),
                        List.of(part("甲", 1, 150), part("乙", 2, 150))));
    }

    @Test
    void aReversalIsOneMovementAtTheFactsDateWithEveryFigureNegated() {
        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM equity_movement WHERE event_id = ?",
                eventIds.get(11));
        assertThat(row).containsEntry("KIND", "REVERSAL").containsEntry("FACT_ID", "D2")
                .containsEntry("DEAL_ID", "D2").containsEntry("PROJECT_ID", "PB").containsEntry("DEALS", -1)
                .containsEntry("INVESTED_FEN", -300 * WAN).containsEntry("CALLED_FEN", 0L);
        assertThat(row.get("BUSINESS_DATE").toString()).isEqualTo("2020-04-01");
        assertThat(jdbc.queryForList("SELECT partner, distributed_fen FROM equity_partner_movement WHERE event_id = ? "
                + "ORDER BY partner_position", eventIds.get(13))).extracting(r -> r.get("DISTRIBUTED_FEN"))
                .containsExactly(-100 * WAN, -100 * WAN);
        // a mark moves no figure: its reversal is recorded in equity_reversal only
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM equity_movement WHERE event_id = ?", Long.class,
                eventIds.get(10))).isZero();
        assertThat(jdbc.queryForMap("SELECT kind, fact_id, reverses_event_id, reason, replaced_by FROM equity_reversal "
                + "WHERE event_id = ?", eventIds.get(11))).containsEntry("REVERSES_EVENT_ID", eventIds.get(5))
                .containsEntry("REASON", "金额错误").containsEntry("REPLACED_BY", "D3").containsEntry("KIND", "DEAL");
    }

    @Test
    void theFundNetsTheReversedFactsOutAndTheLedgerAsRecordedBeforeStillShowsThem() {
        FundRow now = reports.fund("EF1", AS_OF, null).orElseThrow();
        assertThat(now.investedFen()).isEqualTo(650 * WAN);
        assertThat(now.deals()).isEqualTo(2);
        assertThat(now.projects()).isEqualTo(2);
        assertThat(now.distributedFen()).isEqualTo(300 * WAN);
        // D1: the mark of 2021-12-31 (600万, the whole holding) for the half held; D3 at cost
        assertThat(now.navFen()).isEqualTo(550 * WAN);
        assertThat(now.unmarkedDeals()).isEqualTo(1);
        assertThat(now.dpi()).isEqualTo("0.3000");
        assertThat(now.tvpi()).isEqualTo("0.8500");
        assertThat(now.partners()).extracting(EquityReports.PartnerRow::distributedFen)
                .containsExactly(150 * WAN, 150 * WAN);

        FundRow before = reports.fund("EF1", AS_OF, BETWEEN).orElseThrow();
        assertThat(before.investedFen()).isEqualTo(700 * WAN);
        assertThat(before.deals()).isEqualTo(2);
        assertThat(before.projects()).isEqualTo(2);
        assertThat(before.distributedFen()).isEqualTo(200 * WAN);
        // D1 at the mark of 2022-06-30 (not yet reversed then), D2 at cost
        assertThat(before.navFen()).isEqualTo(750 * WAN);
        assertThat(before.tvpi()).isEqualTo("0.9500");
    }

    @Test
    void aProjectCountsWhileItsDealsAddUpToMoreThanZero() {
        assertThat(reports.fund("EF1", LocalDate.parse("2020-03-31"), null).orElseThrow().projects()).isEqualTo(1);
        assertThat(reports.fund("EF1", LocalDate.parse("2020-04-01"), null).orElseThrow().projects()).isEqualTo(2);
        assertThat(reports.funds(AS_OF, null).total().projects()).isEqualTo(2);
        // PB counts through D3, where its deals last went from 0 to 1 (D2 +1, D2's reversal −1, D3 +1)
        Explanation projects = explanations.explain(Scope.TOTAL, null, null, null, "projects", AS_OF, null, 0, 10);
        assertThat(projects.parts()).extracting(Part::factId).containsExactly("D1", "D3");
        assertThat(projects.parts()).extracting(Part::eventId).containsExactly(eventIds.get(4), eventIds.get(12));
        Explanation then = explanations.explain(Scope.FUND, "EF1", null, null, "projects", AS_OF, BETWEEN, 0, 10);
        assertThat(then.parts()).extracting(Part::factId).containsExactly("D1", "D2");
        // reversed, and not replaced within the project: the project no longer counts
        record(T1.plusSeconds(60), new EquityFactReversed(FactKind.DEAL, "D3", eventIds.get(12), "不属本基金",
                null, "EF1", "D3", "PB", day("2020-04-01"), wan(250), Money.ZERO, null, List.of()));
        assertThat(reports.fund("EF1", AS_OF, null).orElseThrow().projects()).isEqualTo(1);
        assertThat(explanations.explain(Scope.FUND, "EF1", null, null, "projects", AS_OF, null, 0, 10).value())
                .isEqualTo(1L);
    }

    @Test
    void theDealBookAndTheDealShowReversedFactsAsReversed() {
        EquityReports.DealBook book = reports.deals(AS_OF, null, "EF1");
        assertThat(book.rows()).extracting(DealValue::dealId).containsExactly("D1", "D3");
        assertThat(book.amountFen()).isEqualTo(650 * WAN);
        assertThat(book.reversed()).extracting(EquityViews.ReversedDealView::dealId).containsExactly("D2");
        assertThat(book.reversed().get(0).reversal().reason()).isEqualTo("金额错误");
        assertThat(book.reversed().get(0).reversal().eventId()).isEqualTo(eventIds.get(11));
        assertThat(book.reversed().get(0).reversal().replacedBy()).isEqualTo("D3");
        assertThat(book.rows().get(0).navEventId()).isEqualTo(eventIds.get(6));
        assertThat(reports.deals(AS_OF, BETWEEN, "EF1").rows()).extracting(DealValue::dealId)
                .containsExactly("D1", "D2");
        assertThat(reports.deals(AS_OF, BETWEEN, "EF1").reversed()).isEmpty();

        DealView d1 = queries.deal("D1", AS_OF).orElseThrow();
        assertThat(d1.marks()).extracting(EquityViews.MarkView::markedOn)
                .containsExactly(day("2021-12-31"), day("2022-06-30"));
        assertThat(d1.marks().get(0).reversal()).isNull();
        assertThat(d1.marks().get(1).reversal().reason()).isEqualTo("估值录入错误");
        assertThat(d1.navFen()).isEqualTo(300 * WAN);
        DealView d2 = queries.deal("D2", AS_OF).orElseThrow();
        assertThat(d2.status()).isEqualTo("REVERSED");
        assertThat(d2.navFen()).isZero();
        assertThat(d2.reversal().eventId()).isEqualTo(eventIds.get(11));
        assertThat(queries.deal("D2", LocalDate.parse("2020-03-31")).orElseThrow().status())
                .isEqualTo("NOT_YET_CLOSED");
        assertThat(queries.distributions("EF1", AS_OF)).extracting(EquityViews.SharedAmountView::id)
                .containsExactly("DS1", "DS1b");
        assertThat(queries.distributions("EF1", AS_OF).get(0).reversal().replacedBy()).isEqualTo("DS1b");
    }

    @Test
    void navFallsBackToCostWhenItsOnlyMarkIsReversed() {
        record(T1.plusSeconds(60), new EquityFactReversed(FactKind.MARK, "D1@2021-12-31", eventIds.get(6), "无依据",
                null, "EF1", "D1", null, day("2021-12-31"), wan(600), Money.ZERO, null, List.of()));
        DealValue d1 = reports.deals(AS_OF, null, "EF1").rows().get(0);
        assertThat(d1.navBasis()).isEqualTo("COST");
        assertThat(d1.navFen()).isEqualTo(200 * WAN);
        assertThat(d1.navEventId()).isEqualTo(eventIds.get(4));
    }

    @Test
    void everyFigureOfTheFundTheTotalAndThePartnersIsExplainedByEventsAddingUpToIt() {
        for (Instant recordedAt : new Instant[]{null, BETWEEN}) {
            FundRow fund = reports.fund("EF1", AS_OF, recordedAt).orElseThrow();
            Map<String, Long> values = Map.ofEntries(Map.entry("committedFen", fund.committedFen()),
                    Map.entry("calledFen", fund.calledFen()), Map.entry("uncalledFen", fund.uncalledFen()),
                    Map.entry("investedFen", fund.investedFen()), Map.entry("deals", fund.deals()),
                    Map.entry("projects", fund.projects()), Map.entry("exitedCostFen", fund.exitedCostFen()),
                    Map.entry("proceedsFen", fund.proceedsFen()), Map.entry("distributedFen", fund.distributedFen()),
                    Map.entry("undistributedFen", fund.undistributedFen()), Map.entry("navFen", fund.navFen()),
                    Map.entry("unmarkedDeals", fund.unmarkedDeals()));
            for (Scope scope : new Scope[]{Scope.FUND, Scope.TOTAL}) {
                for (var figure : values.entrySet()) {
                    Explanation e = explanations.explain(scope, "EF1", null, null, figure.getKey(), AS_OF, recordedAt,
                            0, 100);
                    assertThat(e.value()).as(scope + " " + figure.getKey() + " at " + recordedAt)
                            .isEqualTo(figure.getValue());
                    assertThat(e.parts().stream().mapToLong(Part::amount).sum()).as(figure.getKey())
                            .isEqualTo(figure.getValue());
                    assertThat(e.parts()).hasSize((int) e.events());
                }
                Explanation dpi = explanations.explain(scope, "EF1", null, null, "dpi", AS_OF, recordedAt, 0, 100);
                assertThat(dpi.value()).isEqualTo(fund.dpi());
                assertThat(dpi.components()).extracting(EquityExplanations.ComponentFigure::figure)
                        .containsExactly("distributedFen", "calledFen");
                Explanation tvpi = explanations.explain(scope, "EF1", null, null, "tvpi", AS_OF, recordedAt, 0, 100);
                assertThat(tvpi.value()).isEqualTo(fund.tvpi());
                long numerator = 0;
                for (var component : tvpi.components()) {
                    assertThat(component.parts().stream().mapToLong(Part::amount).sum()).isEqualTo(component.value());
                    numerator += component.figure().equals("calledFen") ? 0 : component.value();
                }
                assertThat(EquityReports.multiple(numerator, tvpi.components().get(2).value())).isEqualTo(fund.tvpi());
            }
            assertThat(explanations.explain(Scope.TOTAL, null, null, null, "funds", AS_OF, recordedAt, 0, 10).value())
                    .isEqualTo(reports.funds(AS_OF, recordedAt).total().funds());
            for (EquityReports.PartnerRow partner : fund.partners()) {
                Explanation distributed = explanations.explain(Scope.PARTNER, "EF1", partner.partner(), null,
                        "distributedFen", AS_OF, recordedAt, 0, 100);
                assertThat(distributed.value()).isEqualTo(partner.distributedFen());
                assertThat(explanations.explain(Scope.PARTNER, "EF1", partner.partner(), null, "dpi", AS_OF,
                        recordedAt, 0, 100).value()).isEqualTo(partner.dpi());
            }
        }
    }

    @Test
    void theNavIsExplainedByTheMarkOrClosingInForceForEachDealHeld() {
        Explanation nav = explanations.explain(Scope.FUND, "EF1", null, null, "navFen", AS_OF, null, 0, 100);
        assertThat(nav.parts()).extracting(Part::kind, Part::factId, Part::amount).containsExactly(
                org.assertj.core.groups.Tuple.tuple("DEAL", "D3", 250 * WAN),
                org.assertj.core.groups.Tuple.tuple("MARK", "D1@2021-12-31", 300 * WAN));
        EquityExplanations.Valuation mark = nav.parts().get(1).valuation();
        assertThat(mark.markValueFen() * mark.heldBp() / mark.heldAtMarkBp()).isEqualTo(300 * WAN);
        Explanation then = explanations.explain(Scope.FUND, "EF1", null, null, "navFen", AS_OF, BETWEEN, 0, 100);
        assertThat(then.parts()).extracting(Part::factId).containsExactly("D2", "D1@2022-06-30");
        assertThat(then.value()).isEqualTo(750 * WAN);
    }

    @Test
    void theDealBookAndEachDealAreExplained() {
        EquityReports.DealBook book = reports.deals(AS_OF, null, "EF1");
        assertThat(explanations.explain(Scope.BOOK, "EF1", null, null, "amountFen", AS_OF, null, 0, 100).value())
                .isEqualTo(book.amountFen());
        assertThat(explanations.explain(Scope.BOOK, null, null, null, "costHeldFen", AS_OF, null, 0, 100).value())
                .isEqualTo(book.costHeldFen());
        assertThat(explanations.explain(Scope.BOOK, "EF1", null, null, "navFen", AS_OF, null, 0, 100).value())
                .isEqualTo(book.navFen());
        for (DealValue row : book.rows()) {
            for (var figure : Map.of("amountFen", row.amountFen(), "exitedCostFen", row.exitedCostFen(),
                    "costHeldFen", row.costHeldFen(), "proceedsFen", row.proceedsFen(), "navFen", row.navFen(),
                    "heldBp", (long) row.heldBp(), "stakeBp", (long) row.stakeBp()).entrySet()) {
                assertThat(explanations.explain(Scope.DEAL, null, null, row.dealId(), figure.getKey(), AS_OF, null, 0,
                        100).value()).as(row.dealId() + " " + figure.getKey()).isEqualTo(figure.getValue());
            }
        }
        // a reversed deal's amount: its closing and its reversal, adding up to nothing
        Explanation d2 = explanations.explain(Scope.DEAL, null, null, "D2", "amountFen", AS_OF, null, 0, 100);
        assertThat(d2.parts()).extracting(Part::kind, Part::amount).containsExactly(
                org.assertj.core.groups.Tuple.tuple("DEAL", 300 * WAN),
                org.assertj.core.groups.Tuple.tuple("REVERSAL", -300 * WAN));
        assertThat(explanations.explain(Scope.DEAL, null, null, "D2", "heldBp", AS_OF, null, 0, 100).value())
                .isEqualTo(0L);
    }

    @Test
    void explanationsArePaged() {
        Explanation first = explanations.explain(Scope.FUND, "EF1", null, null, "distributedFen", AS_OF, null, 0, 2);
        Explanation second = explanations.explain(Scope.FUND, "EF1", null, null, "distributedFen", AS_OF, null, 1, 2);
        assertThat(first.events()).isEqualTo(3);
        assertThat(first.parts()).extracting(Part::kind).containsExactly("DISTRIBUTION", "REVERSAL");
        assertThat(second.parts()).extracting(Part::factId).containsExactly("DS1b");
        assertThat(first.value()).isEqualTo(300 * WAN);
    }

    // ------------------------------------------------------------ helpers

    /** Hands each event to the projection as the event store would: the next position, recorded at {@code at}. */
    private void record(Instant at, Object... events) {
        for (Object event : events) {
            String id = UUID.randomUUID().toString();
            GenericEventMessage<Object> message = new GenericEventMessage<>(id, event,
                    Map.of(RequestContext.USER, "operator"), at);
            try {
                projection.handle(new GenericTrackedEventMessage<>(new GlobalSequenceTrackingToken(eventIds.size()),
                        message));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            eventIds.add(id);
        }
    }

    private static Money wan(long wan) {
        return Money.ofFen(wan * WAN);
    }

    private static PartnerAmount part(String partner, int position, long wan) {
        return new PartnerAmount(partner, position, wan(wan));
    }

    private static LocalDate day(String date) {
        return LocalDate.parse(date);
    }
}
