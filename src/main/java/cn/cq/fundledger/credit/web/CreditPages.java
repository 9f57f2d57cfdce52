package cn.cq.fundledger.credit.web;

import static cn.cq.fundledger.system.web.PageFigures.percent;
import static cn.cq.fundledger.system.web.PageFigures.wan;
import static cn.cq.fundledger.system.web.PageFigures.yi;

import cn.cq.fundledger.core.RuleViolation;
import cn.cq.fundledger.credit.query.CreditLedgerProjection;
import cn.cq.fundledger.credit.query.CreditQueries;
import cn.cq.fundledger.credit.query.CreditReports;
import cn.cq.fundledger.credit.query.CreditReports.Dimension;
import cn.cq.fundledger.credit.query.CreditReports.LoanBook;
import cn.cq.fundledger.credit.query.CreditReports.LoanBookRow;
import cn.cq.fundledger.credit.query.CreditReports.PoolReport;
import cn.cq.fundledger.credit.query.CreditReports.PoolRow;
import cn.cq.fundledger.credit.query.CreditReports.Portfolio;
import cn.cq.fundledger.credit.query.CreditReports.PortfolioRow;
import cn.cq.fundledger.credit.query.CreditViews.BankView;
import cn.cq.fundledger.credit.query.CreditViews.ClaimView;
import cn.cq.fundledger.credit.query.CreditViews.CorrectionView;
import cn.cq.fundledger.credit.query.CreditViews.LoanView;
import cn.cq.fundledger.credit.query.CreditViews.MovementView;
import cn.cq.fundledger.credit.query.CreditViews.PoolView;
import cn.cq.fundledger.system.web.BusinessCalendar;
import cn.cq.fundledger.system.web.Chart;
import cn.cq.fundledger.system.web.Consistent;
import cn.cq.fundledger.system.web.Page;
import cn.cq.fundledger.system.web.PageLinks;
import cn.cq.fundledger.system.web.PageMemo;
import cn.cq.fundledger.system.web.Table;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriUtils;

/**
 * The credit program's pages: the portfolio by year, district and bank with the loan book ({@code /credit}), one
 * loan with its history ({@code /credit/loans/{loanId}}) and the district risk pools ({@code /credit/pools}). Every
 * figure is read from the services the API answers with ({@link CreditReports}, {@link CreditQueries}), with the
 * API's parameters and checks; the pages only lay the figures out.
 */
@Page
public class CreditPages {

    /** The loan book's statuses, as the API filters them. */
    static final List<String> STATUSES = List.of("ACTIVE", "CLOSED", "DEFAULTED");
    /** How many year-ends the pools' balance chart shows, at most. */
    static final int BALANCE_YEARS = 10;
    static final int BOOK_SIZE = 50;

    private final CreditReports reports;
    private final CreditQueries queries;
    private final Consistent consistent;
    private final BusinessCalendar calendar;
    private final MessageSource messages;
    private final PageLinks links;
    private final PageMemo memo;

    public CreditPages(CreditReports reports, CreditQueries queries, Consistent consistent, BusinessCalendar calendar,
                       MessageSource messages, PageLinks links, PageMemo memo) {
        this.reports = reports;
        this.queries = queries;
        this.consistent = consistent.reading(CreditLedgerProjection.PROCESSING_GROUP);
        this.calendar = calendar;
        this.messages = messages;
        this.links = links;
        this.memo = memo;
    }

    /** What {@code /credit} reads. */
    record Portfolios(Portfolio byYear, Portfolio byDistrict, Portfolio byBank, List<BankView> banks, LoanBook book) {
    }

