package cn.cq.fundledger.equityfund.web;

import cn.cq.fundledger.core.RuleViolation;
import cn.cq.fundledger.equityfund.query.EquityExplanations;
import cn.cq.fundledger.equityfund.query.EquityExplanations.Explanation;
import cn.cq.fundledger.equityfund.query.EquityExplanations.Scope;
import cn.cq.fundledger.equityfund.query.EquityLedgerProjection;
import cn.cq.fundledger.equityfund.query.EquityQueries;
import cn.cq.fundledger.equityfund.query.EquityReports;
import cn.cq.fundledger.equityfund.query.EquityReports.DealBook;
import cn.cq.fundledger.equityfund.query.EquityReports.FundRow;
import cn.cq.fundledger.equityfund.query.EquityReports.FundsReport;
import cn.cq.fundledger.system.web.BusinessCalendar;
import cn.cq.fundledger.system.web.Consistent;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reports of the equity funds for finance staff (FINANCE, AUDITOR, ADMIN), each as of a date and, with
 * {@code recordedAt}, as the ledger said it at that instant.
 */
@RestController
@RequestMapping("/api/reports/equity")
@Tag(name = "Equity reports", description = "Funds (committed, called, invested, NAV, distributions, DPI, TVPI) "
        + "and the deal book, as of a date")
public class EquityReportController {

    static final String RECORDED_AT = "an instant (ISO-8601, e.g. 2024-05-01T08:00:00Z): the report as the ledger "
            + "said it then, leaving out facts recorded later, even back-dated ones; not in the future; "
            + "default: everything recorded";

    static final String FUND_FIGURES = "committedFen, calledFen, uncalledFen, investedFen, deals, projects, "
            + "exitedCostFen, proceedsFen, distributedFen, undistributedFen, navFen, unmarkedDeals, dpi, tvpi";
    static final String TOTAL_FIGURES = "funds, " + FUND_FIGURES;

    private final EquityReports reports;
    private final EquityExplanations explanations;
    private final EquityQueries queries;
    private final Consistent consistent;
    private final BusinessCalendar calendar;

    public EquityReportController(EquityReports reports, EquityExplanations explanations, EquityQueries queries,
                                  Consistent consistent, BusinessCalendar calendar) {
        this.reports = reports;
        this.explanations = explanations;
        this.queries = queries;
        this.consistent = consistent.reading(EquityLedgerProjection.PROCESSING_GROUP);
        this.calendar = calendar;
    }

    @GetMapping("/funds")
    @Operation(summary = "Every fund established by the date, and their total",
            description = "Per fund: committed, called (= paid in), uncalled, invested (amounts of the deals closed), "
                    + "deals, projects, exited cost, proceeds, distributed, undistributed, NAV (the latest mark of each "
                    + "deal still held, scaled down by parts sold after it; cost for a deal never marked, counted in "
                    + "unmarkedDeals), DPI = distributed / called and TVPI = (distributed + NAV) / called as decimal "
                    + "strings with four decimals, and per partner committed, called, uncalled, distributed and DPI. "
                    + "The total's investedFen and projects equal equityFund in /api/totals.")
    public ResponseEntity<FundsReport> funds(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
            @Parameter(description = RECORDED_AT)
            @RequestParam(required = false) Instant recordedAt) {
        LocalDate date = calendar.asOf(asOf);
        Instant at = calendar.recordedAt(recordedAt);
        return consistent.answer(() -> reports.funds(date, at));
    }

    @GetMapping("/funds/{fundId}")
    @Operation(summary = "One fund's figures as of a date (as in /funds)")
    public ResponseEntity<FundRow> fund(@PathVariable String fundId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
            @Parameter(description = RECORDED_AT)
            @RequestParam(required = false) Instant recordedAt) {
        LocalDate date = calendar.asOf(asOf);
        Instant at = calendar.recordedAt(recordedAt);
        return consistent.answer(() -> reports.fund(fundId, date, at).orElseThrow(() -> unknownFund(fundId)));
    }

