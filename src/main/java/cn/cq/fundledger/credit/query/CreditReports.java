package cn.cq.fundledger.credit.query;

import cn.cq.fundledger.core.Money;
import cn.cq.fundledger.core.Ratio;
import cn.cq.fundledger.system.NetCount;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The credit program's reports for finance staff, as of a business date. Every figure is a sum over
 * {@code credit_movement}, so the rows of a breakdown add up to its total, and the total equals
 * {@code /api/totals}, to the fen.
 */
@Component
public class CreditReports {

    /** The dimensions a portfolio breakdown can take. */
    public enum Dimension {
        YEAR("EXTRACT(YEAR FROM l.issued_on)"), DISTRICT("m.district"), BANK("m.bank_id");

        private final String column;

        Dimension(String column) {
            this.column = column;
        }
    }

    /** One row of a breakdown: loans issued (count), distinct borrowers, and figures in fen. */
    public record PortfolioRow(String key, long loans, long enterprises, long issuedFen, long outstandingFen,
                               long defaultedFen, long compensatedFen, long recoveredFen, int lossRateBp,
                               String lossRate) {
    }

    public record Portfolio(LocalDate asOf, String by, List<PortfolioRow> rows, PortfolioRow total) {
    }

    public record PoolRow(String district, long contributedByCityFen, long contributedByDistrictFen,
                          long contributedFen, long compensatedFen, long recoveredFen, long balanceFen,
                          long waitingClaimsFen, long exposureFen, String coverage) {
    }

    public record PoolReport(LocalDate asOf, List<PoolRow> pools, PoolRow total) {
    }

    public record LoanBookRow(String loanId, String bankId, String enterpriseId, String district,
                              LocalDate issuedOn, long principalFen, int fundShareBp, String status,
                              long outstandingFen, long defaultedFen, long compensationPaidFen,
                              long compensationWaitingFen, long recoveredFen, long poolRecoveredFen) {
    }

    public record LoanBook(LocalDate asOf, int page, int size, long totalRows, List<LoanBookRow> rows,
                           LoanBookRow sums) {
    }

    /** One event's part in a report figure. */
    public record Part(long position, String eventId, LocalDate businessDate, Instant recordedAt, String kind,
                       String factId, String loanId, long amount) {
    }

    /**
     * A page of the events behind one figure of one row of a report; {@code value} is the figure as the report
     * prints it, and over all pages the events' amounts add up to it. A figure that is not a sum (a rate, a
     * coverage) lists no events of its own: {@code formula} says how it is computed from its {@code components},
     * each explained in turn, and {@code value} is recomputed from them.
     */
    public record Explanation(String report, String key, String figure, LocalDate asOf, Instant recordedAt,
                              Object value, long events, int page, int size, List<Part> parts, String formula,
                              List<Explanation> components) {

        /** The value of a sum or a count. */
        long total() {
            return ((Number) value).longValue();
        }
    }

    /** The figures of a portfolio row, as expressions over credit_movement (null: a distinct count of enterprises). */
    private static final Map<String, String> PORTFOLIO_FIGURES = Map.of("loans", "loans", "issuedFen", "issued_fen",
            "outstandingFen", "outstanding_fen", "defaultedFen", "defaulted_fen", "compensatedFen", "compensated_fen",
            "recoveredFen", "recovered_fen");

    /** The figures of a pool row, as expressions over credit_movement. */
    private static final Map<String, String> POOL_FIGURES = Map.of(
            "contributedByCityFen", "CASE WHEN source = 'CITY' THEN contributed_fen ELSE 0 END",
            "contributedByDistrictFen", "CASE WHEN source = 'DISTRICT' THEN contributed_fen ELSE 0 END",
            "contributedFen", "contributed_fen", "compensatedFen", "compensated_fen", "recoveredFen", "pool_recovered_fen",
            "balanceFen", "contributed_fen - compensated_fen + pool_recovered_fen", "waitingClaimsFen", "waiting_fen");

    private static final String LOSS_RATE = "lossRateBp = defaultedFen x 10000 / issuedFen, rounded half-even "
            + "(0 when nothing is issued); lossRate is the same in percent, to 2 decimals";
    private static final String COVERAGE = "coverage = balanceFen / exposureFen, to 4 decimals, rounded half-even "
            + "(none when there is no exposure)";

    /** Every figure of a portfolio row that can be explained: the sums, the enterprise count and the loss rate. */
    public static java.util.Set<String> portfolioFigures() {
        java.util.Set<String> figures = new java.util.TreeSet<>(PORTFOLIO_FIGURES.keySet());
        figures.addAll(List.of("enterprises", "lossRateBp", "lossRate"));
        return figures;
    }

