package cn.cq.fundledger.seedfund.query;

import static cn.cq.fundledger.seedfund.query.SeedSql.date;

import cn.cq.fundledger.core.Money;
import cn.cq.fundledger.seedfund.query.SeedQueries.Booked;
import cn.cq.fundledger.seedfund.query.SeedQueries.RoundRow;
import cn.cq.fundledger.seedfund.query.SeedValuation.Attribution;
import cn.cq.fundledger.seedfund.query.SeedValuation.Holding;
import cn.cq.fundledger.seedfund.query.SeedValuation.Mark;
import cn.cq.fundledger.seedfund.query.SeedValuation.Round;
import cn.cq.fundledger.seedfund.query.SeedViews.ReversalView;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The seed program's reports for finance staff, as of a business date and, optionally, as the ledger had them at
 * an instant ({@code recordedAt}: facts recorded later are left out, even back-dated ones, and so are reversals
 * recorded later; every table read is filtered by its {@code recorded_at}). The money figures are sums over
 * {@code seed_movement}, so the rows of a breakdown add up to its total and the total's {@code projects} and
 * {@code investedFen} equal {@code /api/totals}; follow-on capital and marks come from {@link SeedValuation},
 * attributed to single investments so that they add up too. A reversed fact counts in no figure.
 */
@Component
public class SeedReports {

    /** The dimensions a portfolio breakdown can take: the local fund, or the year of the investment (vintage). */
    public enum Dimension {
        FUND("m.fund_id"), YEAR("CAST(m.vintage_year AS VARCHAR(8))");

        private final String column;

        Dimension(String column) {
            this.column = column;
        }

        /** The expression over {@code seed_movement m} that gives a movement's row of the breakdown. */
        String column() {
            return column;
        }

        String keyOf(Holding holding) {
            return this == FUND ? holding.fundId() : Integer.toString(holding.investedOn().getYear());
        }
    }

    /**
     * One row of a breakdown. Counts are investments (an investment is active until it exits); {@code projects}
     * counts, within the row, the projects whose investments add up to more than zero. {@code realisedMultiple} =
     * proceeds / cost of the investments exited or written off; {@code followOnLeverage} = follow-on capital attracted
     * / invested; {@code totalValueMultiple} = (proceeds + held value) / invested; each with four decimals, null when
     * its denominator is zero. Fund rows also carry the fund's name, partner, city share and committed capital as of
     * the date.
     */
    public record PortfolioRow(String key, String name, String partner, Integer cityShareBp, Long committedFen,
                               long projects, long investments, long investedFen, long activeInvestments,
                               long activeFen, long exitedInvestments, long exitedCostFen, long writtenOffInvestments,
                               long writtenOffFen, long proceedsFen, long cityProceedsFen, long partnerProceedsFen,
                               String realisedMultiple, long followOnFen, String followOnLeverage, long heldValueFen,
                               String totalValueMultiple) {
    }

    /** Progress towards a scale target: committed capital (the funds' scale) and money invested, as of the date. */
    public record TargetProgress(LocalDate targetDate, long targetFen, String target, long committedFen,
                                 int progressBp, String progress, long investedFen, int investedProgressBp,
                                 String investedProgress, boolean reached, boolean due) {
    }

    public record Portfolio(LocalDate asOf, String by, List<PortfolioRow> rows, PortfolioRow total,
                            long followOnWithoutSeedFen, List<TargetProgress> targets) {
    }

    public record TargetReport(LocalDate asOf, List<TargetProgress> targets) {
    }

    /**
     * One investment of the book. {@code status} is ACTIVE, EXITED, WRITTEN_OFF or REVERSED; a reversed investment
     * is listed with the amount it was recorded with, but counts in no figure (nor in {@code sums}).
     * {@code reversals} are the reversals of the investment and of its exits, with their reasons and events.
     */
    public record InvestmentBookRow(String investmentId, String fundId, String projectId, String enterpriseName,
                                    String instrument, LocalDate investedOn, long amountFen, Integer equityBp,
                                    String status, String route, LocalDate exitedOn, long proceedsFen,
                                    long cityProceedsFen, long partnerProceedsFen, long heldValueFen,
                                    long followOnFen, List<ReversalView> reversals) {
    }