    @GetMapping("/credit")
    public String credit(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
                         @RequestParam(required = false) Instant recordedAt,
                         @RequestParam(required = false) String bank, @RequestParam(required = false) String district,
                         @RequestParam(required = false) String status, @RequestParam(defaultValue = "0") int page,
                         @RequestParam(defaultValue = "" + BOOK_SIZE) int size, Model model) {
        LocalDate date = calendar.asOf(asOf);
        Instant at = calendar.recordedAt(recordedAt);
        String wantedStatus = status(status);
        if (page < 0) {
            throw RuleViolation.invalid("page", "range", "page must be 0 or more");
        }
        if (size < 1 || size > 1000) {
            throw RuleViolation.invalid("size", "range", "size must be 1 to 1000");
        }
        String wantedBank = blankToNull(bank);
        String wantedDistrict = blankToNull(district);
        dates(model, date, at);
        Portfolios read = new Portfolios(portfolio(model, Dimension.YEAR, date, at),
                portfolio(model, Dimension.DISTRICT, date, at), portfolio(model, Dimension.BANK, date, at),
                read(model, queries::banks, "credit-banks"),
                read(model, () -> reports.loanBook(date, at, wantedBank, wantedDistrict, wantedStatus, page, size),
                        "credit-loan-book", date, at, wantedBank, wantedDistrict, wantedStatus, page, size));
        Map<String, String> bankNames = new LinkedHashMap<>();
        read.banks().forEach(b -> bankNames.put(b.bankId(), b.name()));
        model.addAttribute("byYear", portfolioTable("portfolio-year", "credit.portfolio.byYear",
                "credit.col.year", read.byYear(), key -> key));
        model.addAttribute("byDistrict", portfolioTable("portfolio-district", "credit.portfolio.byDistrict",
                "credit.col.district", read.byDistrict(),
                key -> new Table.Link(key, links.with("district", key, "page", 0) + "#loan-book")));
        model.addAttribute("byBank", portfolioTable("portfolio-bank", "credit.portfolio.byBank", "credit.col.bank",
                read.byBank(), key -> new Table.Link(bankLabel(key, bankNames), links.with("bank", key, "page", 0)
                        + "#loan-book")));
        model.addAttribute("yearChart", yearChart(read.byYear()));
        model.addAttribute("districtChart", issuedChart(read.byDistrict()));
        model.addAttribute("bankChart", bankChart(read.byBank(), bankNames));
        LoanBook book = read.book();
        model.addAttribute("book", book);
        model.addAttribute("loanBook", loanBookTable(book, date));
        model.addAttribute("loanBookSums", loanBookSums(book));
        model.addAttribute("pages", (book.totalRows() + size - 1) / size);
        model.addAttribute("banks", read.banks());
        model.addAttribute("districts", read.byDistrict().rows().stream().map(PortfolioRow::key).toList());
        model.addAttribute("statuses", STATUSES);
        model.addAttribute("bank", wantedBank);
        model.addAttribute("district", wantedDistrict);
        model.addAttribute("status", wantedStatus);
        model.addAttribute("size", size);
        return "credit/portfolio";
    }

    @GetMapping("/credit/loans/{loanId}")
    public String loan(@PathVariable String loanId,
                       @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
                       Model model) {
        LocalDate date = calendar.asOf(asOf);
        dates(model, date, null);
        LoanView loan = read(model, () -> queries.loan(loanId, date).orElseThrow(() ->
                RuleViolation.notFound("loanId", "unknown-loan", "loan " + loanId + " is not recorded")),
                "credit-loan", loanId, date);
        model.addAttribute("loan", loan);
        model.addAttribute("loanStatus", text("credit.status." + loan.status(), loan.status()));
        model.addAttribute("annualRate", percent(loan.annualRateBp()));
        model.addAttribute("fundShare", percent(loan.fundShareBp()));
        model.addAttribute("figures", List.of(
                new Figure("credit.col.outstanding", loan.outstandingFen(), "loan-outstanding"),
                new Figure("credit.col.defaulted", loan.defaultedFen(), "loan-defaulted"),
                new Figure("credit.col.compensated", loan.compensatedFen(), "loan-compensated"),
                new Figure("credit.col.compensationWaiting", loan.waitingCompensationFen(), "loan-waiting"),
                new Figure("credit.col.recovered", loan.recoveredFen(), "loan-recovered"),
                new Figure("credit.col.poolRecovered", loan.poolRecoveredFen(), "loan-pool-recovered"),
                new Figure("credit.col.interest", loan.interestPaidFen(), "loan-interest")));
        model.addAttribute("history", history(loan.movements()));
        model.addAttribute("corrections", corrections(loan.corrections()));
        return "credit/loan";
    }

