package cn.cq.fundledger.seedfund.web;

import static cn.cq.fundledger.system.web.PageFigures.percent;
import static cn.cq.fundledger.system.web.PageFigures.yi;

import cn.cq.fundledger.core.RuleViolation;
import cn.cq.fundledger.seedfund.query.SeedLedgerProjection;
import cn.cq.fundledger.seedfund.query.SeedReports;
import cn.cq.fundledger.seedfund.query.SeedReports.Dimension;
import cn.cq.fundledger.seedfund.query.SeedReports.InvestmentBook;
import cn.cq.fundledger.seedfund.query.SeedReports.InvestmentBookRow;
import cn.cq.fundledger.seedfund.query.SeedReports.Portfolio;
import cn.cq.fundledger.seedfund.query.SeedReports.PortfolioRow;
import cn.cq.fundledger.seedfund.query.SeedReports.TargetProgress;
import cn.cq.fundledger.seedfund.query.SeedViews.ReversalView;
import cn.cq.fundledger.system.web.BusinessCalendar;
import cn.cq.fundledger.system.web.Chart;
import cn.cq.fundledger.system.web.Consistent;
import cn.cq.fundledger.system.web.Page;
import cn.cq.fundledger.system.web.PageLinks;
import cn.cq.fundledger.system.web.PageMemo;
import cn.cq.fundledger.system.web.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The seed guidance fund's page ({@code /seed}): progress to the scale targets, the portfolio by local fund (with
 * each fund's partner and what the exits returned to the city and to the partner) and by year of investment, and
 * the investment book with the API's filters. Every figure is {@link SeedReports}' answer to the API's questions
 * ({@code /api/reports/seed/...}), with the API's parameters and checks.
 */
@Page
public class SeedPages {

    static final List<String> STATUSES = List.of("ACTIVE", "EXITED", "WRITTEN_OFF", "REVERSED");
    static final List<String> INSTRUMENTS = List.of("EQUITY", "LOAN");
    static final int BOOK_SIZE = 50;

    private final SeedReports reports;
    private final Consistent consistent;
    private final BusinessCalendar calendar;
    private final MessageSource messages;
    private final PageLinks links;
    private final PageMemo memo;

    public SeedPages(SeedReports reports, Consistent consistent, BusinessCalendar calendar, MessageSource messages,
                     PageLinks links, PageMemo memo) {
        this.reports = reports;
        this.consistent = consistent.reading(SeedLedgerProjection.PROCESSING_GROUP);
        this.calendar = calendar;
        this.messages = messages;
        this.links = links;
        this.memo = memo;
    }

    @GetMapping("/seed")
    public String seed(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
                       @RequestParam(required = false) Instant recordedAt,
                       @RequestParam(required = false) String fund, @RequestParam(required = false) String instrument,
                       @RequestParam(required = false) String status, @RequestParam(defaultValue = "0") int page,
                       @RequestParam(defaultValue = "" + BOOK_SIZE) int size, Model model) {
        String wantedStatus = choice("status", status, STATUSES, "active, exited, written_off, reversed");
        String wantedInstrument = choice("instrument", instrument, INSTRUMENTS, "equity, loan");
        if (page < 0) {
            throw RuleViolation.invalid("page", "range", "page must be 0 or more");
        }
        if (size < 1 || size > 1000) {
            throw RuleViolation.invalid("size", "range", "size must be 1 to 1000");
        }
        String wantedFund = fund == null || fund.isBlank() ? null : fund.strip();
        LocalDate date = calendar.asOf(asOf);
        Instant at = calendar.recordedAt(recordedAt);
        model.addAttribute("asOf", date);
        model.addAttribute("recordedAt", at);
        model.addAttribute("consistent", true);
        Portfolio byFund = read(model, () -> reports.portfolio(Dimension.FUND, date, at), "seed-portfolio",
                Dimension.FUND, date, at);
        Portfolio byYear = read(model, () -> reports.portfolio(Dimension.YEAR, date, at), "seed-portfolio",
                Dimension.YEAR, date, at);
        InvestmentBook book = read(model, () -> reports.investmentBook(date, at, wantedFund, wantedInstrument,
                wantedStatus, page, size), "seed-investment-book", date, at, wantedFund, wantedInstrument,
                wantedStatus, page, size);
        model.addAttribute("targets", targetTable(byFund.targets()));
        model.addAttribute("funds", fundTable(byFund));
        model.addAttribute("fundReturns", returnsTable("seed-fund-returns", "seed.fundReturns", "seed.col.fund",
                byFund, true));
        model.addAttribute("years", yearTable(byYear));
        model.addAttribute("yearReturns", returnsTable("seed-year-returns", "seed.yearReturns", "seed.col.year",
                byYear, false));
        model.addAttribute("fundChart", fundChart(byFund));
        model.addAttribute("yearChart", yearChart(byYear));
        model.addAttribute("followOnWithoutSeed", byFund.followOnWithoutSeedFen());
        model.addAttribute("book", book);
        model.addAttribute("investmentBook", bookTable(book));
        model.addAttribute("investmentBookSums", bookSums(book));
        model.addAttribute("pages", (book.totalRows() + size - 1) / size);
        model.addAttribute("fundChoices", byFund.rows());
        model.addAttribute("instruments", INSTRUMENTS);
        model.addAttribute("statuses", STATUSES);
        model.addAttribute("fund", wantedFund);
        model.addAttribute("instrument", wantedInstrument);
        model.addAttribute("status", wantedStatus);
        return "seed/seed";
    }

