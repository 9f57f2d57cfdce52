package cn.cq.fundledger.reporting.query;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Every figure of {@code /api/totals}, defined once as a sum (or a net distinct count) over one program's
 * movement table. The totals and the "explain this number" listing are both computed from these definitions,
 * so the events an explanation lists always add up to the figure.
 */
public enum PublishedFigure {

    SEED_PROJECTS("seedFund.projects", "seed_movement", "investments", "project_id"),
    SEED_INVESTED("seedFund.investedFen", "seed_movement", "invested_fen", "invested_fen <> 0", null),
    EQUITY_PROJECTS("equityFund.projects", "equity_movement", "deals", "project_id"),
    EQUITY_INVESTED("equityFund.investedFen", "equity_movement", "invested_fen", "invested_fen <> 0", null),
    CREDIT_LOANS("creditLoans.loans", "credit_movement", "loans", "loans <> 0", null),
    CREDIT_ENTERPRISES("creditLoans.enterprises", "credit_movement", "loans", "enterprise_id"),
    CREDIT_ISSUED("creditLoans.issuedFen", "credit_movement", "issued_fen", "issued_fen <> 0", null),
    CREDIT_OUTSTANDING("creditLoans.outstandingFen", "credit_movement", "outstanding_fen", "outstanding_fen <> 0", null),
    CREDIT_DEFAULTED("creditLoans.defaultedFen", "credit_movement", "defaulted_fen", "defaulted_fen <> 0", null),
    CREDIT_COMPENSATED("creditLoans.compensatedFen", "credit_movement", "compensated_fen", "compensated_fen <> 0", null),
    CREDIT_RECOVERED("creditLoans.recoveredFen", "credit_movement", "recovered_fen", "recovered_fen <> 0", null),
    GUIDED_LOANS("guidedLoans.loans", "credit_movement", "guided_loans", "guided_loans <> 0", null),
    GUIDED_ISSUED("guidedLoans.issuedFen", "credit_movement", "guided_fen", "guided_fen <> 0", null),
    POOLS_CONTRIBUTED("riskPools.contributedFen", "credit_movement", "contributed_fen", "contributed_fen <> 0", null),
    POOLS_COMPENSATED("riskPools.compensatedFen", "credit_movement", "compensated_fen", "compensated_fen <> 0", null),
    POOLS_RECOVERED("riskPools.recoveredFen", "credit_movement", "pool_recovered_fen", "pool_recovered_fen <> 0",
            null),
    POOLS_BALANCE("riskPools.balanceFen", "credit_movement", "contributed_fen - compensated_fen + pool_recovered_fen",
            "contributed_fen - compensated_fen + pool_recovered_fen <> 0", null),
    POOLS_WAITING("riskPools.waitingClaimsFen", "credit_movement", "waiting_fen", "waiting_fen <> 0", null);

    private final String name;
    private final String table;
    private final String amount;
    private final String filter;
    private final String distinctKey;

    /** A sum of {@code amount} over the rows that match {@code filter}. */
    PublishedFigure(String name, String table, String amount, String filter, String distinctKey) {
        this.name = name;
        this.table = table;
        this.amount = amount;
        this.filter = filter;
        this.distinctKey = distinctKey;
    }

    /**
     * A count of distinct things ({@code distinctKey}) whose signed {@code step}s add up to more than zero, so a
     * reversed fact stops counting its thing (see {@link cn.cq.fundledger.system.NetCount}).
     */
    PublishedFigure(String name, String table, String step, String distinctKey) {
        this(name, table, step, step + " <> 0", distinctKey);
    }

    /** The figure's path in the answer of /api/totals, e.g. {@code creditLoans.issuedFen}. */
    public String figureName() {
        return name;
    }

    String table() {
        return table;
    }

    String amount() {
        return amount;
    }

    String filter() {
        return filter;
    }

    /** For a count of distinct things (projects, enterprises): the column naming the thing, {@link #amount()}
     *  being its signed step; else null. */
    public String distinctKey() {
        return distinctKey;
    }

    /** The aggregate of a sum figure over a table's rows, as one SELECT column. */
    String sum() {
        return "COALESCE(SUM(CASE WHEN " + filter + " THEN " + amount + " ELSE 0 END), 0)";
    }

    public static Optional<PublishedFigure> named(String name) {
        return Arrays.stream(values()).filter(f -> f.name.equals(name)).findFirst();
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(PublishedFigure::figureName).toList();
    }
}