    /** An amount of a loan's page: its label (a message key), the fen, the element's id. */
    public record Figure(String label, long fen, String id) {
    }

    /** What {@code /credit/pools} reads. */
    record Pools(PoolReport report, Portfolio byBank, List<BankView> banks, Map<LocalDate, Map<String, Long>> balances,
                 Map<String, List<ClaimView>> waiting) {
    }

    @GetMapping("/credit/pools")
    public String pools(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
                        @RequestParam(required = false) Instant recordedAt, Model model) {
        LocalDate date = calendar.asOf(asOf);
        Instant at = calendar.recordedAt(recordedAt);
        dates(model, date, at);
        PoolReport report = read(model, () -> reports.pools(date, at), "credit-pools", date, at);
        Pools read = new Pools(report, portfolio(model, Dimension.BANK, date, at), read(model, queries::banks,
                "credit-banks"), read(model, () -> balances(report, date, at), "credit-pool-balances", date, at),
                read(model, () -> waiting(report, date), "credit-waiting-claims", date, at));
        model.addAttribute("pools", poolTable(read.report()));
        model.addAttribute("flowChart", flowChart(read.report()));
        model.addAttribute("balanceChart", balanceChart(read.balances()));
        model.addAttribute("waiting", waitingTable(read.waiting(), date));
        model.addAttribute("banks", bankTable(read.byBank(), read.banks()));
        return "credit/pools";
    }

    // ---- /credit ----

    private Table portfolioTable(String id, String title, String keyColumn, Portfolio portfolio,
                                 Function<String, Object> key) {
        Table table = new Table(id, title, List.of(keyColumn, "credit.col.loans", "credit.col.enterprises",
                "credit.col.issued", "credit.col.outstanding", "credit.col.defaulted", "credit.col.compensated",
                "credit.col.recovered", "credit.col.lossRate"));
        for (PortfolioRow row : portfolio.rows()) {
            portfolioRow(table, key.apply(row.key()), row);
        }
        portfolioRow(table, text("programs.total"), portfolio.total());
        return table;
    }

    private static void portfolioRow(Table table, Object key, PortfolioRow row) {
        table.row(key, row.loans(), row.enterprises(), new Table.Money(row.issuedFen()),
                new Table.Money(row.outstandingFen()), new Table.Money(row.defaultedFen()),
                new Table.Money(row.compensatedFen()), new Table.Money(row.recoveredFen()),
                percent(row.lossRateBp()));
    }

    private static Chart yearChart(Portfolio byYear) {
        Chart chart = Chart.bars(byYear.rows().stream().map(PortfolioRow::key).toList(), "unit.yi");
        chart.series("credit.col.issued", byYear.rows().stream().map(r -> yi(r.issuedFen())).toList());
        chart.series("credit.col.outstanding", byYear.rows().stream().map(r -> yi(r.outstandingFen())).toList());
        chart.series("credit.col.defaulted", byYear.rows().stream().map(r -> yi(r.defaultedFen())).toList());
        return chart;
    }

    private static Chart issuedChart(Portfolio portfolio) {
        Chart chart = Chart.bars(portfolio.rows().stream().map(PortfolioRow::key).toList(), "unit.yi");
        chart.series("credit.col.issued", portfolio.rows().stream().map(r -> yi(r.issuedFen())).toList());
        chart.series("credit.col.outstanding", portfolio.rows().stream().map(r -> yi(r.outstandingFen())).toList());
        return chart;
    }

    private static Chart bankChart(Portfolio byBank, Map<String, String> names) {
        Chart chart = Chart.pie(byBank.rows().stream().map(r -> names.getOrDefault(r.key(), r.key())).toList(),
                "unit.yi");
        chart.series("credit.col.issued", byBank.rows().stream().map(r -> yi(r.issuedFen())).toList());
        return chart;
    }

