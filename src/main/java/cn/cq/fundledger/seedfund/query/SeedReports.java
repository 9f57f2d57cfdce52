package cn.cq.fundledger.seedfund.query;

import cn.cq.fundledger.core.Money;
import cn.cq.fundledger.seedfund.query.SeedValuation.FollowOn;
import cn.cq.fundledger.seedfund.query.SeedValuation.Holding;
import cn.cq.fundledger.seedfund.query.SeedValuation.Round;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The seed program's reports for finance staff, as of a business date and, optionally, as the ledger had them at
 * an instant ({@code recordedAt}: facts recorded later are left out, even back-dated ones; every table read is
 * filtered by its {@code recorded_at}). The money figures are sums over
 * {@code seed_movement}, so the rows of a breakdown add up to its total and the total's {@code projects} and
 * {@code investedFen} equal {@code /api/totals}; follow-on capital and marks come from {@link SeedValuation},
 * attributed to single investments so that they add up too.
 */
@Component
public class SeedReports {

    /** The dimensions a portfolio breakdown can take: the local fund, or the year of the investment (vintage). */
    public enum Dimension {
        FUND("fund_id"), YEAR("CAST(vintage_year AS VARCHAR(8))");

        private final String column;

        Dimension(String column) {
            this.column = column;
        }

        String keyOf(Holding holding) {
            return this == FUND ? holding.fundId() : Integer.toString(holding.investedOn().getYear());
        }
    }

    /**
     * One row of a breakdown. Counts are investments (an investment is active until it exits); {@code projects} is
     * distinct within the row. {@code realisedMultiple} = proceeds / cost of the investments exited or written off;
     * {@code followOnLeverage} = follow-on capital attracted / invested; {@code totalValueMultiple} = (proceeds +
     * held value) / invested; each with four decimals, null when its denominator is zero. Fund rows also carry the
     * fund's name, partner, city share and committed capital as of the date.
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

    public record InvestmentBookRow(String investmentId, String fundId, String projectId, String enterpriseName,
                                    String instrument, LocalDate investedOn, long amountFen, Integer equityBp,
                                    String status, String route, LocalDate exitedOn, long proceedsFen,
                                    long cityProceedsFen, long partnerProceedsFen, long heldValueFen,
                                    long followOnFen) {
    }

    public record InvestmentBook(LocalDate asOf, int page, int size, long totalRows, List<InvestmentBookRow> rows,
                                 InvestmentBookRow sums) {
    }

    /** One event's part in a report figure. */
    public record Part(long position, String eventId, LocalDate businessDate, Instant recordedAt, String kind,
                       String factId, String fundId, String investmentId, long amount) {
    }

    /** A page of the events behind one figure of one row of a report; over all pages they add up to {@code value}. */
    public record Explanation(String report, String key, String figure, LocalDate asOf, Instant recordedAt, long value,
                              long events, int page, int size, List<Part> parts) {
    }

    /**
     * The figures of a portfolio row that are sums over seed_movement, as expressions over it (the same columns
     * {@link #sums()} adds up). Left out: projects (a distinct count), the multiples (ratios), follow-on capital and
     * held value (from {@link SeedValuation}, not movements).
     */
    private static final Map<String, String> PORTFOLIO_FIGURES = Map.ofEntries(Map.entry("investments", "investments"),
            Map.entry("investedFen", "invested_fen"),
            Map.entry("activeInvestments", "investments - exits - write_offs"), Map.entry("activeFen", "active_fen"),
            Map.entry("exitedInvestments", "exits"), Map.entry("exitedCostFen", "exited_cost_fen"),
            Map.entry("writtenOffInvestments", "write_offs"), Map.entry("writtenOffFen", "written_off_fen"),
            Map.entry("proceedsFen", "proceeds_fen"), Map.entry("cityProceedsFen", "city_proceeds_fen"),
            Map.entry("partnerProceedsFen", "partner_proceeds_fen"), Map.entry("committedFen", "committed_fen"));