    /** Every figure of a pool row that can be explained: the sums, the exposure and the coverage. */
    public static java.util.Set<String> poolFigures() {
        java.util.Set<String> figures = new java.util.TreeSet<>(POOL_FIGURES.keySet());
        figures.addAll(List.of("exposureFen", "coverage"));
        return figures;
    }

    /** The events that make up one figure of one row of a portfolio breakdown. */
    public Explanation explainPortfolio(Dimension by, String key, String figure, LocalDate asOf, Instant recordedAt,
                                        int page, int size) {
        String report = "portfolio/" + by.name().toLowerCase();
        String movements = "SELECT * FROM (" + portfolioMovements(by, recordedAt) + ") m WHERE m.k = ?";
        return switch (figure) {
            case "enterprises" -> explanation(report, key, figure, asOf, recordedAt,
                    NetCount.countedBy(movements, "enterprise_id", "loans"), page, size);
            case "lossRateBp", "lossRate" -> {
                Explanation defaulted = explainPortfolio(by, key, "defaultedFen", asOf, recordedAt, page, size);
                Explanation issued = explainPortfolio(by, key, "issuedFen", asOf, recordedAt, page, size);
                PortfolioRow rates = row(key, 0, 0, issued.total(), 0, defaulted.total(), 0, 0);
                yield derived(report, key, figure, asOf, recordedAt,
                        figure.equals("lossRate") ? rates.lossRate() : rates.lossRateBp(), page, size, LOSS_RATE,
                        List.of(defaulted, issued));
            }
            default -> {
                String amount = PORTFOLIO_FIGURES.get(figure);
                yield explanation(report, key, figure, asOf, recordedAt, "SELECT m.*, " + amount + " AS amount FROM ("
                        + movements + ") m WHERE " + amount + " <> 0", page, size);
            }
        };
    }

    /** The events that make up one figure of one district's pool. */
    public Explanation explainPool(String district, String figure, LocalDate asOf, Instant recordedAt, int page,
                                   int size) {
        return switch (figure) {
            case "exposureFen" -> explainExposure(district, asOf, recordedAt, page, size);
            case "coverage" -> {
                Explanation balance = explainPool(district, "balanceFen", asOf, recordedAt, page, size);
                Explanation exposure = explainExposure(district, asOf, recordedAt, page, size);
                String coverage = pool(district, balance.total(), 0, 0, 0, 0, exposure.total()).coverage();
                yield derived("pools", district, figure, asOf, recordedAt, coverage, page, size, COVERAGE,
                        List.of(balance, exposure));
            }
            default -> {
                String amount = POOL_FIGURES.get(figure);
                String rows = "SELECT m.*, " + amount + " AS amount FROM credit_movement m WHERE "
                        + when("m", recordedAt) + " AND m.district = ? AND " + amount + " <> 0";
                yield explanation("pools", district, figure, asOf, recordedAt, rows, page, size);
            }
        };
    }

    /**
     * A district's exposure, loan by loan: each live loan's fund share of its outstanding principal, traced to the
     * event that issued the loan (the loan's own movements, with its repayments, are in the loan view).
     */
    private Explanation explainExposure(String district, LocalDate asOf, Instant recordedAt, int page, int size) {
        List<Part> all = new ArrayList<>();
        List<Object> args = new ArrayList<>(List.of(at(asOf, recordedAt)));
        args.add(district);
        jdbc.query("SELECT i.global_index, i.event_id, i.business_date, i.recorded_at, i.fact_id, l.fund_share_bp, "
                + "o.outstanding FROM (SELECT m.loan_id, SUM(m.outstanding_fen) AS outstanding FROM credit_movement m "
                + "WHERE " + when("m", recordedAt) + " AND m.loan_id IS NOT NULL GROUP BY m.loan_id "
                + "HAVING SUM(m.outstanding_fen) <> 0) o JOIN credit_loan l ON l.loan_id = o.loan_id "
                + "JOIN credit_movement i ON i.loan_id = o.loan_id AND i.kind = 'LOAN_ISSUED' WHERE l.district = ? "
                + "ORDER BY i.business_date, i.global_index", rs -> {
                    long share = Money.ofFen(rs.getLong(7)).split(Ratio.ofBasisPoints(rs.getInt(6))).first().fen();
                    all.add(new Part(rs.getLong(1), rs.getString(2), rs.getDate(3).toLocalDate(),
                            rs.getTimestamp(4).toInstant(), "EXPOSURE", rs.getString(5), rs.getString(5), share));
                }, args.toArray());
        long value = all.stream().mapToLong(Part::amount).sum();
        List<Part> parts = all.stream().skip((long) page * size).limit(size).toList();
        return new Explanation("pools", district, "exposureFen", asOf, recordedAt, value, all.size(), page, size, parts,
                "each live loan's fund share of its outstanding principal, split to the fen", null);
    }