    /** A page of the investment book; {@code sums} add up every row of the filter that is not reversed. */
    public record InvestmentBook(LocalDate asOf, int page, int size, long totalRows, List<InvestmentBookRow> rows,
                                 InvestmentBookRow sums) {
    }

    /** The live exit of an investment as of the date: its id and figures. */
    record ExitRow(String exitId, String investmentId, String route, LocalDate exitedOn, long proceedsFen,
                   long cityProceedsFen, long partnerProceedsFen) {
    }

    /**
     * The valuation as of a date and instant: the investments held (not reversed), the rounds (reversed ones with
     * their flag), the attribution of the live rounds' capital and the mark of each holding.
     */
    record Valued(List<Holding> holdings, List<RoundRow> rounds, List<Attribution> attributions,
                  Map<String, Mark> marks, Map<String, Long> followOnByInvestment, Map<String, RoundRow> roundsById) {

        long followOn(String investmentId) {
            return followOnByInvestment.getOrDefault(investmentId, 0L);
        }

        long unlinked() {
            return attributions.stream().filter(a -> a.holding() == null).mapToLong(Attribution::amountFen).sum();
        }

        RoundRow round(String roundId) {
            return roundsById.get(roundId);
        }
    }

    /** One entry of the investment book with everything its figures come from. */
    record BookEntry(Booked booked, ExitRow exit, String status, Mark mark, long followOnFen,
                     List<ReversalView> reversals) {
    }

    private final JdbcTemplate jdbc;
    private final SeedQueries queries;

    public SeedReports(JdbcTemplate jdbc, SeedQueries queries) {
        this.jdbc = jdbc;
        this.queries = queries;
    }

    Valued valued(LocalDate asOf, Instant recordedAt) {
        List<Holding> holdings = queries.holdings(asOf, recordedAt);
        List<RoundRow> rounds = queries.roundRows(asOf, recordedAt, new SeedSql(""));
        List<Round> live = rounds.stream().filter(r -> !r.reversed()).map(RoundRow::round).toList();
        Map<String, List<Round>> byProject = live.stream().collect(Collectors.groupingBy(Round::projectId));
        Map<String, Mark> marks = new HashMap<>();
        for (Holding h : holdings) {
            marks.put(h.investmentId(), SeedValuation.mark(h, byProject.getOrDefault(h.projectId(), List.of())));
        }
        List<Attribution> attributions = SeedValuation.attribute(holdings, live);
        Map<String, Long> followOn = new HashMap<>();
        for (Attribution a : attributions) {
            if (a.holding() != null) {
                followOn.merge(a.holding().investmentId(), a.amountFen(), Long::sum);
            }
        }
        Map<String, RoundRow> byId = new HashMap<>();
        rounds.forEach(r -> byId.put(r.round().roundId(), r));
        return new Valued(holdings, rounds, attributions, marks, followOn, byId);
    }

    public Portfolio portfolio(Dimension by, LocalDate asOf) {
        return portfolio(by, asOf, null);
    }

    /** The portfolio as of a date, as the ledger had it at {@code recordedAt} (null: everything recorded). */
    public Portfolio portfolio(Dimension by, LocalDate asOf, Instant recordedAt) {
        Map<String, SeedFigures> sums = queries.figuresBy(by.column(), by == Dimension.YEAR, asOf, recordedAt);
        SeedFigures all = queries.totals(asOf, recordedAt);
        Valued valued = valued(asOf, recordedAt);
        Map<String, long[]> valuedByKey = new HashMap<>(); // key -> {follow-on, held value}
        for (Holding h : valued.holdings()) {
            long[] v = valuedByKey.computeIfAbsent(by.keyOf(h), k -> new long[2]);
            v[0] += valued.followOn(h.investmentId());
            v[1] += valued.marks().get(h.investmentId()).valueFen();
        }
        Map<String, FundInfo> funds = by == Dimension.FUND ? funds(recordedAt) : Map.of();
        List<PortfolioRow> rows = new ArrayList<>();
        long followOnTotal = 0;
        long heldTotal = 0;
        for (Map.Entry<String, SeedFigures> row : sums.entrySet()) {
            long[] v = valuedByKey.getOrDefault(row.getKey(), new long[2]);
            followOnTotal += v[0];
            heldTotal += v[1];
            rows.add(row(row.getKey(), funds.get(row.getKey()), by == Dimension.FUND, row.getValue(), v[0], v[1]));
        }
        PortfolioRow total = row("total", null, true, all, followOnTotal, heldTotal);
        return new Portfolio(asOf, by.name().toLowerCase(), rows, total, valued.unlinked(),
                targets(asOf, recordedAt, all).targets());
    }

