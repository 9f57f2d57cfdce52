package cn.cq.fundledger.reporting.api;

import java.time.LocalDate;

/**
 * The answer of {@code GET /api/totals}: the figures the city publishes, per program, as of a business date.
 * The shape is a contract: fields are only ever added.
 */
public record Totals(LocalDate asOf, ProgramTotals seedFund, ProgramTotals equityFund, CreditLoans creditLoans,
                     GuidedLoans guidedLoans, RiskPools riskPools) {

    /** Seed or equity fund: distinct projects invested in, and the amount invested. */
    public record ProgramTotals(long projects, long investedFen, String invested) {
    }

    public record CreditLoans(long loans, long enterprises, long issuedFen, String issued, long outstandingFen,
                              long defaultedFen, long compensatedFen, long recoveredFen) {
    }

    public record GuidedLoans(long loans, long issuedFen, String issued) {
    }

    public record RiskPools(long contributedFen, long compensatedFen, long recoveredFen, long balanceFen,
                            long waitingClaimsFen) {
    }
}
