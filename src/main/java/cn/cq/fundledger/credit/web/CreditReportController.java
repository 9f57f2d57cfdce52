package cn.cq.fundledger.credit.web;

import cn.cq.fundledger.core.RuleViolation;
import cn.cq.fundledger.credit.query.CreditLedgerProjection;
import cn.cq.fundledger.credit.query.CreditReports;
import cn.cq.fundledger.credit.query.CreditReports.Dimension;
import cn.cq.fundledger.credit.query.CreditReports.LoanBook;
import cn.cq.fundledger.credit.query.CreditReports.PoolReport;
import cn.cq.fundledger.credit.query.CreditReports.Portfolio;
import cn.cq.fundledger.system.web.BusinessCalendar;
import cn.cq.fundledger.system.web.Consistent;
import io.swagger.v3.oas.annotations.Operation;
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

/** Portfolio reports of the credit program for finance staff (FINANCE, AUDITOR, ADMIN), each as of a date. */
@RestController
@RequestMapping("/api/reports/credit")
@Tag(name = "Credit reports", description = "Portfolio breakdowns, district pools and the loan book, as of a date")
public class CreditReportController {

    private static final Set<String> STATUSES = Set.of("ACTIVE", "CLOSED", "DEFAULTED");

    private final CreditReports reports;
    private final Consistent consistent;
    private final BusinessCalendar calendar;

    public CreditReportController(CreditReports reports, Consistent consistent, BusinessCalendar calendar) {
        this.reports = reports;
        this.consistent = consistent.reading(CreditLedgerProjection.PROCESSING_GROUP);
        this.calendar = calendar;
    }

    @GetMapping("/portfolio/{by}")
    @Operation(summary = "The loan portfolio by year of issue, district or bank",
            description = "by = year | district | bank. Per row: loans, distinct enterprises, issued, outstanding, "
                    + "defaulted, compensated, recovered (fen) and loss rate = defaulted / issued. The rows' fen figures "
                    + "and loan counts add up to the total, which equals /api/totals; enterprises are distinct within "
                    + "a row, so an enterprise borrowing from two banks counts once in each bank's row.")
    public ResponseEntity<Portfolio> portfolio(@PathVariable String by,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
            @RequestParam(required = false) Instant recordedAt) {
        Instant at = calendar.recordedAt(recordedAt);
        Dimension dimension = dimension(by);
        return consistent.answer(() -> reports.portfolio(dimension, calendar.asOf(asOf), at));
    }

    @GetMapping("/portfolio/{by}/explain")
    @Operation(summary = "The events behind one figure of one row of a portfolio breakdown, paged",
            description = "key is the row (a year, a district, a bank id); figure one of loans, issuedFen, "
                    + "outstandingFen, defaultedFen, compensatedFen, recoveredFen. The events' amounts add up to "
                    + "the row's figure.")
    public ResponseEntity<CreditReports.Explanation> explainPortfolio(@PathVariable String by,
            @RequestParam String key, @RequestParam String figure,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
            @RequestParam(required = false) Instant recordedAt, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "100") int size) {
        Dimension dimension = dimension(by);
        figure(figure, CreditReports.portfolioFigures());
        paging(page, size);
        Instant at = calendar.recordedAt(recordedAt);
        return consistent.answer(() -> reports.explainPortfolio(dimension, key, figure, calendar.asOf(asOf), at, page,
                size));
    }

    @GetMapping("/pools/{district}/explain")
    @Operation(summary = "The events behind one figure of one district pool, paged",
            description = "figure one of contributedByCityFen, contributedByDistrictFen, contributedFen, "
                    + "compensatedFen, recoveredFen, balanceFen, waitingClaimsFen.")
    public ResponseEntity<CreditReports.Explanation> explainPool(@PathVariable String district,
            @RequestParam String figure,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
            @RequestParam(required = false) Instant recordedAt, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "100") int size) {
        figure(figure, CreditReports.poolFigures());
        paging(page, size);
        Instant at = calendar.recordedAt(recordedAt);
        return consistent.answer(() -> reports.explainPool(district, figure, calendar.asOf(asOf), at, page, size));
    }

    private static void figure(String figure, java.util.Set<String> known) {
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
            throw RuleViolation.invalid("by", "choice", "by: '" + by + "' is not one of year, district, bank");
        }
    }

    @GetMapping("/pools")
    @Operation(summary = "Every district risk pool",
            description = "Contributions by source (city, district), compensation paid, the pool's recoveries, "
                    + "balance, waiting claims, exposure (each live loan's fund share of its outstanding principal) "
                    + "and coverage = balance / exposure.")
    public ResponseEntity<PoolReport> pools(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
            @RequestParam(required = false) Instant recordedAt) {
        Instant at = calendar.recordedAt(recordedAt);
        return consistent.answer(() -> reports.pools(calendar.asOf(asOf), at));
    }

    @GetMapping("/loan-book")
    @Operation(summary = "The loan book: one row per loan, paged, filterable by bank, district and status",
            description = "status = ACTIVE | CLOSED | DEFAULTED as of the date; sums cover every row of the filter.")
    public ResponseEntity<LoanBook> loanBook(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
            @RequestParam(required = false) String bank, @RequestParam(required = false) String district,
            @RequestParam(required = false) String status, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size, @RequestParam(required = false) Instant recordedAt) {
        Instant at = calendar.recordedAt(recordedAt);
        String wanted = status == null || status.isBlank() ? null : status.strip().toUpperCase(Locale.ROOT);
        if (wanted != null && !STATUSES.contains(wanted)) {
            throw RuleViolation.invalid("status", "choice", "status: '" + status + "' is not one of active, closed, defaulted");
        }
        if (page < 0) {
            throw RuleViolation.invalid("page", "range", "page must be 0 or more");
        }
        if (size < 1 || size > 1000) {
            throw RuleViolation.invalid("size", "range", "size must be 1 to 1000");
        }
        return consistent.answer(() -> reports.loanBook(calendar.asOf(asOf), at, blankToNull(bank),
                blankToNull(district), wanted, page, size));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