    /** The figures a row of the breakdown by {@code by} can explain (committed capital only on fund rows). */
    public static java.util.Set<String> portfolioFigures(Dimension by) {
        java.util.Set<String> figures = new java.util.TreeSet<>(PORTFOLIO_FIGURES.keySet());
        if (by != Dimension.FUND) {
            figures.remove("committedFen");
        }
        return figures;
    }

    /**
     * The events that make up one figure of one row of a portfolio breakdown: the movements the row sums (same
     * dimension column, dates and recorded instant), those whose part in the figure is not zero.
     */
    public Explanation explainPortfolio(Dimension by, String key, String figure, LocalDate asOf, Instant recordedAt,
                                        int page, int size) {
        String amount = PORTFOLIO_FIGURES.get(figure);
        String rows = "SELECT x.*, " + amount + " AS amount FROM (" + movements(by, recordedAt) + ") x "
                + "WHERE x.k = ? AND " + amount + " <> 0";
        List<Object> args = new ArrayList<>(List.of(SeedQueries.dated(asOf, recordedAt, 1)));
        args.add(key);
        Long value = jdbc.queryForObject("SELECT COALESCE(SUM(amount), 0) FROM (" + rows + ") r", Long.class,
                args.toArray());
        Long events = jdbc.queryForObject("SELECT COUNT(*) FROM (" + rows + ") r", Long.class, args.toArray());
        args.add(size);
        args.add((long) page * size);
        List<Part> parts = jdbc.query("SELECT * FROM (" + rows + ") r ORDER BY business_date, global_index, event_id "
                        + "LIMIT ? OFFSET ?",
                (rs, i) -> new Part(rs.getLong("global_index"), rs.getString("event_id"),
                        rs.getDate("business_date").toLocalDate(), rs.getTimestamp("recorded_at").toInstant(),
                        rs.getString("kind"), rs.getString("fact_id"), rs.getString("fund_id"),
                        rs.getString("investment_id"), rs.getLong("amount")),
                args.toArray());
        return new Explanation("portfolio/" + by.name().toLowerCase(), key, figure, asOf, recordedAt,
                value == null ? 0 : value, events == null ? 0 : events, page, size, parts);
    }

    /** The movements a breakdown sums, each with its row's key {@code k}: one date (and recorded instant) argument. */
    private static String movements(Dimension by, Instant recordedAt) {
        return "SELECT " + by.column + " AS k, m.* FROM seed_movement m WHERE m.business_date <= ?"
                + SeedQueries.recorded("m.recorded_at", recordedAt)
                + (by == Dimension.YEAR ? " AND m.vintage_year IS NOT NULL" : "");
    }

    private final JdbcTemplate jdbc;
    private final SeedQueries queries;

    public SeedReports(JdbcTemplate jdbc, SeedQueries queries) {
        this.jdbc = jdbc;
        this.queries = queries;
    }

    public Portfolio portfolio(Dimension by, LocalDate asOf) {
        return portfolio(by, asOf, null);
    }

