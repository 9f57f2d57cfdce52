package cn.cq.fundledger.seedfund.web;

import cn.cq.fundledger.core.RuleViolation;
import cn.cq.fundledger.seedfund.query.SeedExplanations;
import cn.cq.fundledger.seedfund.query.SeedLedgerProjection;
import cn.cq.fundledger.seedfund.query.SeedReports;
import cn.cq.fundledger.seedfund.query.SeedReports.Dimension;
import cn.cq.fundledger.seedfund.query.SeedReports.InvestmentBook;
import cn.cq.fundledger.seedfund.query.SeedReports.Portfolio;
import cn.cq.fundledger.seedfund.query.SeedReports.TargetReport;
import cn.cq.fundledger.system.web.BusinessCalendar;
import cn.cq.fundledger.system.web.Consistent;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Set;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reports of the seed guidance fund for finance staff (FINANCE, AUDITOR, ADMIN), each as of a date and, with
 * {@code recordedAt}, as the ledger said it at that instant.
 */
@RestController
@RequestMapping("/api/reports/seed")
@Tag(name = "Seed reports", description = "Portfolio by fund and by year, scale target, investment book, as of a date")
public class SeedReportController {

    static final String RECORDED_AT = "an instant (ISO-8601, e.g. 2024-05-01T08:00:00Z): the report as the ledger "
            + "said it then, leaving out facts recorded later, even back-dated ones; not in the future; "
            + "default: everything recorded";

    private static final Set<String> STATUSES = Set.of("ACTIVE", "EXITED", "WRITTEN_OFF", "REVERSED");
    private static final Set<String> INSTRUMENTS = Set.of("EQUITY", "LOAN");

    private final SeedReports reports;
    private final SeedExplanations explanations;
    private final Consistent consistent;
    private final BusinessCalendar calendar;

    public SeedReportController(SeedReports reports, SeedExplanations explanations, Consistent consistent,
                                BusinessCalendar calendar) {
        this.reports = reports;
        this.explanations = explanations;
        this.consistent = consistent.reading(SeedLedgerProjection.PROCESSING_GROUP);
        this.calendar = calendar;
    }

    @GetMapping("/portfolio/{by}")
    @Operation(summary = "The seed portfolio by local fund or by year of investment",
            description = "by = fund | year. Per row: projects (distinct within the row), investments, invested; "
                    + "active / exited / written-off investments and their cost; proceeds returned to the city and to "
                    + "the partners; realisedMultiple = proceeds / cost exited; follow-on capital attracted and "
                    + "followOnLeverage = follow-on / invested; heldValueFen (marks) and totalValueMultiple. Fen figures "
                    + "and counts add up to the total, whose projects and investedFen equal /api/totals seedFund. "
                    + "targets: progress to each recorded scale target.")
    public ResponseEntity<Portfolio> portfolio(@PathVariable String by,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
            @Parameter(description = RECORDED_AT)
            @RequestParam(required = false) Instant recordedAt) {
        Dimension dimension = dimension(by);
        LocalDate date = calendar.asOf(asOf);
        Instant at = calendar.recordedAt(recordedAt);
        return consistent.answer(() -> reports.portfolio(dimension, date, at));
    }

