package cn.cq.fundledger.equityfund.web;

import static cn.cq.fundledger.system.web.PageFigures.percent;
import static cn.cq.fundledger.system.web.PageFigures.yi;

import cn.cq.fundledger.core.RuleViolation;
import cn.cq.fundledger.equityfund.query.DealValue;
import cn.cq.fundledger.equityfund.query.EquityLedgerProjection;
import cn.cq.fundledger.equityfund.query.EquityQueries;
import cn.cq.fundledger.equityfund.query.EquityReports;
import cn.cq.fundledger.equityfund.query.EquityReports.DealBook;
import cn.cq.fundledger.equityfund.query.EquityReports.FundRow;
import cn.cq.fundledger.equityfund.query.EquityReports.FundsReport;
import cn.cq.fundledger.equityfund.query.EquityReports.FundsTotal;
import cn.cq.fundledger.equityfund.query.EquityReports.PartnerRow;
import cn.cq.fundledger.equityfund.query.EquityViews.FundView;
import cn.cq.fundledger.equityfund.query.EquityViews.ReversedDealView;
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
import java.util.function.Supplier;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The equity fund's page ({@code /equity}): every fund with its capital, NAV, DPI and TVPI, each fund's partners,
 * and the deal book (of one fund or all). Every figure is {@link EquityReports}' answer to the API's questions
 * ({@code /api/reports/equity/funds}, {@code /api/reports/equity/deals}); DPI and TVPI are shown as the API writes
 * them.
 */
@Page
public class EquityPages {

    private final EquityReports reports;
    private final EquityQueries queries;
    private final Consistent consistent;
    private final BusinessCalendar calendar;
    private final MessageSource messages;
    private final PageLinks links;
    private final PageMemo memo;

    public EquityPages(EquityReports reports, EquityQueries queries, Consistent consistent, BusinessCalendar calendar,
                       MessageSource messages, PageLinks links, PageMemo memo) {
        this.reports = reports;
        this.queries = queries;
        this.consistent = consistent.reading(EquityLedgerProjection.PROCESSING_GROUP);
        this.calendar = calendar;
        this.messages = messages;
        this.links = links;
        this.memo = memo;
    }

    @GetMapping("/equity")
    public String equity(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
                         @RequestParam(required = false) Instant recordedAt,
                         @RequestParam(required = false) String fund, Model model) {
        String fundId = fund == null || fund.isBlank() ? null : fund.strip();
        LocalDate date = calendar.asOf(asOf);
        Instant at = calendar.recordedAt(recordedAt);
        model.addAttribute("asOf", date);
        model.addAttribute("recordedAt", at);
        model.addAttribute("consistent", true);
        List<FundView> funds = read(model, queries::funds, "equity-funds");
        if (fundId != null && funds.stream().noneMatch(f -> f.fundId().equals(fundId))) {
            throw RuleViolation.notFound("fundId", "unknown-fund", "fund " + fundId + " is not recorded");
        }
        FundsReport report = read(model, () -> reports.funds(date, at), "equity-funds-report", date, at);
        DealBook book = read(model, () -> reports.deals(date, at, fundId), "equity-deals", date, at, fundId);
        model.addAttribute("fundTable", fundTable(report));
        model.addAttribute("returnTable", returnTable(report));
        model.addAttribute("partnerTables", report.funds().stream().map(this::partnerTable).toList());
        model.addAttribute("fundChart", fundChart(report));
        model.addAttribute("partnerCharts", report.funds().stream().map(EquityPages::partnerChart).toList());
        model.addAttribute("report", report);
        model.addAttribute("deals", dealTable(book));
        model.addAttribute("dealSums", dealSums(book));
        model.addAttribute("reversedDeals", reversedTable(book.reversed()));
        model.addAttribute("dealChart", dealChart(book));
        model.addAttribute("fundChoices", funds);
        model.addAttribute("fund", fundId);
        return "equity/equity";
    }