    /** Progress towards every recorded scale target, as of a date. */
    public TargetReport targets(LocalDate asOf) {
        return targets(asOf, null);
    }

    /** Progress towards the scale targets recorded at or before {@code recordedAt} (null: all), as of a date. */
    public TargetReport targets(LocalDate asOf, Instant recordedAt) {
        return targets(asOf, recordedAt, queries.totals(asOf, recordedAt));
    }

    private TargetReport targets(LocalDate asOf, Instant recordedAt, SeedFigures figures) {
        SeedSql sql = new SeedSql("SELECT target_date, target_fen FROM seed_target WHERE 1 = 1")
                .recorded("recorded_at", recordedAt).add(" ORDER BY target_date");
        return new TargetReport(asOf, jdbc.query(sql.text(), (rs, i) -> progress(asOf, SeedQueries.localDate(rs, 1),
                rs.getLong(2), figures), sql.args()));
    }

    static TargetProgress progress(LocalDate asOf, LocalDate targetDate, long target, SeedFigures figures) {
        return new TargetProgress(targetDate, target, Money.ofFen(target).toDisplayString(), figures.committed(),
                SeedValuation.basisPoints(figures.committed(), target), SeedValuation.percent(figures.committed(), target),
                figures.invested(), SeedValuation.basisPoints(figures.invested(), target),
                SeedValuation.percent(figures.invested(), target), figures.committed() >= target,
                !asOf.isBefore(targetDate));
    }

    /** One row per investment made on or before a date, filterable by fund, instrument and status, paged. */
    public InvestmentBook investmentBook(LocalDate asOf, String fundId, String instrument, String status, int page,
                                         int size) {
        return investmentBook(asOf, null, fundId, instrument, status, page, size);
    }

    /** The investment book as of a date, as the ledger had it at {@code recordedAt} (null: everything recorded). */
    public InvestmentBook investmentBook(LocalDate asOf, Instant recordedAt, String fundId, String instrument,
                                         String status, int page, int size) {
        List<InvestmentBookRow> book = bookEntries(asOf, recordedAt, fundId, instrument, status, null).stream()
                .map(SeedReports::bookRow).toList();
        List<InvestmentBookRow> counted = book.stream().filter(r -> !"REVERSED".equals(r.status())).toList();
        InvestmentBookRow sums = new InvestmentBookRow(null, null, null, null, null, null,
                counted.stream().mapToLong(InvestmentBookRow::amountFen).sum(), null, null, null, null,
                counted.stream().mapToLong(InvestmentBookRow::proceedsFen).sum(),
                counted.stream().mapToLong(InvestmentBookRow::cityProceedsFen).sum(),
                counted.stream().mapToLong(InvestmentBookRow::partnerProceedsFen).sum(),
                counted.stream().mapToLong(InvestmentBookRow::heldValueFen).sum(),
                counted.stream().mapToLong(InvestmentBookRow::followOnFen).sum(), null);
        int from = (int) Math.min((long) page * size, book.size());
        int to = Math.min(from + size, book.size());
        return new InvestmentBook(asOf, page, size, book.size(), List.copyOf(book.subList(from, to)), sums);
    }

