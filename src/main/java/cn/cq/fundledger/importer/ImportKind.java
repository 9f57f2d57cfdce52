package cn.cq.fundledger.importer;

import cn.cq.fundledger.credit.web.CreditRequests;
import cn.cq.fundledger.equityfund.web.EquityRequests;
import cn.cq.fundledger.seedfund.web.SeedRequests;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The kinds of file an operator can import, with their columns. Each row becomes the very command the
 * REST API sends, built by the same request record, so it passes through the same rules. The order of the
 * constants is the tie-break order of a bundle (rows of one business date apply in this order).
 */
public enum ImportKind {

    BANKS("banks", null, r -> new CreditRequests.Bank(r.get("bank_id"), r.get("name")).toCommand(),
            "bank_id:bankId", "name:name"),
    EVALUATIONS("evaluations", "evaluated_on", r -> new CreditRequests.Evaluation(r.get("enterprise_id"),
            r.get("enterprise_name"), r.get("district"), r.get("grade"), r.get("evaluated_on")).toCommand(),
            "enterprise_id:enterpriseId", "enterprise_name:enterpriseName", "district:district", "grade:grade",
            "evaluated_on:evaluatedOn"),
    RISK_SHARING("risk-sharing", "effective_from", r -> new CreditRequests.RiskSharing(r.get("effective_from"),
            r.get("fund_share_pct"), r.get("bank_id")).toCommand(),
            "effective_from:effectiveFrom", "fund_share_pct:fundSharePct", "bank_id:bankId"),
    POOL_CONTRIBUTIONS("pool-contributions", "contributed_on", r -> new CreditRequests.PoolContribution(
            r.get("contribution_id"), r.get("district"), r.get("source"), r.get("amount_yuan"),
            r.get("contributed_on")).toCommand(),
            "contribution_id:contributionId", "district:district", "source:source", "amount_yuan:amount",
            "contributed_on:contributedOn"),
    LOANS("loans", "issued_on", r -> new CreditRequests.Loan(r.get("loan_id"), r.get("bank_id"), r.get("enterprise_id"),
            r.get("district"), r.get("principal_yuan"), r.get("annual_rate_pct"), r.get("term_months"),
            r.get("issued_on")).toCommand(),
            "loan_id:loanId", "bank_id:bankId", "enterprise_id:enterpriseId", "district:district",
            "principal_yuan:principal", "annual_rate_pct:annualRatePct", "term_months:termMonths",
            "issued_on:issuedOn"),
    REPAYMENTS("repayments", "paid_on", r -> new CreditRequests.Repayment(r.get("repayment_id"), r.get("loan_id"),
            r.get("principal_yuan"), r.get("interest_yuan"), r.get("paid_on")).toCommand(),
            "repayment_id:repaymentId", "loan_id:loanId", "principal_yuan:principal", "interest_yuan:interest",
            "paid_on:paidOn"),
    DEFAULTS("defaults", "declared_on", r -> new CreditRequests.Default(r.get("loan_id"), r.get("overdue_since"),
            r.get("declared_on")).toCommand(),
            "loan_id:loanId", "overdue_since:overdueSince", "declared_on:declaredOn"),
    COMPENSATIONS("compensations", "claimed_on", r -> new CreditRequests.Claim(r.get("claim_id"), r.get("loan_id"),
            r.get("claimed_on")).toCommand(),
            "claim_id:claimId", "loan_id:loanId", "claimed_on:claimedOn"),
    RECOVERIES("recoveries", "recovered_on", r -> new CreditRequests.Recovery(r.get("recovery_id"), r.get("loan_id"),
            r.get("amount_yuan"), r.get("recovered_on")).toCommand(),
            "recovery_id:recoveryId", "loan_id:loanId", "amount_yuan:amount", "recovered_on:recoveredOn"),
    GUIDED_LOANS("guided-loans", "issued_on", r -> new CreditRequests.GuidedLoan(r.get("loan_id"), r.get("bank_id"),
            r.get("enterprise_id"), r.get("district"), r.get("principal_yuan"), r.get("issued_on")).toCommand(),
            "loan_id:loanId", "bank_id:bankId", "enterprise_id:enterpriseId", "district:district",
            "principal_yuan:principal", "issued_on:issuedOn"),
    SEED_FUNDS("seed-funds", "established_on", r -> new SeedRequests.Fund(r.get("fund_id"), r.get("name"),
            r.get("partner"), r.get("city_share_pct"), r.get("committed_yuan"), r.get("established_on")).toCommand(),
            "fund_id:fundId", "name:name", "partner:partner", "city_share_pct:citySharePct",
            "committed_yuan:committed", "established_on:establishedOn"),
    SEED_INVESTMENTS("seed-investments", "invested_on", r -> new SeedRequests.Investment(r.get("investment_id"),
            r.get("fund_id"), r.get("project_id"), r.get("enterprise_name"), r.get("instrument"), r.get("amount_yuan"),
            r.get("equity_pct"), r.get("invested_on")).toCommand(),
            "investment_id:investmentId", "fund_id:fundId", "project_id:projectId", "enterprise_name:enterpriseName",
            "instrument:instrument", "amount_yuan:amount", "equity_pct:equityPct", "invested_on:investedOn"),
    SEED_FOLLOW_ONS("seed-follow-ons", "closed_on", r -> new SeedRequests.FollowOnRound(r.get("round_id"),
            r.get("project_id"), r.get("investor"), r.get("amount_yuan"), r.get("post_money_yuan"),
            r.get("closed_on")).toCommand(),
            "round_id:roundId", "project_id:projectId", "investor:investor", "amount_yuan:amount",
            "post_money_yuan:postMoney", "closed_on:closedOn"),
    SEED_EXITS("seed-exits", "exited_on", r -> new SeedRequests.Exit(r.get("exit_id"), r.get("investment_id"),
            r.get("route"), r.get("proceeds_yuan"), r.get("exited_on")).toCommand(),
            "exit_id:exitId", "investment_id:investmentId", "route:route", "proceeds_yuan:proceeds",
            "exited_on:exitedOn"),
    EQUITY_COMMITMENTS("equity-commitments", "committed_on", r -> new EquityRequests.Commitment(r.get("fund_id"),
            r.get("fund_name"), r.get("partner"), r.get("committed_yuan"), r.get("committed_on")).toCommand(),
            "fund_id:fundId", "fund_name:fundName", "partner:partner", "committed_yuan:committedYuan",
            "committed_on:committedOn"),
    EQUITY_CALLS("equity-calls", "called_on", r -> new EquityRequests.Call(r.get("call_id"), r.get("fund_id"),
            r.get("amount_yuan"), r.get("called_on")).toCommand(),
            "call_id:callId", "fund_id:fundId", "amount_yuan:amountYuan", "called_on:calledOn"),
    EQUITY_DEALS("equity-deals", "closed_on", r -> new EquityRequests.Deal(r.get("deal_id"), r.get("fund_id"),
            r.get("project_id"), r.get("company"), r.get("amount_yuan"), r.get("stake_pct"), r.get("closed_on"))
            .toCommand(),
            "deal_id:dealId", "fund_id:fundId", "project_id:projectId", "company:company", "amount_yuan:amountYuan",
            "stake_pct:stakePct", "closed_on:closedOn"),
    EQUITY_EXITS("equity-exits", "exited_on", r -> new EquityRequests.Exit(r.get("exit_id"), r.get("deal_id"),
            r.get("proceeds_yuan"), r.get("exited_on")).toCommand(),
            "exit_id:exitId", "deal_id:dealId", "proceeds_yuan:proceedsYuan", "exited_on:exitedOn");

