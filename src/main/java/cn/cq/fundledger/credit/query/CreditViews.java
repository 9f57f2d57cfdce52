package cn.cq.fundledger.credit.query;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** What the credit program's read endpoints answer. Amounts are whole fen. */
public final class CreditViews {

    private CreditViews() {
    }

    /** A bank and its fuse status (NORMAL, WARNED, SUSPENDED) since the date of the latest decision. */
    public record BankView(String bankId, String name, String fuseStatus, LocalDate since, Integer lossRateBp) {
    }

    public record FuseDecisionView(long position, String bankId, LocalDate businessDate, String status,
                                   Integer lossRateBp, String reason, String recordedBy) {
    }

    public record FuseThresholdView(long position, LocalDate effectiveFrom, int warningBp, int suspensionBp,
                                    String recordedBy, Instant recordedAt) {
    }

    /** An evaluation; {@code reversal} is set when a correction reversed it. */
    public record EvaluationView(String enterpriseId, LocalDate evaluatedOn, String enterpriseName, String district,
                                 String grade, LocalDate validUntil, long creditLineFen, CorrectionView reversal) {
    }

    /** A correction: the reversal of a fact, linked to the event that recorded it and to its replacement, if any. */
    public record CorrectionView(long position, String eventId, String kind, String factId, String reversesEventId,
                                 LocalDate businessDate, String reason, String replacedBy, String recordedBy,
                                 Instant recordedAt) {
    }

    public record RiskSharingVersionView(long position, LocalDate effectiveFrom, String bankId, int fundShareBp,
                                         String recordedBy, Instant recordedAt) {
    }

    public record PoolView(String district, long contributedFen, long compensatedFen, long recoveredFen,
                           long balanceFen, long waitingClaimsFen) {
    }

    public record ClaimView(String claimId, String loanId, String bankId, LocalDate claimedOn, long unrecoveredFen,
                            int fundShareBp, long poolShareFen, long bankShareFen, LocalDate paidOn,
                            CorrectionView reversal) {
    }

    public record MovementView(long position, String eventId, LocalDate businessDate, String kind, String factId,
                               long issuedFen, long outstandingFen, long defaultedFen, long compensatedFen,
                               long waitingFen, long recoveredFen, long poolRecoveredFen, long interestFen) {
    }

    public record LoanView(String loanId, String bankId, String enterpriseId, String district, long principalFen,
                           int annualRateBp, int termMonths, LocalDate issuedOn, String grade, int fundShareBp,
                           LocalDate asOf, String status, long outstandingFen, long defaultedFen,
                           long compensatedFen, long waitingCompensationFen, long recoveredFen,
                           long poolRecoveredFen, long interestPaidFen, List<MovementView> movements,
                           List<CorrectionView> corrections) {
    }
}