    private static Explanation derived(String report, String key, String figure, LocalDate asOf, Instant recordedAt,
                                       Object value, int page, int size, String formula, List<Explanation> components) {
        return new Explanation(report, key, figure, asOf, recordedAt, value, 0, page, size, List.of(), formula,
                components);
    }

    private static String portfolioMovements(Dimension by, Instant recordedAt) {
        return "SELECT CAST(" + by.column + " AS VARCHAR(64)) AS k, m.* FROM credit_movement m "
                + "JOIN credit_loan l ON l.loan_id = m.loan_id WHERE " + when("m", recordedAt) + " AND m.kind IN "
                + LOAN_KINDS;
    }

    private Explanation explanation(String report, String key, String figure, LocalDate asOf, Instant recordedAt,
                                    String rows, int page, int size) {
        List<Object> args = new ArrayList<>(List.of(at(asOf, recordedAt)));
        args.add(key);
        Long value = jdbc.queryForObject("SELECT COALESCE(SUM(amount), 0) FROM (" + rows + ") r", Long.class,
                args.toArray());
        Long events = jdbc.queryForObject("SELECT COUNT(*) FROM (" + rows + ") r", Long.class, args.toArray());
        args.add(size);
        args.add((long) page * size);
        List<Part> parts = jdbc.query("SELECT * FROM (" + rows + ") r ORDER BY business_date, global_index "
                        + "LIMIT ? OFFSET ?",
                (rs, i) -> new Part(rs.getLong("global_index"), rs.getString("event_id"),
                        rs.getDate("business_date").toLocalDate(), rs.getTimestamp("recorded_at").toInstant(),
                        rs.getString("kind"), rs.getString("fact_id"), rs.getString("loan_id"), rs.getLong("amount")),
                args.toArray());
        return new Explanation(report, key, figure, asOf, recordedAt, value == null ? 0 : value,
                events == null ? 0 : events, page, size, parts, null, null);
    }

    private static final String LOAN_KINDS =
            "('LOAN_ISSUED','REPAYMENT','DEFAULT','CLAIM','COMPENSATION','RECOVERY','REVERSAL')";
    private static final String FIGURES = "COALESCE(SUM(m.loans),0), COALESCE(SUM(m.issued_fen),0), "
            + "COALESCE(SUM(m.outstanding_fen),0), COALESCE(SUM(m.defaulted_fen),0), COALESCE(SUM(m.compensated_fen),0), "
            + "COALESCE(SUM(m.recovered_fen),0)";

    private final JdbcTemplate jdbc;