    @GetMapping("/portfolio/{by}/explain")
    @Operation(summary = "The events behind any figure of a portfolio row or of the total row, paged",
            description = "by = fund | year; key is the row (a fund id, a year), absent for the total row. figure: "
                    + "any figure of the row. Sums (investments, investedFen, activeInvestments, activeFen, "
                    + "exitedInvestments, exitedCostFen, writtenOffInvestments, writtenOffFen, proceedsFen, "
                    + "cityProceedsFen, partnerProceedsFen, committedFen on fund and total rows) list the movements "
                    + "behind them, a reversal beside its original; followOnFen lists each round's capital attributed "
                    + "to the row's investments, heldValueFen each active investment's mark (the marking round, or the "
                    + "investment at cost), followOnWithoutSeedFen (total only) the rounds no seed money preceded; "
                    + "projects lists one event per project counted (the last at which the project's investments "
                    + "went from zero to more), each with amount 1. Over all pages the amounts add up to value. "
                    + "realisedMultiple, followOnLeverage and totalValueMultiple answer value, formula and components "
                    + "(each a sum with its own page of events). Same asOf and recordedAt as the report; page from 0, "
                    + "size 1 to 10000 (default 100).")
    public ResponseEntity<SeedExplanations.Explained> explainPortfolio(@PathVariable String by,
            @RequestParam(required = false) String key, @RequestParam String figure,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
            @Parameter(description = RECORDED_AT)
            @RequestParam(required = false) Instant recordedAt, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "100") int size) {
        Dimension dimension = dimension(by);
        String row = key == null || key.isBlank() ? null : key.strip();
        figure(figure, SeedExplanations.portfolioFigures(dimension, row == null));
        paging(page, size);
        LocalDate date = calendar.asOf(asOf);
        Instant at = calendar.recordedAt(recordedAt);
        return consistent.answer(() -> explanations.explainPortfolio(dimension, row, figure, date, at, page, size));
    }

    @GetMapping("/target/explain")
    @Operation(summary = "The events behind a figure of the progress towards a scale target, paged",
            description = "targetDate names the target. committedFen and investedFen list the movements behind them, "
                    + "targetFen the event that recorded the target; progressBp, progress, investedProgressBp, "
                    + "investedProgress and reached answer value, formula and components (each a sum with its own "
                    + "page of events); due answers value and formula. Same asOf and recordedAt as the report.")
    public ResponseEntity<SeedExplanations.Explained> explainTarget(
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate targetDate,
            @RequestParam String figure,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
            @Parameter(description = RECORDED_AT)
            @RequestParam(required = false) Instant recordedAt, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "100") int size) {
        figure(figure, SeedExplanations.targetFigures());
        paging(page, size);
        LocalDate date = calendar.asOf(asOf);
        Instant at = calendar.recordedAt(recordedAt);
        return consistent.answer(() -> explanations.explainTarget(targetDate, figure, date, at, page, size));
    }

    @GetMapping("/investment-book/explain")
    @Operation(summary = "The events behind a sum of the investment book (or a row's figure), paged",
            description = "The same filters as the book (fund, instrument, status) and, optionally, investmentId for "
                    + "one row. figure: totalRows (one event per row: the investment's), amountFen (the investments "
                    + "not reversed), proceedsFen, cityProceedsFen, partnerProceedsFen (their exits), heldValueFen "
                    + "(the marking round or the investment at cost), followOnFen (each round's capital attributed to "
                    + "them). Over all pages the amounts add up to value, the book's sum (or the row's figure).")
    public ResponseEntity<SeedExplanations.Explanation> explainBook(@RequestParam String figure,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
            @Parameter(description = RECORDED_AT)
            @RequestParam(required = false) Instant recordedAt,
            @RequestParam(required = false) String fund, @RequestParam(required = false) String instrument,
            @RequestParam(required = false) String status, @RequestParam(required = false) String investmentId,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "100") int size) {
        figure(figure, SeedExplanations.bookFigures());
        paging(page, size);
        String wantedStatus = status(status);
        String wantedInstrument = instrument(instrument);
        String wantedFund = text(fund);
        String wantedInvestment = text(investmentId);
        LocalDate date = calendar.asOf(asOf);
        Instant at = calendar.recordedAt(recordedAt);
        return consistent.answer(() -> explanations.explainBook(figure, date, at, wantedFund, wantedInstrument,
                wantedStatus, wantedInvestment, page, size));
    }

    private static void figure(String figure, Set<String> known) {
        if (!known.contains(figure)) {
            throw RuleViolation.invalid("figure", "choice", "figure: '" + figure + "' is not one of "
                    + String.join(", ", known));
        }
    }

    private static void paging(int page, int size) {
        if (page < 0 || size < 1 || size > 10_000) {
            throw RuleViolation.invalid("size", "range", "page must be 0 or more and size 1 to 10000");
        }
    }

    private static Dimension dimension(String by) {
        try {
            return Dimension.valueOf(by.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw RuleViolation.invalid("by", "choice", "by: '" + by + "' is not one of fund, year");
        }
    }

    @GetMapping("/target")
    @Operation(summary = "Progress to the scale targets (3亿 by 2024-12-31 unless recorded otherwise)",
            description = "progress = committed capital of the local funds / target; investedProgress = money "
                    + "invested / target; reached when committed ≥ target; due once asOf is on or after the target date.")
    public ResponseEntity<TargetReport> target(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
            @Parameter(description = RECORDED_AT)
            @RequestParam(required = false) Instant recordedAt) {
        LocalDate date = calendar.asOf(asOf);
        Instant at = calendar.recordedAt(recordedAt);
        return consistent.answer(() -> reports.targets(date, at));
    }

    @GetMapping("/investment-book")
    @Operation(summary = "The investment book: one row per investment, paged, filterable by fund, instrument, status",
            description = "status = ACTIVE | EXITED | WRITTEN_OFF | REVERSED as of the date (and instant); a reversed "
                    + "investment is listed with its reversals (reason, event) and counts in no figure; sums cover every "
                    + "row of the filter that is not reversed.")
    public ResponseEntity<InvestmentBook> investmentBook(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
            @Parameter(description = RECORDED_AT)
            @RequestParam(required = false) Instant recordedAt,
            @RequestParam(required = false) String fund, @RequestParam(required = false) String instrument,
            @RequestParam(required = false) String status, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        String wantedStatus = status(status);
        String wantedInstrument = instrument(instrument);
        if (page < 0) {
            throw RuleViolation.invalid("page", "range", "page must be 0 or more");
        }
        if (size < 1 || size > 1000) {
            throw RuleViolation.invalid("size", "range", "size must be 1 to 1000");
        }
        String wantedFund = text(fund);
        LocalDate date = calendar.asOf(asOf);
        Instant at = calendar.recordedAt(recordedAt);
        return consistent.answer(() -> reports.investmentBook(date, at, wantedFund, wantedInstrument, wantedStatus,
                page, size));
    }

    private static String status(String status) {
        String wanted = upper(status);
        if (wanted != null && !STATUSES.contains(wanted)) {
            throw RuleViolation.invalid("status", "choice", "status: '" + status
                    + "' is not one of active, exited, written_off, reversed");
        }
        return wanted;
    }

    private static String instrument(String instrument) {
        String wanted = upper(instrument);
        if (wanted != null && !INSTRUMENTS.contains(wanted)) {
            throw RuleViolation.invalid("instrument", "choice", "instrument: '" + instrument
                    + "' is not one of equity, loan");
        }
        return wanted;
    }

    private static String text(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static String upper(String text) {
        return text == null || text.isBlank() ? null : text.strip().toUpperCase(Locale.ROOT);
    }
}