    private <T> T read(Model model, Supplier<T> read, Object... key) {
        return memo.read(model, consistent, read, key);
    }

    /** Each fund's capital: committed, called (paid in), uncalled, invested in its deals. */
    private Table fundTable(FundsReport report) {
        Table table = new Table("equity-funds", "equity.funds", List.of("equity.col.fund", "equity.col.name",
                "equity.col.established", "equity.col.committed", "equity.col.called", "equity.col.uncalled",
                "equity.col.invested", "equity.col.deals", "equity.col.projects"));
        for (FundRow f : report.funds()) {
            table.row(new Table.Link(f.fundId(), links.with("fund", f.fundId()) + "#deal-book"), f.name(),
                    f.establishedOn(), new Table.Money(f.committedFen()), new Table.Money(f.calledFen()),
                    new Table.Money(f.uncalledFen()), new Table.Money(f.investedFen()), f.deals(), f.projects());
        }
        FundsTotal t = report.total();
        table.row(text("programs.total"), text("equity.fundCount", t.funds()), null, new Table.Money(t.committedFen()),
                new Table.Money(t.calledFen()), new Table.Money(t.uncalledFen()), new Table.Money(t.investedFen()),
                t.deals(), t.projects());
        return table;
    }

    /** Each fund's exits, distributions, NAV, DPI and TVPI. */
    private Table returnTable(FundsReport report) {
        Table table = new Table("equity-returns", "equity.returns", List.of("equity.col.fund",
                "equity.col.exitedCost", "equity.col.proceeds", "equity.col.distributed", "equity.col.undistributed",
                "equity.col.nav", "equity.col.unmarkedDeals", "equity.col.dpi", "equity.col.tvpi"));
        for (FundRow f : report.funds()) {
            table.row(f.fundId(), new Table.Money(f.exitedCostFen()), new Table.Money(f.proceedsFen()),
                    new Table.Money(f.distributedFen()), new Table.Money(f.undistributedFen()),
                    new Table.Money(f.navFen()), f.unmarkedDeals(), f.dpi(), f.tvpi());
        }
        FundsTotal t = report.total();
        table.row(text("programs.total"), new Table.Money(t.exitedCostFen()), new Table.Money(t.proceedsFen()),
                new Table.Money(t.distributedFen()), new Table.Money(t.undistributedFen()),
                new Table.Money(t.navFen()), t.unmarkedDeals(), t.dpi(), t.tvpi());
        return table;
    }

    /** A fund's partners, in the order they joined; the last row is the fund's own figures. */
    private Table partnerTable(FundRow fund) {
        Table table = new Table("equity-partners-" + fund.fundId(), "equity.partners", List.of("equity.col.position",
                "equity.col.partner", "equity.col.committed", "equity.col.called", "equity.col.uncalled",
                "equity.col.distributed", "equity.col.dpi"));
        for (PartnerRow p : fund.partners()) {
            table.row((long) p.position(), p.partner(), new Table.Money(p.committedFen()),
                    new Table.Money(p.calledFen()), new Table.Money(p.uncalledFen()),
                    new Table.Money(p.distributedFen()), p.dpi());
        }
        table.row(null, text("equity.fundTotal", fund.fundId()), new Table.Money(fund.committedFen()),
                new Table.Money(fund.calledFen()), new Table.Money(fund.uncalledFen()),
                new Table.Money(fund.distributedFen()), fund.dpi());
        return table;
    }

    private static Chart fundChart(FundsReport report) {
        List<FundRow> funds = report.funds();
        return Chart.bars(funds.stream().map(FundRow::name).toList(), "unit.yi")
                .series("equity.col.committed", funds.stream().map(f -> yi(f.committedFen())).toList())
                .series("equity.col.called", funds.stream().map(f -> yi(f.calledFen())).toList())
                .series("equity.col.invested", funds.stream().map(f -> yi(f.investedFen())).toList())
                .series("equity.col.distributed", funds.stream().map(f -> yi(f.distributedFen())).toList())
                .series("equity.col.nav", funds.stream().map(f -> yi(f.navFen())).toList());
    }

