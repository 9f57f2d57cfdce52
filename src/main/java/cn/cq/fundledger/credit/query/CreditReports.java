package cn.cq.fundledger.credit.query;

import cn.cq.fundledger.core.Money;
import cn.cq.fundledger.core.Ratio;
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

    /** A page of the events behind one figure of one row of a report; over all pages they add up to {@code value}. */
    public record Explanation(String report, String key, String figure, LocalDate asOf, Instant recordedAt, long value,
                              long events, int page, int size, List<Part> parts) {
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

    public static java.util.Set<String> portfolioFigures() {
        return new java.util.TreeSet<>(PORTFOLIO_FIGURES.keySet());
    }

    public static java.util.Set<String> poolFigures() {
        return new java.util.TreeSet<>(POOL_FIGURES.keySet());
    }

    /** The events that make up one figure of one row of a portfolio breakdown. */
    public Explanation explainPortfolio(Dimension by, String key, String figure, LocalDate asOf, Instant recordedAt,
                                        int page, int size) {
        String amount = PORTFOLIO_FIGURES.get(figure);
        String rows = "SELECT m.*, " + amount + " AS amount FROM (SELECT CAST(" + by.column + " AS VARCHAR(64)) AS k, "
                + "m.* FROM credit_movement m JOIN credit_loan l ON l.loan_id = m.loan_id WHERE " + when("m", recordedAt)
                + " AND m.kind IN " + LOAN_KINDS + ") m WHERE m.k = ? AND " + amount + " <> 0";
        return explanation("portfolio/" + by.name().toLowerCase(), key, figure, asOf, recordedAt, rows, page, size);
    }

    /** The events that make up one figure of one district's pool. */
    public Explanation explainPool(String district, String figure, LocalDate asOf, Instant recordedAt, int page,
                                   int size) {
        String amount = POOL_FIGURES.get(figure);
        String rows = "SELECT m.*, " + amount + " AS amount FROM credit_movement m WHERE " + when("m", recordedAt)
                + " AND m.district = ? AND " + amount + " <> 0";
        return explanation("pools", district, figure, asOf, recordedAt, rows, page, size);
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
                events == null ? 0 : events, page, size, parts);
    }

    private static final String LOAN_KINDS =
            "('LOAN_ISSUED','REPAYMENT','DEFAULT','CLAIM','COMPENSATION','RECOVERY','REVERSAL')";
    private static final String FIGURES = "COALESCE(SUM(m.loans),0), COUNT(DISTINCT CASE WHEN m.kind = 'LOAN_ISSUED' "
            + "THEN m.enterprise_id END), COALESCE(SUM(m.issued_fen),0), COALESCE(SUM(m.outstanding_fen),0), "
            + "COALESCE(SUM(m.defaulted_fen),0), COALESCE(SUM(m.compensated_fen),0), COALESCE(SUM(m.recovered_fen),0)";

    private final JdbcTemplate jdbc;

    public CreditReports(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Portfolio portfolio(Dimension by, LocalDate asOf) {
        return portfolio(by, asOf, null);
    }

    /** With {@code recordedAt}: as the ledger said at that instant (events recorded later left out). */
    public Portfolio portfolio(Dimension by, LocalDate asOf, Instant recordedAt) {
        String movements = "SELECT CAST(" + by.column + " AS VARCHAR(64)) AS k, m.* FROM credit_movement m "
                + "JOIN credit_loan l ON l.loan_id = m.loan_id WHERE " + when("m", recordedAt) + " AND m.kind IN "
                + LOAN_KINDS;
        List<PortfolioRow> rows = jdbc.query("SELECT m.k, " + FIGURES + " FROM (" + movements + ") m GROUP BY m.k "
                        + "ORDER BY m.k",
                (rs, i) -> row(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                        rs.getLong(6), rs.getLong(7), rs.getLong(8)), at(asOf, recordedAt));
        PortfolioRow total = jdbc.queryForObject("SELECT " + FIGURES + " FROM (" + movements + ") m",
                (rs, i) -> row("total", rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                        rs.getLong(6), rs.getLong(7)), at(asOf, recordedAt));
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
                + "l.fund_share_bp, CASE WHEN SUM(m.defaulted_fen) > 0 THEN 'DEFAULTED' "
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
        LoanBookRow sums = jdbc.queryForObject("SELECT COUNT(*), COALESCE(SUM(principal_fen),0), "
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