    /** The portfolio as of a date, as the ledger had it at {@code recordedAt} (null: everything recorded). */
    public Portfolio portfolio(Dimension by, LocalDate asOf, Instant recordedAt) {
        String movements = movements(by, recordedAt);
        List<Object[]> sums = jdbc.query("SELECT x.k, " + sums() + " FROM (" + movements + ") x GROUP BY x.k "
                + "ORDER BY x.k", (rs, i) -> new Object[]{rs.getString(1), SeedQueries.figures(rs, 2)},
                SeedQueries.dated(asOf, recordedAt, 1));
        SeedFigures all = queries.totals(asOf, recordedAt);

        List<Holding> holdings = holdings(asOf, recordedAt);
        List<Round> rounds = rounds(asOf, recordedAt);
        FollowOn followOn = SeedValuation.followOn(holdings, rounds);
        Map<String, List<Round>> roundsByProject = rounds.stream().collect(Collectors.groupingBy(Round::projectId));
        Map<String, long[]> valued = new HashMap<>(); // key -> {follow-on, held value}
        for (Holding h : holdings) {
            long[] v = valued.computeIfAbsent(by.keyOf(h), k -> new long[2]);
            v[0] += followOn.of(h.investmentId());
            v[1] += SeedValuation.mark(h, roundsByProject.getOrDefault(h.projectId(), List.of())).valueFen();
        }
        Map<String, FundInfo> funds = by == Dimension.FUND ? funds(recordedAt) : Map.of();
        List<PortfolioRow> rows = new ArrayList<>();
        long followOnTotal = 0;
        long heldTotal = 0;
        for (Object[] row : sums) {
            String key = (String) row[0];
            long[] v = valued.getOrDefault(key, new long[2]);
            followOnTotal += v[0];
            heldTotal += v[1];
            rows.add(row(key, funds.get(key), by == Dimension.FUND, (SeedFigures) row[1], v[0], v[1]));
        }
        PortfolioRow total = row("total", null, true, all, followOnTotal, heldTotal);
        return new Portfolio(asOf, by.name().toLowerCase(), rows, total, followOn.unlinkedFen(),
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
        List<Object> args = new ArrayList<>();
        if (recordedAt != null) {
            args.add(Timestamp.from(recordedAt));
        }
        return new TargetReport(asOf, jdbc.query("SELECT target_date, target_fen FROM seed_target WHERE 1 = 1"
                + SeedQueries.recorded("recorded_at", recordedAt) + " ORDER BY target_date",
                (rs, i) -> {
                    LocalDate targetDate = SeedQueries.localDate(rs, 1);
                    long target = rs.getLong(2);
                    return new TargetProgress(targetDate, target, Money.ofFen(target).toDisplayString(),
                            figures.committed(), SeedValuation.basisPoints(figures.committed(), target),
                            SeedValuation.percent(figures.committed(), target), figures.invested(),
                            SeedValuation.basisPoints(figures.invested(), target),
                            SeedValuation.percent(figures.invested(), target), figures.committed() >= target,
                            !asOf.isBefore(targetDate));
                }, args.toArray()));
    }

    /** One row per investment made on or before a date, filterable by fund, instrument and status, paged. */
    public InvestmentBook investmentBook(LocalDate asOf, String fundId, String instrument, String status, int page,
                                         int size) {
        return investmentBook(asOf, null, fundId, instrument, status, page, size);
    }

    /** The investment book as of a date, as the ledger had it at {@code recordedAt} (null: everything recorded). */
    public InvestmentBook investmentBook(LocalDate asOf, Instant recordedAt, String fundId, String instrument,
                                         String status, int page, int size) {
        List<Holding> holdings = holdings(asOf, recordedAt);
        List<Round> rounds = rounds(asOf, recordedAt);
        FollowOn followOn = SeedValuation.followOn(holdings, rounds);
        Map<String, List<Round>> roundsByProject = rounds.stream().collect(Collectors.groupingBy(Round::projectId));
        Map<String, Object[]> exits = new HashMap<>();
        jdbc.query("SELECT investment_id, route, exited_on, proceeds_fen, city_proceeds_fen, partner_proceeds_fen "
                + "FROM seed_exit WHERE exited_on <= ?" + SeedQueries.recorded("recorded_at", recordedAt), rs -> {
                    exits.put(rs.getString(1), new Object[]{rs.getString(2), SeedQueries.localDate(rs, 3),
                            rs.getLong(4), rs.getLong(5), rs.getLong(6)});
                }, SeedQueries.dated(asOf, recordedAt, 1));
        List<InvestmentBookRow> book = new ArrayList<>();
        for (Holding h : holdings) {
            Object[] exit = exits.get(h.investmentId());
            String route = exit == null ? null : (String) exit[0];
            String rowStatus = route == null ? "ACTIVE" : "WRITE_OFF".equals(route) ? "WRITTEN_OFF" : "EXITED";
            if ((fundId != null && !fundId.equals(h.fundId())) || (instrument != null && !instrument.equals(h.instrument()))
                    || (status != null && !status.equals(rowStatus))) {
                continue;
            }
            long held = SeedValuation.mark(h, roundsByProject.getOrDefault(h.projectId(), List.of())).valueFen();
            book.add(new InvestmentBookRow(h.investmentId(), h.fundId(), h.projectId(), h.enterpriseName(),
                    h.instrument(), h.investedOn(), h.amountFen(), h.equityBp(), rowStatus, route,
                    exit == null ? null : (LocalDate) exit[1], exit == null ? 0 : (long) exit[2],
                    exit == null ? 0 : (long) exit[3], exit == null ? 0 : (long) exit[4], held,
                    followOn.of(h.investmentId())));
        }
        InvestmentBookRow sums = new InvestmentBookRow(null, null, null, null, null, null,
                book.stream().mapToLong(InvestmentBookRow::amountFen).sum(), null, null, null, null,
                book.stream().mapToLong(InvestmentBookRow::proceedsFen).sum(),
                book.stream().mapToLong(InvestmentBookRow::cityProceedsFen).sum(),
                book.stream().mapToLong(InvestmentBookRow::partnerProceedsFen).sum(),
                book.stream().mapToLong(InvestmentBookRow::heldValueFen).sum(),
                book.stream().mapToLong(InvestmentBookRow::followOnFen).sum());
        int from = (int) Math.min((long) page * size, book.size());
        int to = Math.min(from + size, book.size());
        return new InvestmentBook(asOf, page, size, book.size(), List.copyOf(book.subList(from, to)), sums);
    }

    private List<Holding> holdings(LocalDate asOf, Instant recordedAt) {
        return jdbc.query(SeedQueries.holdingsSql(recordedAt) + " ORDER BY i.investment_id",
                (rs, i) -> SeedQueries.holding(rs), SeedQueries.dated(asOf, recordedAt, 2));
    }

    private List<Round> rounds(LocalDate asOf, Instant recordedAt) {
        return jdbc.query(SeedQueries.roundsSql(recordedAt) + " ORDER BY closed_on, round_id",
                (rs, i) -> SeedQueries.round(rs), SeedQueries.dated(asOf, recordedAt, 1));
    }

    private record FundInfo(String name, String partner, int cityShareBp) {
    }

    private Map<String, FundInfo> funds(Instant recordedAt) {
        Object[] args = recordedAt == null ? new Object[0] : new Object[]{Timestamp.from(recordedAt)};
        return jdbc.query("SELECT fund_id, name, partner, city_share_bp FROM seed_fund WHERE 1 = 1"
                + SeedQueries.recorded("recorded_at", recordedAt), (rs, i) -> new Object[]{
                rs.getString(1), new FundInfo(rs.getString(2), rs.getString(3), rs.getInt(4))}, args).stream()
                .collect(Collectors.toMap(r -> (String) r[0], r -> (FundInfo) r[1]));
    }

    private static String sums() {
        return "COUNT(DISTINCT CASE WHEN x.kind = 'INVESTMENT' THEN x.project_id END), COALESCE(SUM(x.investments),0), "
                + "COALESCE(SUM(x.committed_fen),0), COALESCE(SUM(x.invested_fen),0), COALESCE(SUM(x.active_fen),0), "
                + "COALESCE(SUM(x.exits),0), COALESCE(SUM(x.exited_cost_fen),0), COALESCE(SUM(x.write_offs),0), "
                + "COALESCE(SUM(x.written_off_fen),0), COALESCE(SUM(x.proceeds_fen),0), "
                + "COALESCE(SUM(x.city_proceeds_fen),0), COALESCE(SUM(x.partner_proceeds_fen),0)";
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