    private final String kind;
    private final String dateColumn;
    private final Function<Table.Row, Object> toCommand;
    private final Map<String, String> columnToField = new LinkedHashMap<>();
    private final Map<String, String> fieldToColumn = new LinkedHashMap<>();

    ImportKind(String kind, String dateColumn, Function<Table.Row, Object> toCommand, String... columns) {
        this.kind = kind;
        this.dateColumn = dateColumn;
        this.toCommand = toCommand;
        for (String pair : columns) {
            String[] parts = pair.split(":");
            columnToField.put(parts[0], parts[1]);
            fieldToColumn.put(parts[1], parts[0]);
        }
    }

    /** The name in URLs and file names: {@code loans}, {@code pool-contributions}, ... */
    public String kind() {
        return kind;
    }

    public List<String> columns() {
        return List.copyOf(columnToField.keySet());
    }

    /** The column holding the row's business date, by which a bundle orders its rows; none for banks. */
    public Optional<String> dateColumn() {
        return Optional.ofNullable(dateColumn);
    }

    /** The command of a row; throws the same refusals as the REST API for a malformed row. */
    public Object toCommand(Table.Row row) {
        return toCommand.apply(row);
    }

    /** The column a command field comes from, to name it in an error. */
    public String columnOf(String field) {
        return fieldToColumn.getOrDefault(field, field);
    }

    public static Optional<ImportKind> named(String kind) {
        return Arrays.stream(values()).filter(k -> k.kind.equals(kind)).findFirst();
    }

    /** The kind a file is for, from its name ({@code loans.csv}, {@code 2024/pool-contributions.xlsx}). */
    public static Optional<ImportKind> ofFileName(String fileName) {
        String name = fileName.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).toLowerCase(java.util.Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return named(dot < 0 ? name : name.substring(0, dot));
    }
}
