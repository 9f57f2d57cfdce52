package cn.cq.fundledger.reporting.web;

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
import cn.cq.fundledger.system.web.Consistent;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Totals", description = "The figures the city publishes, rebuilt from the event history")
public class TotalsController {

    private final QueryGateway queries;
    private final PublishedFigures figures;
    private final Consistent consistent;
    private final BusinessCalendar calendar;

    public TotalsController(QueryGateway queries, PublishedFigures figures, Consistent consistent,
                            BusinessCalendar calendar) {
        this.queries = queries;
        this.figures = figures;
        // the totals read the movement tables of the three programs
        this.consistent = consistent.reading(CreditLedgerProjection.PROCESSING_GROUP,
                SeedLedgerProjection.PROCESSING_GROUP, EquityLedgerProjection.PROCESSING_GROUP);
        this.calendar = calendar;
    }

    @GetMapping("/api/totals")
    @Operation(summary = "Totals of every program as of a business date",
            description = "Counts every fact whose business date is on or before asOf. With recordedAt (an instant, "
                    + "e.g. 2024-05-01T08:00:00Z), answers what the ledger said at that moment: events recorded later "
                    + "are left out, even back-dated ones. Amounts are whole fen (*Fen) with a display form in 万/亿. "
                    + "Any role.")
    public ResponseEntity<Totals> totals(
            @Parameter(description = "business date, yyyy-MM-dd; default today (Asia/Shanghai)")
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
            @Parameter(description = "an instant (ISO-8601); default: everything recorded")
            @RequestParam(required = false) Instant recordedAt) {
        FetchTotals query = new FetchTotals(calendar.asOf(asOf), notInTheFuture(recordedAt));
        return consistent.answer(() -> queries.query(query, Totals.class).join());
    }

    @GetMapping("/api/totals/explain")
    @Operation(summary = "The events that make up one figure of /api/totals, paged",
            description = "figure is the field's path, e.g. creditLoans.issuedFen, riskPools.balanceFen, "
                    + "seedFund.projects. Each listed event carries its part of the figure; over all pages the parts "
                    + "add up to the figure (for a count of distinct projects or enterprises, the first event of each).")
    public ResponseEntity<Explanation> explain(@RequestParam String figure,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
            @RequestParam(required = false) Instant recordedAt,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "100") int size) {
        PublishedFigure published = PublishedFigure.named(figure).orElseThrow(() -> RuleViolation.invalid("figure",
                "choice", "figure: '" + figure + "' is not a figure of /api/totals; one of "
                        + String.join(", ", PublishedFigure.names())));
        if (page < 0 || size < 1 || size > 10_000) {
            throw RuleViolation.invalid("size", "range", "page must be 0 or more and size 1 to 10000");
        }
        LocalDate date = calendar.asOf(asOf);
        Instant at = notInTheFuture(recordedAt);
        return consistent.answer(() -> figures.explain(published, date, at, page, size));
    }

    private Instant notInTheFuture(Instant recordedAt) {
        return calendar.recordedAt(recordedAt);
    }
}