    private Table loanBookTable(LoanBook book, LocalDate asOf) {
        Table table = new Table("loan-book", "credit.loanBook", List.of("credit.col.loan", "credit.col.bank",
                "credit.col.enterprise", "credit.col.district", "credit.col.issuedOn", "credit.col.principal",
                "credit.col.fundShare", "credit.col.status", "credit.col.outstanding", "credit.col.defaulted",
                "credit.col.compensationPaid", "credit.col.compensationWaiting", "credit.col.recovered"));
        for (LoanBookRow row : book.rows()) {
            table.row(new Table.Link(row.loanId(), loanHref(row.loanId(), asOf)), row.bankId(), row.enterpriseId(),
                    row.district(), row.issuedOn(), new Table.Money(row.principalFen()),
                    percent(row.fundShareBp()), text("credit.status." + row.status()),
                    new Table.Money(row.outstandingFen()), new Table.Money(row.defaultedFen()),
                    new Table.Money(row.compensationPaidFen()), new Table.Money(row.compensationWaitingFen()),
                    new Table.Money(row.recoveredFen()));
        }
        return table;
    }

    /** The book's sums over every row of the filter (not only the page shown), as the API gives them. */
    private static Table loanBookSums(LoanBook book) {
        LoanBookRow sums = book.sums();
        return new Table("loan-book-sums", "credit.loanBook.sums", List.of("credit.col.loans", "credit.col.principal",
                "credit.col.outstanding", "credit.col.defaulted", "credit.col.compensationPaid",
                "credit.col.compensationWaiting", "credit.col.recovered", "credit.col.poolRecovered"))
                .row(book.totalRows(), new Table.Money(sums.principalFen()), new Table.Money(sums.outstandingFen()),
                        new Table.Money(sums.defaultedFen()), new Table.Money(sums.compensationPaidFen()),
                        new Table.Money(sums.compensationWaitingFen()), new Table.Money(sums.recoveredFen()),
                        new Table.Money(sums.poolRecoveredFen()));
    }

    // ---- /credit/loans/{loanId} ----

    private Table history(List<MovementView> movements) {
        Table table = new Table("loan-history", "credit.loan.history", List.of("credit.col.position",
                "credit.col.businessDate", "credit.col.kind", "credit.col.fact", "credit.col.issued",
                "credit.col.outstanding", "credit.col.defaulted", "credit.col.compensated",
                "credit.col.compensationWaiting", "credit.col.recovered", "credit.col.poolRecovered",
                "credit.col.interest"));
        for (MovementView m : movements) {
            table.row(m.position(), m.businessDate(), text("credit.kind." + m.kind(), m.kind()), m.factId(),
                    new Table.Money(m.issuedFen()), new Table.Money(m.outstandingFen()),
                    new Table.Money(m.defaultedFen()), new Table.Money(m.compensatedFen()),
                    new Table.Money(m.waitingFen()), new Table.Money(m.recoveredFen()),
                    new Table.Money(m.poolRecoveredFen()), new Table.Money(m.interestFen()));
        }
        return table;
    }

    private Table corrections(List<CorrectionView> corrections) {
        Table table = new Table("loan-corrections", "credit.loan.corrections", List.of("credit.col.position",
                "credit.col.businessDate", "credit.col.kind", "credit.col.fact", "credit.col.reason",
                "credit.col.replacedBy", "credit.col.recordedBy", "credit.col.recordedAt"));
        for (CorrectionView c : corrections) {
            table.row(c.position(), c.businessDate(), text("credit.kind." + c.kind(), c.kind()), c.factId(),
                    c.reason(), c.replacedBy(), c.recordedBy(), c.recordedAt());
        }
        return table;
    }

    // ---- /credit/pools ----

    private Table poolTable(PoolReport report) {
        Table table = new Table("pools", "pools.table", List.of("credit.col.district", "pools.col.byCity",
                "pools.col.byDistrict", "pools.col.contributed", "pools.col.compensated", "pools.col.recovered",
                "pools.col.balance", "pools.col.waiting", "pools.col.exposure", "pools.col.coverage"));
        for (PoolRow row : report.pools()) {
            poolRow(table, row.district(), row);
        }
        poolRow(table, text("programs.total"), report.total());
        return table;
    }

