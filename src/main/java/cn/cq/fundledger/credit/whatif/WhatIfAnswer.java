package cn.cq.fundledger.credit.whatif;

import cn.cq.fundledger.reporting.api.Totals;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The answer of {@code POST /api/what-if/credit}: the scenario as understood (a valid request body again), the
 * figures of {@code /api/totals} actual and what-if at each date, per district pool and per bank as of the last date,
 * the monthly pool balances for charts, and the recorded facts the scenario's rules would have refused. Amounts in
 * fen. The shape is a contract: fields are only ever added.
 */
public record WhatIfAnswer(Scenario scenario, List<Result> results, List<Pool> pools, List<Bank> banks,
                           List<ParallelCreditModel.Finding> findings, Map<String, Long> findingCounts,
                           List<TimelinePoint> timeline) {

    /** The scenario as the ledger understood it: null lists keep the recorded policy. */
    public record Scenario(String name, List<RiskSharing> riskSharing, List<FuseThresholds> fuseThresholds,
                           List<ExtraPoolContribution> extraPoolContributions, List<LocalDate> asOf) {
    }

    public record RiskSharing(LocalDate effectiveFrom, String fundSharePct, String bankId) {
    }

    public record FuseThresholds(LocalDate effectiveFrom, String warningPct, String suspensionPct) {
    }

    public record ExtraPoolContribution(String district, String source, String amount, LocalDate contributedOn) {
    }

    /** The published figures at one date: as recorded (the read model), and under the scenario. */
    public record Result(LocalDate asOf, Figures actual, Figures whatIf) {
    }

    /** Exactly the credit loans' and risk pools' fields of {@code /api/totals}. */
    public record Figures(Totals.CreditLoans creditLoans, Totals.RiskPools riskPools) {
    }

    /** A district's pool as of {@code asOf}, actual and what-if. */
    public record Pool(String district, LocalDate asOf, PoolSide actual, PoolSide whatIf) {
    }

    /**
     * @param firstShortfall the first date the pool could not pay a claim when it came (null: it always could)
     */
    public record PoolSide(long contributedFen, long compensatedFen, long recoveredFen, long waitingFen,
                           long balanceFen, LocalDate firstShortfall) {
    }

    /** A bank's losses on defaulted loans as of {@code asOf}, and who bore them, actual and what-if. */
    public record Bank(String bankId, String name, LocalDate asOf, BankSide actual, BankSide whatIf) {
    }

    /**
     * @param lostFen       unrecovered principal of its defaulted loans
     * @param recoveredFen  recovered since
     * @param poolBorneFen  what the pools paid on its claims less their share of its recoveries
     * @param bankBorneFen  the rest of the loss: the bank's own
     * @param decisions     the fuse's decisions (WARN, SUSPEND) with their dates
     */
    public record BankSide(long lostFen, long recoveredFen, long poolBorneFen, long bankBorneFen,
                           List<Decision> decisions) {
    }

    public record Decision(String decision, LocalDate date) {
    }

    /** All pools together at a month's end (or a date asked for), actual and what-if. */
    public record TimelinePoint(LocalDate date, long actualBalanceFen, long whatIfBalanceFen, long actualWaitingFen,
                                long whatIfWaitingFen) {
    }
}