    public CreditReports(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Portfolio portfolio(Dimension by, LocalDate asOf) {
        return portfolio(by, asOf, null);
    }

    /** With {@code recordedAt}: as the ledger said at that instant (events recorded later left out). */
    public Portfolio portfolio(Dimension by, LocalDate asOf, Instant recordedAt) {
        String movements = portfolioMovements(by, recordedAt);
        // borrowing enterprises, distinct within a row and net of reversed loans (see NetCount)
        Map<String, Long> enterprises = new java.util.HashMap<>();
        jdbc.query(NetCount.count(movements, "enterprise_id", "loans", "k"),
                rs -> {
                    enterprises.put(rs.getString(1), rs.getLong(2));
                }, at(asOf, recordedAt));
        Long allEnterprises = jdbc.queryForObject(NetCount.count(movements, "enterprise_id", "loans", null), Long.class,
                at(asOf, recordedAt));
        List<PortfolioRow> rows = jdbc.query("SELECT m.k, " + FIGURES + " FROM (" + movements + ") m GROUP BY m.k "
                        + "ORDER BY m.k",
                (rs, i) -> row(rs.getString(1), rs.getLong(2), enterprises.getOrDefault(rs.getString(1), 0L),
                        rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7)), at(asOf, recordedAt));
        PortfolioRow total = jdbc.queryForObject("SELECT " + FIGURES + " FROM (" + movements + ") m",
                (rs, i) -> row("total", rs.getLong(1), allEnterprises == null ? 0 : allEnterprises, rs.getLong(2),
                        rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6)), at(asOf, recordedAt));
        return new Portfolio(asOf, by.name().toLowerCase(), rows, total);
    }

    public PoolReport pools(LocalDate asOf) {
        return pools(asOf, null);
    }

    public PoolReport pools(LocalDate asOf, Instant recordedAt) {
        Map<String, Long> exposure = exposureByDistrict(asOf, recordedAt);
        List<PoolRow> rows = jdbc.query("SELECT district, "
                        + "COALESCE(SUM(CASE WHEN source = 'CITY' THEN contributed_fen ELSE 0 END),0), "
                        + "COALESCE(SUM(CASE WHEN source = 'DISTRICT' THEN contributed_fen ELSE 0 END),0), "
                        + "COALESCE(SUM(compensated_fen),0), COALESCE(SUM(pool_recovered_fen),0), "
                        + "COALESCE(SUM(waiting_fen),0) FROM credit_movement m WHERE " + when("m", recordedAt)
                        + " AND kind IN ('CONTRIBUTION','CLAIM','COMPENSATION','RECOVERY','REVERSAL') GROUP BY district",
                (rs, i) -> pool(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                        rs.getLong(6), exposure.getOrDefault(rs.getString(1), 0L)), at(asOf, recordedAt));
        Map<String, PoolRow> byDistrict = new TreeMap<>();
        rows.forEach(r -> byDistrict.put(r.district(), r));
        exposure.forEach((district, fen) -> byDistrict.putIfAbsent(district, pool(district, 0, 0, 0, 0, 0, fen)));
        List<PoolRow> pools = new ArrayList<>(byDistrict.values());
        PoolRow total = pool("total", pools.stream().mapToLong(PoolRow::contributedByCityFen).sum(),
                pools.stream().mapToLong(PoolRow::contributedByDistrictFen).sum(),
                pools.stream().mapToLong(PoolRow::compensatedFen).sum(),
                pools.stream().mapToLong(PoolRow::recoveredFen).sum(),
                pools.stream().mapToLong(PoolRow::waitingClaimsFen).sum(),
                pools.stream().mapToLong(PoolRow::exposureFen).sum());
        return new PoolReport(asOf, pools, total);
    }

    /** The pools' exposure: each loan's fund share of its outstanding principal, split to the fen, per district. */
    private Map<String, Long> exposureByDistrict(LocalDate asOf, Instant recordedAt) {
        Map<String, Long> exposure = new LinkedHashMap<>();
        jdbc.query("SELECT l.district, l.fund_share_bp, SUM(m.outstanding_fen) FROM credit_movement m "
                + "JOIN credit_loan l ON l.loan_id = m.loan_id WHERE " + when("m", recordedAt) + " "
                + "GROUP BY l.loan_id, l.district, l.fund_share_bp HAVING SUM(m.outstanding_fen) <> 0", rs -> {
                    long share = Money.ofFen(rs.getLong(3)).split(Ratio.ofBasisPoints(rs.getInt(2))).first().fen();
                    exposure.merge(rs.getString(1), share, Long::sum);
                }, at(asOf, recordedAt));
        return exposure;
    }

    public LoanBook loanBook(LocalDate asOf, String bankId, String district, String status, int page, int size) {
        return loanBook(asOf, null, bankId, district, status, page, size);
    }

    public LoanBook loanBook(LocalDate asOf, Instant recordedAt, String bankId, String district, String status,
                             int page, int size) {
        List<Object> args = new ArrayList<>(List.of(at(asOf, recordedAt)));
        args.add(Date.valueOf(asOf));
        StringBuilder where = new StringBuilder(" WHERE l.issued_on <= ?");
        if (bankId != null) {
            where.append(" AND l.bank_id = ?");
            args.add(bankId);
        }
        if (district != null) {
            where.append(" AND l.district = ?");
            args.add(district);
        }
        String book = "SELECT l.loan_id, l.bank_id, l.enterprise_id, l.district, l.issued_on, l.principal_fen, "
                + "l.fund_share_bp, CASE WHEN SUM(m.loans) = 0 THEN 'REVERSED' WHEN SUM(m.defaulted_fen) > 0 THEN 'DEFAULTED' "
                + "WHEN SUM(m.outstanding_fen) = 0 THEN 'CLOSED' ELSE 'ACTIVE' END AS status, "
                + "SUM(m.outstanding_fen) AS outstanding, SUM(m.defaulted_fen) AS defaulted, "
                + "SUM(m.compensated_fen) AS compensated, SUM(m.waiting_fen) AS waiting, "
                + "SUM(m.recovered_fen) AS recovered, SUM(m.pool_recovered_fen) AS pool_recovered "
                + "FROM credit_loan l JOIN credit_movement m ON m.loan_id = l.loan_id AND " + when("m", recordedAt)
                + where + " GROUP BY l.loan_id, l.bank_id, l.enterprise_id, l.district, l.issued_on, "
                + "l.principal_fen, l.fund_share_bp";
        String filtered = "SELECT * FROM (" + book + ") b" + (status != null ? " WHERE b.status = ?" : "");
        if (status != null) {
            args.add(status);
        }
        Object[] filters = args.toArray();
        // a reversed loan is listed (status REVERSED) but counts in no sum: all its figures are netted out already
        LoanBookRow sums = jdbc.queryForObject("SELECT COUNT(*), "
                        + "COALESCE(SUM(CASE WHEN status = 'REVERSED' THEN 0 ELSE principal_fen END),0), "
                        + "COALESCE(SUM(outstanding),0), COALESCE(SUM(defaulted),0), COALESCE(SUM(compensated),0), "
                        + "COALESCE(SUM(waiting),0), COALESCE(SUM(recovered),0), COALESCE(SUM(pool_recovered),0) FROM ("
                        + filtered + ") f",
                (rs, i) -> new LoanBookRow("total:" + rs.getLong(1), null, null, null, null, rs.getLong(2), 0, null,
                        rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8)),
                filters);
        long totalRows = Long.parseLong(sums.loanId().substring("total:".length()));
        args.add(size);
        args.add((long) page * size);
        List<LoanBookRow> rows = jdbc.query(filtered + " ORDER BY loan_id LIMIT ? OFFSET ?",
                (rs, i) -> new LoanBookRow(rs.getString("loan_id"), rs.getString("bank_id"),
                        rs.getString("enterprise_id"), rs.getString("district"),
                        rs.getDate("issued_on").toLocalDate(), rs.getLong("principal_fen"), rs.getInt("fund_share_bp"),
                        rs.getString("status"), rs.getLong("outstanding"), rs.getLong("defaulted"),
                        rs.getLong("compensated"), rs.getLong("waiting"), rs.getLong("recovered"),
                        rs.getLong("pool_recovered")), args.toArray());
        return new LoanBook(asOf, page, size, totalRows, rows, new LoanBookRow(null, null, null, null, null,
                sums.principalFen(), 0, null, sums.outstandingFen(), sums.defaultedFen(), sums.compensationPaidFen(),
                sums.compensationWaitingFen(), sums.recoveredFen(), sums.poolRecoveredFen()));
    }

    private static String when(String alias, Instant recordedAt) {
        return recordedAt == null ? alias + ".business_date <= ?"
                : "(" + alias + ".business_date <= ? AND " + alias + ".recorded_at <= ?)";
    }

    private static Object[] at(LocalDate asOf, Instant recordedAt) {
        return recordedAt == null ? new Object[]{Date.valueOf(asOf)}
                : new Object[]{Date.valueOf(asOf), java.sql.Timestamp.from(recordedAt)};
    }

    static PortfolioRow row(String key, long loans, long enterprises, long issued, long outstanding, long defaulted,
                            long compensated, long recovered) {
        int lossBp = issued == 0 ? 0 : BigDecimal.valueOf(defaulted).multiply(BigDecimal.valueOf(Ratio.ONE))
                .divide(BigDecimal.valueOf(issued), 0, RoundingMode.HALF_EVEN).intValueExact();
        String loss = issued == 0 ? "0%" : BigDecimal.valueOf(defaulted).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(issued), 2, RoundingMode.HALF_EVEN).toPlainString() + "%";
        return new PortfolioRow(key, loans, enterprises, issued, outstanding, defaulted, compensated, recovered, lossBp,
                loss);
    }

    static PoolRow pool(String district, long city, long districtShare, long compensated, long recovered, long waiting,
                        long exposure) {
        long contributed = city + districtShare;
        long balance = contributed - compensated + recovered;
        String coverage = exposure == 0 ? null : BigDecimal.valueOf(balance)
                .divide(BigDecimal.valueOf(exposure), 4, RoundingMode.HALF_EVEN).toPlainString();
        return new PoolRow(district, city, districtShare, contributed, compensated, recovered, balance, waiting,
                exposure, coverage);
    }
}
