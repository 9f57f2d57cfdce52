package cn.cq.fundledger.reporting.web;

import cn.cq.fundledger.audit.EventHistory;
import cn.cq.fundledger.audit.EventIndexProjection;
import cn.cq.fundledger.core.RuleViolation;
import cn.cq.fundledger.credit.query.CreditLedgerProjection;
import cn.cq.fundledger.equityfund.query.EquityLedgerProjection;
import cn.cq.fundledger.reporting.api.FetchTotals;
import cn.cq.fundledger.reporting.api.Totals;
import cn.cq.fundledger.reporting.query.PublishedFigure;
import cn.cq.fundledger.reporting.query.PublishedFigures;
import cn.cq.fundledger.reporting.query.PublishedFigures.Explanation;
import cn.cq.fundledger.seedfund.query.SeedLedgerProjection;
import cn.cq.fundledger.system.web.BusinessCalendar;
import cn.cq.fundledger.system.web.Chart;
import cn.cq.fundledger.system.web.Consistent;
import cn.cq.fundledger.system.web.Page;
import cn.cq.fundledger.system.web.PageMemo;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The overview ({@code /}): the figures of {@code /api/totals} for a business date, optionally as recorded at an
 * instant, with their growth year by year; and the explanation of one figure ({@code /explain}), the events that
 * make it up. Both read the very query the API answers ({@link FetchTotals}, {@link PublishedFigures}).
 */
@Page
public class OverviewPages {

    /** How many year-ends the growth chart shows, at most (the years before the first fact are left out). */
    static final int GROWTH_YEARS = 10;

    private final QueryGateway queries;
    private final PublishedFigures figures;
    private final EventHistory history;
    private final Consistent consistent;
    private final BusinessCalendar calendar;
    private final PageMemo memo;

    public OverviewPages(QueryGateway queries, PublishedFigures figures, EventHistory history, Consistent consistent,
                         BusinessCalendar calendar, PageMemo memo) {
        this.memo = memo;
        this.queries = queries;
        this.figures = figures;
        this.history = history;
        this.consistent = consistent.reading(CreditLedgerProjection.PROCESSING_GROUP,
                SeedLedgerProjection.PROCESSING_GROUP, EquityLedgerProjection.PROCESSING_GROUP,
                EventIndexProjection.PROCESSING_GROUP);
        this.calendar = calendar;
    }

    /** One figure of the overview: its label key, its value (fen or a count) and the figure it explains. */
    public record Figure(String label, long value, boolean money, String figure) {
    }

    /** A program's card: its title key and its figures. */
    public record Card(String title, List<Figure> figures) {
    }

    @GetMapping("/")
    public String overview(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
                           @RequestParam(required = false) Instant recordedAt, Model model) {
        LocalDate date = calendar.asOf(asOf);
        Instant at = calendar.recordedAt(recordedAt);
        Totals totals = memo.read(model, consistent, () -> queries.query(new FetchTotals(date, at), Totals.class)
                .join(), "totals", date, at);
        model.addAttribute("asOf", date);
        model.addAttribute("recordedAt", at);
        model.addAttribute("cards", cards(totals));
        model.addAttribute("growth", growth(model, date, at));
        return "overview";
    }

    static List<Card> cards(Totals t) {
        return List.of(
                new Card("program.seed", List.of(
                        new Figure("figure.projects", t.seedFund().projects(), false, "seedFund.projects"),
                        new Figure("figure.invested", t.seedFund().investedFen(), true, "seedFund.investedFen"))),
                new Card("program.equity", List.of(
                        new Figure("figure.projects", t.equityFund().projects(), false, "equityFund.projects"),
                        new Figure("figure.invested", t.equityFund().investedFen(), true, "equityFund.investedFen"))),
                new Card("program.credit", List.of(
                        new Figure("figure.loans", t.creditLoans().loans(), false, "creditLoans.loans"),
                        new Figure("figure.issued", t.creditLoans().issuedFen(), true, "creditLoans.issuedFen"),
                        new Figure("figure.enterprises", t.creditLoans().enterprises(), false,
                                "creditLoans.enterprises"),
                        new Figure("figure.outstanding", t.creditLoans().outstandingFen(), true,
                                "creditLoans.outstandingFen"),
                        new Figure("figure.defaulted", t.creditLoans().defaultedFen(), true,
                                "creditLoans.defaultedFen"),
                        new Figure("figure.compensated", t.creditLoans().compensatedFen(), true,
                                "creditLoans.compensatedFen"),
                        new Figure("figure.recovered", t.creditLoans().recoveredFen(), true,
                                "creditLoans.recoveredFen"))),
                new Card("program.guided", List.of(
                        new Figure("figure.loans", t.guidedLoans().loans(), false, "guidedLoans.loans"),
                        new Figure("figure.issued", t.guidedLoans().issuedFen(), true, "guidedLoans.issuedFen"))),
                new Card("program.pools", List.of(
                        new Figure("figure.contributed", t.riskPools().contributedFen(), true,
                                "riskPools.contributedFen"),
                        new Figure("figure.compensated", t.riskPools().compensatedFen(), true,
                                "riskPools.compensatedFen"),
                        new Figure("figure.poolRecovered", t.riskPools().recoveredFen(), true,
                                "riskPools.recoveredFen"),
                        new Figure("figure.balance", t.riskPools().balanceFen(), true, "riskPools.balanceFen"),
                        new Figure("figure.waiting", t.riskPools().waitingClaimsFen(), true,
                                "riskPools.waitingClaimsFen"))));
    }