    @GetMapping("/funds/explain")
    @Operation(summary = "The events behind one figure of the funds' total, paged",
            description = "figure: one of " + TOTAL_FIGURES + ". As /funds/{fundId}/explain, over every fund.")
    public ResponseEntity<Explanation> explainTotal(@RequestParam String figure,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
            @Parameter(description = RECORDED_AT)
            @RequestParam(required = false) Instant recordedAt, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "100") int size) {
        Scope scope = Scope.TOTAL;
        requireFigure(scope, figure, page, size);
        LocalDate date = calendar.asOf(asOf);
        Instant at = calendar.recordedAt(recordedAt);
        return consistent.answer(() -> explanations.explain(scope, null, null, null, figure, date, at, page, size));
    }

    @GetMapping("/funds/{fundId}/explain")
    @Operation(summary = "The events behind one figure of a fund, or of one partner in it, paged",
            description = "figure, for the fund: one of " + FUND_FIGURES + "; with partner (a partner's name as in "
                    + "the report): one of committedFen, calledFen, uncalledFen, distributedFen, dpi. A figure made "
                    + "of events lists them (ordered by business date, then as recorded) with each one's amount; over "
                    + "all pages they add up to value, the figure of /funds/{fundId} as of the same asOf and "
                    + "recordedAt (a reversal is listed with its negative amount; projects lists one event per "
                    + "project counted, navFen the mark or closing in force for each deal held with its valuation). "
                    + "A ratio (dpi, tvpi) answers its formula, its value as multiple, and its components, each with "
                    + "its own page of events. page from 0, size 1 to 10000 (default 100).")
    public ResponseEntity<Explanation> explainFund(@PathVariable String fundId,
            @RequestParam String figure, @RequestParam(required = false) String partner,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
            @Parameter(description = RECORDED_AT)
            @RequestParam(required = false) Instant recordedAt, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "100") int size) {
        String wantedPartner = partner == null || partner.isBlank() ? null : partner;
        Scope scope = wantedPartner == null ? Scope.FUND : Scope.PARTNER;
        requireFigure(scope, figure, page, size);
        LocalDate date = calendar.asOf(asOf);
        Instant at = calendar.recordedAt(recordedAt);
        return consistent.answer(() -> {
            if (queries.fund(fundId).isEmpty()) {
                throw unknownFund(fundId);
            }
            return explanations.explain(scope, fundId, wantedPartner, null, figure, date, at, page, size);
        });
    }

    @GetMapping("/deals/explain")
    @Operation(summary = "The events behind one figure of the deal book, or of one deal in it, paged",
            description = "figure: amountFen, exitedCostFen, costHeldFen, proceedsFen or navFen of the book (its sums, "
                    + "of one fund with fund), or with deal also heldBp or stakeBp of that deal's row. As "
                    + "/funds/{fundId}/explain: the events add up to the figure of /deals for the same arguments.")
    public ResponseEntity<Explanation> explainDeals(@RequestParam String figure,
            @RequestParam(required = false) String fund, @RequestParam(required = false) String deal,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
            @Parameter(description = RECORDED_AT)
            @RequestParam(required = false) Instant recordedAt, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "100") int size) {
        String fundId = fund == null || fund.isBlank() ? null : fund.strip();
        String dealId = deal == null || deal.isBlank() ? null : deal.strip();
        Scope scope = dealId == null ? Scope.BOOK : Scope.DEAL;
        requireFigure(scope, figure, page, size);
        LocalDate date = calendar.asOf(asOf);
        Instant at = calendar.recordedAt(recordedAt);
        return consistent.answer(() -> {
            if (fundId != null && queries.fund(fundId).isEmpty()) {
                throw unknownFund(fundId);
            }
            if (dealId != null && queries.deal(dealId, date).isEmpty()) {
                throw RuleViolation.notFound("deal", "unknown-deal", "deal " + dealId + " is not recorded");
            }
            return explanations.explain(scope, fundId, null, dealId, figure, date, at, page, size);
        });
    }

    private static void requireFigure(Scope scope, String figure, int page, int size) {
        Set<String> known = EquityExplanations.figures(scope);
        if (!known.contains(figure)) {
            throw RuleViolation.invalid("figure", "choice", "figure: '" + figure + "' is not one of "
                    + String.join(", ", known));
        }
        if (page < 0 || size < 1 || size > 10_000) {
            throw RuleViolation.invalid("size", "range", "page must be 0 or more and size 1 to 10000");
        }
    }

    @GetMapping("/deals")
    @Operation(summary = "The deal book: every deal closed by the date, of one fund or all",
            description = "status LIVE | PARTLY_EXITED | EXITED, the part still held (heldBp), exited cost, cost held, "
                    + "proceeds, NAV and its basis (MARK, COST for a deal never marked, NONE once exited), the mark "
                    + "used and the event in force (navEventId); sums over the rows. Reversed deals are listed apart "
                    + "(reversed), with their reversal, in no sum.")
    public ResponseEntity<DealBook> deals(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
            @Parameter(description = RECORDED_AT)
            @RequestParam(required = false) Instant recordedAt,
            @RequestParam(required = false) String fund) {
        String fundId = fund == null || fund.isBlank() ? null : fund.strip();
        LocalDate date = calendar.asOf(asOf);
        Instant at = calendar.recordedAt(recordedAt);
        return consistent.answer(() -> {
            if (fundId != null && queries.fund(fundId).isEmpty()) {
                throw unknownFund(fundId);
            }
            return reports.deals(date, at, fundId);
        });
    }

    private static RuleViolation unknownFund(String fundId) {
        return RuleViolation.notFound("fundId", "unknown-fund", "fund " + fundId + " is not recorded");
    }
}