    /** A fund's partners' commitments, as a pie. */
    private static Chart partnerChart(FundRow fund) {
        return Chart.pie(fund.partners().stream().map(PartnerRow::partner).toList(), "unit.yi")
                .series("equity.col.committed", fund.partners().stream().map(p -> yi(p.committedFen())).toList());
    }

    private Table dealTable(DealBook book) {
        Table table = new Table("deal-book", "equity.deals", List.of("equity.col.deal", "equity.col.fund",
                "equity.col.project", "equity.col.company", "equity.col.closedOn", "equity.col.amount",
                "equity.col.stake", "equity.col.status", "equity.col.held", "equity.col.exitedCost",
                "equity.col.costHeld", "equity.col.proceeds", "equity.col.nav", "equity.col.navBasis",
                "equity.col.markedOn"));
        for (DealValue d : book.rows()) {
            table.row(d.dealId(), d.fundId(), d.projectId(), d.company(), d.closedOn(), new Table.Money(d.amountFen()),
                    percent(d.stakeBp()), textOr("equity.status." + d.status(), d.status()), percent(d.heldBp()),
                    new Table.Money(d.exitedCostFen()), new Table.Money(d.costHeldFen()),
                    new Table.Money(d.proceedsFen()), new Table.Money(d.navFen()), navBasis(d), d.markedOn());
        }
        return table;
    }

    private String navBasis(DealValue d) {
        String basis = textOr("equity.basis." + d.navBasis(), d.navBasis());
        return d.markMethod() == null ? basis : basis + " (" + textOr("equity.method." + d.markMethod(), d.markMethod())
                + ")";
    }

    /** The deal book's sums, as the API gives them. */
    private static Table dealSums(DealBook book) {
        return new Table("deal-book-sums", "equity.deals.sums", List.of("equity.col.deals", "equity.col.amount",
                "equity.col.exitedCost", "equity.col.costHeld", "equity.col.proceeds", "equity.col.nav"))
                .row((long) book.rows().size(), new Table.Money(book.amountFen()),
                        new Table.Money(book.exitedCostFen()), new Table.Money(book.costHeldFen()),
                        new Table.Money(book.proceedsFen()), new Table.Money(book.navFen()));
    }

    private static Table reversedTable(List<ReversedDealView> reversed) {
        Table table = new Table("reversed-deals", "equity.reversed", List.of("equity.col.deal", "equity.col.fund",
                "equity.col.project", "equity.col.company", "equity.col.closedOn", "equity.col.amount",
                "equity.col.reason", "equity.col.recordedBy", "equity.col.recordedAt"));
        for (ReversedDealView d : reversed) {
            table.row(d.dealId(), d.fundId(), d.projectId(), d.company(), d.closedOn(), new Table.Money(d.amountFen()),
                    d.reversal() == null ? null : d.reversal().reason(),
                    d.reversal() == null ? null : d.reversal().recordedBy(),
                    d.reversal() == null ? null : d.reversal().recordedAt());
        }
        return table;
    }

    private static Chart dealChart(DealBook book) {
        List<DealValue> rows = book.rows();
        return Chart.bars(rows.stream().map(DealValue::company).toList(), "unit.yi")
                .series("equity.col.amount", rows.stream().map(d -> yi(d.amountFen())).toList())
                .series("equity.col.nav", rows.stream().map(d -> yi(d.navFen())).toList())
                .series("equity.col.proceeds", rows.stream().map(d -> yi(d.proceedsFen())).toList());
    }

    private String text(String key, Object... args) {
        return messages.getMessage(key, args, LocaleContextHolder.getLocale());
    }

    private String textOr(String key, String otherwise) {
        return messages.getMessage(key, null, otherwise, LocaleContextHolder.getLocale());
    }
}