    /** The figures the growth chart follows, each a sum of /api/totals. */
    static final Map<PublishedFigure, String> GROWTH = growthSeries();

    private static Map<PublishedFigure, String> growthSeries() {
        Map<PublishedFigure, String> series = new LinkedHashMap<>();
        series.put(PublishedFigure.SEED_INVESTED, "program.seed");
        series.put(PublishedFigure.EQUITY_INVESTED, "program.equity");
        series.put(PublishedFigure.CREDIT_ISSUED, "program.credit");
        series.put(PublishedFigure.GUIDED_ISSUED, "program.guided");
        series.put(PublishedFigure.POOLS_BALANCE, "program.pools");
        return series;
    }

    /** The amounts at each year-end up to the date shown (the last point is the date itself), in 亿 of yuan. */
    private Chart growth(Model model, LocalDate asOf, Instant recordedAt) {
        // a scan of every movement: kept while no event is stored (PageMemo)
        java.util.SortedMap<Integer, Map<PublishedFigure, Long>> all = memo.read(model, consistent,
                () -> figures.yearEnds(List.copyOf(GROWTH.keySet()), asOf, recordedAt), "year-ends", asOf, recordedAt);
        var years = all.tailMap(asOf.getYear() - GROWTH_YEARS + 1);
        Chart chart = Chart.lines(years.keySet().stream().map(String::valueOf).toList(), "unit.yi");
        GROWTH.forEach((figure, label) -> chart.series(label, years.values().stream()
                .map(values -> java.math.BigDecimal.valueOf(values.get(figure), 10)).toList()));
        return chart;
    }

    @GetMapping("/explain")
    public String explain(@RequestParam String figure,
                          @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
                          @RequestParam(required = false) Instant recordedAt,
                          @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size,
                          Model model) {
        PublishedFigure published = PublishedFigure.named(figure).orElseThrow(() -> RuleViolation.invalid("figure",
                "choice", "figure: '" + figure + "' is not a figure of /api/totals; one of "
                        + String.join(", ", PublishedFigure.names())));
        if (page < 0 || size < 1 || size > 1000) {
            throw RuleViolation.invalid("size", "range", "page must be 0 or more and size 1 to 1000");
        }
        LocalDate date = calendar.asOf(asOf);
        Instant at = calendar.recordedAt(recordedAt);
        Explanation explanation = consistent.answer(() -> figures.explain(published, date, at, page, size)).getBody();
        model.addAttribute("explanation", explanation);
        model.addAttribute("money", figure.endsWith("Fen"));
        model.addAttribute("origins", history.origins(explanation.parts().stream()
                .map(PublishedFigures.Part::position).toList()));
        model.addAttribute("components", components(figure));
        model.addAttribute("asOf", date);
        model.addAttribute("recordedAt", at);
        model.addAttribute("pages", (explanation.events() + size - 1) / size);
        return "explain";
    }

    /** A computed figure's formula: its components, each with the sign it is counted with. */
    public record Component(String sign, String figure) {
    }

    static List<Component> components(String figure) {
        if (figure.equals("riskPools.balanceFen")) {
            return List.of(new Component("+", "riskPools.contributedFen"), new Component("−", "riskPools.compensatedFen"),
                    new Component("+", "riskPools.recoveredFen"));
        }
        return List.of();
    }
}