    private <T> T read(Model model, Supplier<T> read, Object... key) {
        return memo.read(model, consistent, read, key);
    }

    private Table targetTable(List<TargetProgress> targets) {
        Table table = new Table("seed-targets", "seed.targets", List.of("seed.col.targetDate", "seed.col.target",
                "seed.col.committed", "seed.col.progress", "seed.col.invested", "seed.col.investedProgress",
                "seed.col.reached", "seed.col.due"));
        for (TargetProgress t : targets) {
            table.row(t.targetDate(), new Table.Money(t.targetFen()), new Table.Money(t.committedFen()),
                    percent(t.progressBp()), new Table.Money(t.investedFen()), percent(t.investedProgressBp()),
                    text(t.reached() ? "programs.yes" : "programs.no"), text(t.due() ? "programs.yes" : "programs.no"));
        }
        return table;
    }

    /** Each local fund: its partner, the city's share, its scale and what it holds. */
    private Table fundTable(Portfolio byFund) {
        Table table = new Table("seed-funds", "seed.funds", List.of("seed.col.fund", "seed.col.name",
                "seed.col.partner", "seed.col.cityShare", "seed.col.committed", "seed.col.projects",
                "seed.col.investments", "seed.col.invested", "seed.col.activeInvestments", "seed.col.activeCost",
                "seed.col.heldValue", "seed.col.tvpi"));
        for (PortfolioRow r : byFund.rows()) {
            table.row(new Table.Link(r.key(), links.with("fund", r.key(), "page", 0) + "#investment-book"), r.name(),
                    r.partner(), r.cityShareBp() == null ? null : percent(r.cityShareBp()),
                    r.committedFen() == null ? null : new Table.Money(r.committedFen()), r.projects(),
                    r.investments(), new Table.Money(r.investedFen()), r.activeInvestments(),
                    new Table.Money(r.activeFen()), new Table.Money(r.heldValueFen()), r.totalValueMultiple());
        }
        PortfolioRow t = byFund.total();
        table.row(text("programs.total"), null, null, null, t.committedFen() == null ? null
                        : new Table.Money(t.committedFen()), t.projects(), t.investments(),
                new Table.Money(t.investedFen()), t.activeInvestments(), new Table.Money(t.activeFen()),
                new Table.Money(t.heldValueFen()), t.totalValueMultiple());
        return table;
    }

    /** Each vintage year: what was invested then and where it stands. */
    private Table yearTable(Portfolio byYear) {
        Table table = new Table("seed-years", "seed.years", List.of("seed.col.year", "seed.col.projects",
                "seed.col.investments", "seed.col.invested", "seed.col.activeInvestments", "seed.col.activeCost",
                "seed.col.heldValue", "seed.col.tvpi"));
        for (PortfolioRow r : byYear.rows()) {
            yearRow(table, r.key(), r);
        }
        yearRow(table, text("programs.total"), byYear.total());
        return table;
    }

    private static void yearRow(Table table, String key, PortfolioRow r) {
        table.row(key, r.projects(), r.investments(), new Table.Money(r.investedFen()), r.activeInvestments(),
                new Table.Money(r.activeFen()), new Table.Money(r.heldValueFen()), r.totalValueMultiple());
    }

    /** Exits, write-offs, what they returned to the city and to the partners, and the follow-on capital attracted. */
    private Table returnsTable(String id, String title, String keyColumn, Portfolio portfolio, boolean partner) {
        List<String> columns = new java.util.ArrayList<>(List.of(keyColumn));
        if (partner) {
            columns.add("seed.col.partner");
        }
        columns.addAll(List.of("seed.col.exited", "seed.col.exitedCost", "seed.col.writtenOff",
                "seed.col.writtenOffCost", "seed.col.proceeds", "seed.col.cityProceeds", "seed.col.partnerProceeds",
                "seed.col.realisedMultiple", "seed.col.followOn", "seed.col.followOnLeverage"));
        Table table = new Table(id, title, columns);
        for (PortfolioRow r : portfolio.rows()) {
            returnsRow(table, r.key(), partner ? r.partner() : null, partner, r);
        }
        returnsRow(table, text("programs.total"), null, partner, portfolio.total());
        return table;
    }

