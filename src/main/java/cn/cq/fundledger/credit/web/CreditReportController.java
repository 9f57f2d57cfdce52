package cn.cq.fundledger.credit.web;

import cn.cq.fundledger.core.RuleViolation;
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
        this.consistent = consistent;
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
        Dimension dimension;
        try {
            dimension = Dimension.valueOf(by.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw RuleViolation.invalid("by", "choice", "by: '" + by + "' is not one of year, district, bank");
        }
        return consistent.answer(() -> reports.portfolio(dimension, calendar.asOf(asOf), at));
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