    /** The entries of the investment book that pass the filter (each argument null: any), by investment id. */
    List<BookEntry> bookEntries(LocalDate asOf, Instant recordedAt, String fundId, String instrument, String status,
                                String investmentId) {
        Valued valued = valued(asOf, recordedAt);
        List<Booked> booked = new ArrayList<>(queries.booked(asOf, recordedAt, new SeedSql(" AND i.invested_on <= ?",
                date(asOf))));
        booked.sort(Comparator.comparing(b -> b.holding().investmentId()));
        Map<String, ExitRow> exits = exits(asOf, recordedAt).stream()
                .collect(Collectors.toMap(ExitRow::investmentId, e -> e));
        Map<String, List<ReversalView>> reversals = queries.reversals(recordedAt,
                        new SeedSql(" AND s.investment_id IS NOT NULL AND s.business_date <= ?", date(asOf))).stream()
                .collect(Collectors.groupingBy(ReversalView::investmentId));
        List<BookEntry> entries = new ArrayList<>();
        for (Booked b : booked) {
            Holding h = b.holding();
            ExitRow exit = b.reversed() ? null : exits.get(h.investmentId());
            String rowStatus = b.reversed() ? "REVERSED" : exit == null ? "ACTIVE"
                    : "WRITE_OFF".equals(exit.route()) ? "WRITTEN_OFF" : "EXITED";
            if ((fundId != null && !fundId.equals(h.fundId())) || (instrument != null && !instrument.equals(h.instrument()))
                    || (status != null && !status.equals(rowStatus))
                    || (investmentId != null && !investmentId.equals(h.investmentId()))) {
                continue;
            }
            Mark mark = b.reversed() ? new Mark(0, null) : valued.marks().get(h.investmentId());
            entries.add(new BookEntry(b, exit, rowStatus, mark, b.reversed() ? 0 : valued.followOn(h.investmentId()),
                    reversals.getOrDefault(h.investmentId(), List.of())));
        }
        return entries;
    }

    private static InvestmentBookRow bookRow(BookEntry e) {
        Holding h = e.booked().holding();
        ExitRow exit = e.exit();
        return new InvestmentBookRow(h.investmentId(), h.fundId(), h.projectId(), h.enterpriseName(), h.instrument(),
                h.investedOn(), h.amountFen(), h.equityBp(), e.status(), exit == null ? null : exit.route(),
                exit == null ? null : exit.exitedOn(), exit == null ? 0 : exit.proceedsFen(),
                exit == null ? 0 : exit.cityProceedsFen(), exit == null ? 0 : exit.partnerProceedsFen(),
                e.mark().valueFen(), e.followOnFen(), e.reversals());
    }

    /** The exits dated on or before a date, recorded by the instant (when given) and not reversed by then. */
    private List<ExitRow> exits(LocalDate asOf, Instant recordedAt) {
        SeedSql sql = new SeedSql("SELECT e.exit_id, e.investment_id, e.route, e.exited_on, e.proceeds_fen, "
                + "e.city_proceeds_fen, e.partner_proceeds_fen FROM seed_exit e WHERE e.exited_on <= ?", date(asOf))
                .recorded("e.recorded_at", recordedAt).add(" AND NOT ")
                .add(SeedSql.reversed("EXIT", "e.exit_id", recordedAt));
        return jdbc.query(sql.text(), (rs, i) -> new ExitRow(rs.getString(1), rs.getString(2), rs.getString(3),
                SeedQueries.localDate(rs, 4), rs.getLong(5), rs.getLong(6), rs.getLong(7)), sql.args());
    }

    private record FundInfo(String name, String partner, int cityShareBp) {
    }

    private Map<String, FundInfo> funds(Instant recordedAt) {
        SeedSql sql = new SeedSql("SELECT fund_id, name, partner, city_share_bp FROM seed_fund WHERE 1 = 1")
                .recorded("recorded_at", recordedAt);
        return jdbc.query(sql.text(), (rs, i) -> new Object[]{
                rs.getString(1), new FundInfo(rs.getString(2), rs.getString(3), rs.getInt(4))}, sql.args()).stream()
                .collect(Collectors.toMap(r -> (String) r[0], r -> (FundInfo) r[1]));
    }

    static PortfolioRow row(String key, FundInfo fund, boolean withCommitment, SeedFigures f, long followOn,
                            long held) {
        long active = f.investments() - f.exits() - f.writeOffs();
        return new PortfolioRow(key, fund == null ? null : fund.name(), fund == null ? null : fund.partner(),
                fund == null ? null : fund.cityShareBp(), withCommitment ? f.committed() : null, f.projects(),
                f.investments(), f.invested(), active, f.active(), f.exits(), f.exitedCost(), f.writeOffs(),
                f.writtenOff(), f.proceeds(), f.cityProceeds(), f.partnerProceeds(),
                SeedValuation.multiple(f.proceeds(), f.exitedCost() + f.writtenOff()), followOn,
                SeedValuation.multiple(followOn, f.invested()), held,
                SeedValuation.multiple(f.proceeds() + held, f.invested()));
    }
}