    private static void returnsRow(Table table, String key, String partnerName, boolean partner, PortfolioRow r) {
        List<Object> cells = new java.util.ArrayList<>();
        cells.add(key);
        if (partner) {
            cells.add(partnerName);
        }
        cells.addAll(java.util.Arrays.asList(r.exitedInvestments(), new Table.Money(r.exitedCostFen()),
                r.writtenOffInvestments(), new Table.Money(r.writtenOffFen()), new Table.Money(r.proceedsFen()),
                new Table.Money(r.cityProceedsFen()), new Table.Money(r.partnerProceedsFen()), r.realisedMultiple(),
                new Table.Money(r.followOnFen()), r.followOnLeverage()));
        table.row(cells.toArray());
    }

    private static Chart fundChart(Portfolio byFund) {
        List<PortfolioRow> rows = byFund.rows();
        return Chart.bars(rows.stream().map(r -> r.partner() == null ? r.key() : r.partner()).toList(), "unit.yi")
                .series("seed.col.committed", rows.stream().map(r -> yi(r.committedFen() == null ? 0
                        : r.committedFen())).toList())
                .series("seed.col.invested", rows.stream().map(r -> yi(r.investedFen())).toList())
                .series("seed.col.proceeds", rows.stream().map(r -> yi(r.proceedsFen())).toList());
    }

    private static Chart yearChart(Portfolio byYear) {
        List<PortfolioRow> rows = byYear.rows();
        return Chart.bars(rows.stream().map(PortfolioRow::key).toList(), "unit.yi")
                .series("seed.col.invested", rows.stream().map(r -> yi(r.investedFen())).toList())
                .series("seed.col.heldValue", rows.stream().map(r -> yi(r.heldValueFen())).toList())
                .series("seed.col.followOn", rows.stream().map(r -> yi(r.followOnFen())).toList());
    }

    private Table bookTable(InvestmentBook book) {
        Table table = new Table("investment-book", "seed.book", List.of("seed.col.investment", "seed.col.fund",
                "seed.col.project", "seed.col.enterprise", "seed.col.instrument", "seed.col.investedOn",
                "seed.col.amount", "seed.col.equity", "seed.col.status", "seed.col.exit", "seed.col.proceeds",
                "seed.col.heldValue", "seed.col.followOn", "seed.col.corrections"));
        for (InvestmentBookRow r : book.rows()) {
            table.row(r.investmentId(), r.fundId(), r.projectId(), r.enterpriseName(),
                    text("seed.instrument." + r.instrument(), r.instrument()), r.investedOn(),
                    new Table.Money(r.amountFen()), r.equityBp() == null ? null : percent(r.equityBp()),
                    text("seed.status." + r.status(), r.status()),
                    r.exitedOn() == null ? null : r.exitedOn() + " " + text("seed.route." + r.route(), r.route()),
                    new Table.Money(r.proceedsFen()), new Table.Money(r.heldValueFen()),
                    new Table.Money(r.followOnFen()), corrections(r.reversals()));
        }
        return table;
    }

    /** The reversals of an investment and of its exit, each with its reason. */
    private String corrections(List<ReversalView> reversals) {
        return reversals == null || reversals.isEmpty() ? null : reversals.stream()
                .map(r -> text("seed.fact." + r.kind(), r.kind()) + " " + r.factId() + ": " + r.reason())
                .collect(Collectors.joining("; "));
    }

    /** The book's sums over every row of the filter that is not reversed, as the API gives them. */
    private static Table bookSums(InvestmentBook book) {
        InvestmentBookRow s = book.sums();
        return new Table("investment-book-sums", "seed.book.sums", List.of("seed.col.rows", "seed.col.amount",
                "seed.col.proceeds", "seed.col.cityProceeds", "seed.col.partnerProceeds", "seed.col.heldValue",
                "seed.col.followOn"))
                .row(book.totalRows(), new Table.Money(s.amountFen()), new Table.Money(s.proceedsFen()),
                        new Table.Money(s.cityProceedsFen()), new Table.Money(s.partnerProceedsFen()),
                        new Table.Money(s.heldValueFen()), new Table.Money(s.followOnFen()));
    }

    private String text(String key) {
        return messages.getMessage(key, null, LocaleContextHolder.getLocale());
    }

    private String text(String key, String otherwise) {
        return messages.getMessage(key, null, otherwise, LocaleContextHolder.getLocale());
    }

    private static String choice(String field, String value, List<String> known, String words) {
        String wanted = value == null || value.isBlank() ? null : value.strip().toUpperCase(Locale.ROOT);
        if (wanted != null && !known.contains(wanted)) {
            throw RuleViolation.invalid(field, "choice", field + ": '" + value + "' is not one of " + words);
        }
        return wanted;
    }
}