    private static void poolRow(Table table, String district, PoolRow row) {
        table.row(district, new Table.Money(row.contributedByCityFen()),
                new Table.Money(row.contributedByDistrictFen()), new Table.Money(row.contributedFen()),
                new Table.Money(row.compensatedFen()), new Table.Money(row.recoveredFen()),
                new Table.Money(row.balanceFen()),
                new Table.Money(row.waitingClaimsFen()), new Table.Money(row.exposureFen()),
                percent(row.coverage()));
    }

    /** Contributions by source, compensation paid and recoveries, district by district. */
    private static Chart flowChart(PoolReport report) {
        List<PoolRow> rows = report.pools();
        return Chart.bars(rows.stream().map(PoolRow::district).toList(), "pools.unit.wan")
                .series("pools.col.byCity", rows.stream().map(r -> wan(r.contributedByCityFen())).toList())
                .series("pools.col.byDistrict", rows.stream().map(r -> wan(r.contributedByDistrictFen())).toList())
                .series("pools.col.compensated", rows.stream().map(r -> wan(r.compensatedFen())).toList())
                .series("pools.col.recovered", rows.stream().map(r -> wan(r.recoveredFen())).toList());
    }

    /**
     * Each district pool's balance at the year-ends before the date and on the date itself, as the API reports a
     * pool's balance then: {@code /api/credit/pools?asOf=} for the year-ends, and, for a view as recorded at an
     * instant, {@code /api/reports/credit/pools?asOf=&recordedAt=} (which alone takes the instant). The last point is
     * the report shown in the table. Years before the first contribution are left out.
     */
    private Map<LocalDate, Map<String, Long>> balances(PoolReport report, LocalDate asOf, Instant recordedAt) {
        Map<LocalDate, Map<String, Long>> balances = new TreeMap<>();
        for (int year = asOf.getYear() - BALANCE_YEARS + 1; year < asOf.getYear(); year++) {
            LocalDate yearEnd = LocalDate.of(year, 12, 31);
            Map<String, Long> byDistrict = new LinkedHashMap<>();
            if (recordedAt == null) {
                for (PoolView pool : queries.pools(yearEnd)) {
                    byDistrict.put(pool.district(), pool.balanceFen());
                }
            } else {
                for (PoolRow pool : reports.pools(yearEnd, recordedAt).pools()) {
                    byDistrict.put(pool.district(), pool.balanceFen());
                }
            }
            if (!byDistrict.isEmpty() || !balances.isEmpty()) {
                balances.put(yearEnd, byDistrict);
            }
        }
        Map<String, Long> now = new LinkedHashMap<>();
        report.pools().forEach(p -> now.put(p.district(), p.balanceFen()));
        balances.put(asOf, now);
        return balances;
    }

    private static Chart balanceChart(Map<LocalDate, Map<String, Long>> balances) {
        List<String> categories = new ArrayList<>();
        balances.keySet().forEach(d -> categories.add(d.getMonthValue() == 12 && d.getDayOfMonth() == 31
                ? Integer.toString(d.getYear()) : d.toString()));
        Set<String> districts = new java.util.TreeSet<>();
        balances.values().forEach(b -> districts.addAll(b.keySet()));
        Chart chart = Chart.lines(categories, "pools.unit.wan");
        for (String district : districts) {
            chart.series(district, balances.values().stream().map(b -> wan(b.getOrDefault(district, 0L))).toList());
        }
        return chart;
    }

    /**
     * The claims waiting in each district's queue, oldest first (the order the pool pays them): the API's
     * {@code /api/credit/pools/{district}/claims} of the districts whose pool has claims waiting, less those paid or
     * reversed.
     */
    private Map<String, List<ClaimView>> waiting(PoolReport report, LocalDate asOf) {
        Map<String, List<ClaimView>> waiting = new LinkedHashMap<>();
        for (PoolRow pool : report.pools()) {
            if (pool.waitingClaimsFen() != 0) {
                waiting.put(pool.district(), queries.claims(pool.district(), asOf).stream()
                        .filter(c -> c.paidOn() == null && c.reversal() == null).toList());
            }
        }
        return waiting;
    }

    private static Table waitingTable(Map<String, List<ClaimView>> waiting, LocalDate asOf) {
        Table table = new Table("waiting-claims", "pools.waiting", List.of("credit.col.district", "pools.col.queue",
                "pools.col.claim", "credit.col.loan", "credit.col.bank", "pools.col.claimedOn",
                "pools.col.unrecovered", "credit.col.fundShare", "pools.col.poolShare", "pools.col.bankShare"));
        waiting.forEach((district, claims) -> {
            long place = 0;
            for (ClaimView c : claims) {
                table.row(district, ++place, c.claimId(), new Table.Link(c.loanId(), loanHref(c.loanId(), asOf)),
                        c.bankId(), c.claimedOn(), new Table.Money(c.unrecoveredFen()), percent(c.fundShareBp()),
                        new Table.Money(c.poolShareFen()), new Table.Money(c.bankShareFen()));
            }
        });
        return table;
    }

    /** Each bank's loss rate as of the date (the portfolio by bank) beside its fuse state (the latest decision). */
    private Table bankTable(Portfolio byBank, List<BankView> banks) {
        Map<String, PortfolioRow> rows = new LinkedHashMap<>();
        byBank.rows().forEach(r -> rows.put(r.key(), r));
        Table table = new Table("banks", "pools.banks", List.of("credit.col.bank", "pools.col.bankName",
                "credit.col.loans", "credit.col.issued", "credit.col.defaulted", "credit.col.lossRate",
                "pools.col.fuse", "pools.col.since", "pools.col.decisionLossRate"));
        for (BankView bank : banks) {
            PortfolioRow row = rows.get(bank.bankId());
            table.row(bank.bankId(), bank.name(), row == null ? 0L : row.loans(),
                    new Table.Money(row == null ? 0 : row.issuedFen()),
                    new Table.Money(row == null ? 0 : row.defaultedFen()),
                    percent(row == null ? 0 : row.lossRateBp()), text("pools.fuse." + bank.fuseStatus(),
                            bank.fuseStatus()), bank.since(),
                    bank.lossRateBp() == null ? null : percent(bank.lossRateBp()));
        }
        return table;
    }

    // ---- shared ----

    private static void dates(Model model, LocalDate asOf, Instant recordedAt) {
        model.addAttribute("asOf", asOf);
        model.addAttribute("recordedAt", recordedAt);
        model.addAttribute("consistent", true);
    }

    /** A read of the API's services, kept while no event is stored ({@link PageMemo}). */
    private <T> T read(Model model, Supplier<T> read, Object... key) {
        return memo.read(model, consistent, read, key);
    }

    private Portfolio portfolio(Model model, Dimension by, LocalDate asOf, Instant recordedAt) {
        return read(model, () -> reports.portfolio(by, asOf, recordedAt), "credit-portfolio", by, asOf, recordedAt);
    }

    static String loanHref(String loanId, LocalDate asOf) {
        return "/credit/loans/" + UriUtils.encodePathSegment(loanId, StandardCharsets.UTF_8) + "?asOf=" + asOf;
    }

    private static String bankLabel(String bankId, Map<String, String> names) {
        String name = names.get(bankId);
        return name == null ? bankId : bankId + " " + name;
    }

    private String text(String key) {
        return messages.getMessage(key, null, LocaleContextHolder.getLocale());
    }

    private String text(String key, String otherwise) {
        return messages.getMessage(key, null, otherwise, LocaleContextHolder.getLocale());
    }

    private static String status(String status) {
        String wanted = status == null || status.isBlank() ? null : status.strip().toUpperCase(Locale.ROOT);
        if (wanted != null && !STATUSES.contains(wanted)) {
            throw RuleViolation.invalid("status", "choice", "status: '" + status
                    + "' is not one of active, closed, defaulted");
        }
        return wanted;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
