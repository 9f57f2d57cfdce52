package cn.cq.fundledger.credit.whatif;

import cn.cq.fundledger.core.Money;
import cn.cq.fundledger.core.Ratio;
import cn.cq.fundledger.credit.api.BankRegistered;
import cn.cq.fundledger.credit.api.BankReinstated;
import cn.cq.fundledger.credit.api.CompensationClaimed;
import cn.cq.fundledger.credit.api.CreditProgramOpened;
import cn.cq.fundledger.credit.api.FactReversed;
import cn.cq.fundledger.credit.api.FuseThresholdsSet;
import cn.cq.fundledger.credit.api.LoanDefaulted;
import cn.cq.fundledger.credit.api.LoanIssued;
import cn.cq.fundledger.credit.api.PoolContributionReceived;
import cn.cq.fundledger.credit.api.RecoveryRecorded;
import cn.cq.fundledger.credit.api.RiskSharingRatioSet;
import cn.cq.fundledger.credit.domain.BankLosses;
import cn.cq.fundledger.credit.domain.Compensation;
import cn.cq.fundledger.credit.domain.DistrictPool;
import cn.cq.fundledger.credit.domain.FusePolicy;
import cn.cq.fundledger.credit.domain.RiskSharingPolicy;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The credit program's history replayed under another policy, beside the real one and touching nothing of it (the
 * "parallel model"): the recorded facts are taken in the order they were recorded and run through the same rules
 * the aggregate runs ({@code credit.domain}), under the scenario's risk-sharing ratio and fuse thresholds (or the
 * recorded ones where the scenario keeps them), with the scenario's extra pool contributions added. Claims are
 * recomputed (the loan's scenario fund share of its unrecovered principal), payments re-derived from the pools'
 * queues, recoveries split in the scenario ratio and capped at what the scenario pool paid. Facts the scenario's
 * rules would have refused are kept and listed as {@link Finding}s.
 *
 * <p>Work in progress (issue 13): corrections ({@link FactReversed}) are not modelled yet; each is listed as a
 * finding, so a history with corrections is never silently mis-modelled.
 */
public final class ParallelCreditModel {

    /** A scenario: versions that replace the recorded ones (null: keep the recorded), and money added to pools. */
    public record Scenario(List<RiskSharingPolicy.Version> riskSharing, List<FusePolicy.Thresholds> fuseThresholds,
                           List<ExtraContribution> extraContributions) {
    }

    public record ExtraContribution(String district, Money amount, LocalDate contributedOn) {
    }

    /** A dated change of one figure of /api/totals in the model (fen). */
    public record Movement(LocalDate date, String district, String figure, long fen) {
    }

    /** A fuse decision: WARN or SUSPEND of a bank on a date. */
    public record FuseDecision(String bankId, String decision, LocalDate date) {
    }

    /** A recorded fact the scenario's rules would have refused (or that the model cannot take yet), with its date. */
    public record Finding(LocalDate date, String rule, String factId, String message) {
    }

    private final boolean scenarioRatios;
    private final boolean scenarioFuse;
    private final RiskSharingPolicy riskSharing = new RiskSharingPolicy();
    private final FusePolicy fuse = new FusePolicy();
    private final Map<String, BankLosses> banks = new HashMap<>();
    private final Map<String, DistrictPool> pools = new LinkedHashMap<>();
    private final Map<String, LoanState> loans = new HashMap<>();
    private final Map<String, ClaimState> claims = new HashMap<>();
    private final List<ExtraContribution> extras;
    private final List<Movement> movements = new ArrayList<>();
    private final List<FuseDecision> decisions = new ArrayList<>();
    private final List<Finding> findings = new ArrayList<>();
    private final Map<String, LocalDate> firstShortfall = new LinkedHashMap<>();
    private final Map<String, BankTally> tallies = new LinkedHashMap<>();
    private int nextExtra;

    /** What a bank's defaults cost, and who bore it: the pools (paid less recovered) and the bank (the rest). */
    public static final class BankTally {
        private long lostFen;
        private long recoveredFen;
        private long poolPaidFen;
        private long poolRecoveredFen;

        /** The loss the pools bear: what they paid on the bank's claims less their share of its recoveries. */
        public long poolBorneFen() {
            return poolPaidFen - poolRecoveredFen;
        }

        /** The loss the bank bears: unrecovered principal at default, less all recoveries, less the pools' part. */
        public long bankBorneFen() {
            return lostFen - recoveredFen - poolBorneFen();
        }
    }

    private static final class LoanState {
        final LoanIssued issued;
        final Ratio fundShare;
        ClaimState claim;
        Money poolRecovered = Money.ZERO;

        LoanState(LoanIssued issued, Ratio fundShare) {
            this.issued = issued;
            this.fundShare = fundShare;
        }
    }

    private static final class ClaimState {
        final String claimId;
        final String loanId;
        final Money poolShare;
        final LocalDate claimedOn;
        LocalDate paidOn;

        ClaimState(String claimId, String loanId, Money poolShare, LocalDate claimedOn) {
            this.claimId = claimId;
            this.loanId = loanId;
            this.poolShare = poolShare;
            this.claimedOn = claimedOn;
        }
    }

    public ParallelCreditModel(Scenario scenario) {
        this.scenarioRatios = scenario.riskSharing() != null;
        this.scenarioFuse = scenario.fuseThresholds() != null;
        if (scenarioRatios) {
            scenario.riskSharing().forEach(riskSharing::add);
        }
        if (scenarioFuse) {
            scenario.fuseThresholds().stream().sorted(java.util.Comparator.comparing(FusePolicy.Thresholds::effectiveFrom))
                    .forEach(fuse::add);
        }
        this.extras = scenario.extraContributions() == null ? List.of() : scenario.extraContributions().stream()
                .sorted(java.util.Comparator.comparing(ExtraContribution::contributedOn)).toList();
    }

    /** The next recorded event of the credit program, in the order recorded, with its business date. */
    public void accept(Object event, LocalDate businessDate) {
        if (businessDate != null) {
            // the scenario's extra money arrives before the first recorded fact dated after it
            while (nextExtra < extras.size() && extras.get(nextExtra).contributedOn().isBefore(businessDate)) {
                contribute(extras.get(nextExtra++));
            }
        }
        if (event instanceof CreditProgramOpened opened) {
            if (!scenarioFuse) {
                fuse.add(new FusePolicy.Thresholds(opened.programStart(), opened.fuseWarning(),
                        opened.fuseSuspension()));
            }
        } else if (event instanceof RiskSharingRatioSet set) {
            if (!scenarioRatios) {
                riskSharing.add(new RiskSharingPolicy.Version(set.effectiveFrom(), set.fundShare(), set.bankId()));
            }
        } else if (event instanceof FuseThresholdsSet set) {
            if (!scenarioFuse) {
                fuse.add(new FusePolicy.Thresholds(set.effectiveFrom(), set.warning(), set.suspension()));
            }
        } else if (event instanceof BankRegistered registered) {
            banks.put(registered.bankId(), new BankLosses(registered.name()));
        } else if (event instanceof BankReinstated reinstated) {
            bank(reinstated.bankId()).reinstate();
        } else if (event instanceof LoanIssued issued) {
            issue(issued);
        } else if (event instanceof LoanDefaulted defaulted) {
            lose(defaulted);
        } else if (event instanceof CompensationClaimed claimed) {
            claim(claimed);
        } else if (event instanceof PoolContributionReceived received) {
            movements.add(new Movement(received.contributedOn(), received.district(), "contributed",
                    received.amount().fen()));
            DistrictPool pool = pool(received.district());
            pool.move(received.contributedOn(), received.amount());
            payWaiting(pool, received.contributedOn());
        } else if (event instanceof RecoveryRecorded recovery) {
            recover(recovery);
        } else if (event instanceof FactReversed reversed) {
            findings.add(new Finding(reversed.businessDate(), "correction-not-modelled", reversed.factId(),
                    "the correction of " + reversed.kind() + " " + reversed.factId() + " is not modelled yet: the "
                            + "figures after it may differ from a full model"));
        }
        // repayments, closings, evaluations, guided loans, the recorded payments and fuse decisions: the model
        // derives its own payments and decisions and needs nothing of these
    }

    /** Ends the history: the extra money dated after every recorded fact arrives. */
    public void finish() {
        while (nextExtra < extras.size()) {
            contribute(extras.get(nextExtra++));
        }
    }

    private void contribute(ExtraContribution extra) {
        movements.add(new Movement(extra.contributedOn(), extra.district(), "contributed", extra.amount().fen()));
        DistrictPool pool = pool(extra.district());
        pool.move(extra.contributedOn(), extra.amount());
        payWaiting(pool, extra.contributedOn());
    }

    private void issue(LoanIssued issued) {
        BankLosses bank = bank(issued.bankId());
        if (bank.suspended()) {
            findings.add(new Finding(issued.issuedOn(), "bank-suspended", issued.loanId(), "loan " + issued.loanId()
                    + " was issued by bank " + issued.bankId() + ", which the scenario's fuse had suspended"));
        }
        Ratio share = riskSharing.fundShareOn(issued.bankId(), issued.issuedOn()).orElseGet(() -> {
            findings.add(new Finding(issued.issuedOn(), "no-risk-sharing-ratio", issued.loanId(), "no ratio of the "
                    + "scenario is in force on " + issued.issuedOn() + "; the loan keeps its recorded share"));
            return issued.fundShare();
        });
        loans.put(issued.loanId(), new LoanState(issued, share));
        bank.issue(issued.principal());
    }

    private void lose(LoanDefaulted defaulted) {
        BankLosses bank = bank(defaulted.bankId());
        tally(defaulted.bankId()).lostFen += defaulted.unrecoveredPrincipal().fen();
        Money before = bank.lost();
        bank.lose(defaulted.unrecoveredPrincipal());
        FusePolicy.Decision decision = fuse.decide(bank, before, defaulted.declaredOn());
        if (decision.warn()) {
            decisions.add(new FuseDecision(defaulted.bankId(), "WARN", defaulted.declaredOn()));
        }
        if (decision.suspend()) {
            decisions.add(new FuseDecision(defaulted.bankId(), "SUSPEND", defaulted.declaredOn()));
            bank.suspend();
        }
    }

    private void claim(CompensationClaimed claimed) {
        LoanState loan = loans.get(claimed.loanId());
        Money poolShare = Compensation.claim(claimed.unrecoveredPrincipal(), loan.fundShare).first();
        ClaimState claim = new ClaimState(claimed.claimId(), claimed.loanId(), poolShare, claimed.claimedOn());
        loan.claim = claim;
        claims.put(claim.claimId, claim);
        movements.add(new Movement(claimed.claimedOn(), claimed.district(), "waiting", poolShare.fen()));
        DistrictPool pool = pool(claimed.district());
        pool.enqueue(claim.claimId);
        payWaiting(pool, claimed.claimedOn());
        if (claim.paidOn == null) {
            firstShortfall.putIfAbsent(claimed.district(), claimed.claimedOn());
        }
    }

    private void recover(RecoveryRecorded recovery) {
        LoanState loan = loans.get(recovery.loanId());
        Money poolShare = Money.ZERO;
        if (loan.claim == null || loan.claim.paidOn == null || recovery.recoveredOn().isBefore(loan.claim.paidOn)) {
            findings.add(new Finding(recovery.recoveredOn(), "recovery-before-compensation", recovery.recoveryId(),
                    "recovery " + recovery.recoveryId() + " of loan " + recovery.loanId() + " comes before the "
                            + "scenario's pool paid the loan's claim: the pool takes no share of it"));
        } else {
            poolShare = Compensation.poolShareOfRecovery(recovery.amount(), loan.fundShare, loan.claim.poolShare,
                    loan.poolRecovered);
        }
        loan.poolRecovered = loan.poolRecovered.plus(poolShare);
        BankTally tally = tally(recovery.bankId());
        tally.recoveredFen += recovery.amount().fen();
        tally.poolRecoveredFen += poolShare.fen();
        if (poolShare.isPositive()) {
            movements.add(new Movement(recovery.recoveredOn(), recovery.district(), "poolRecovered", poolShare.fen()));
            DistrictPool pool = pool(recovery.district());
            pool.move(recovery.recoveredOn(), poolShare);
            payWaiting(pool, recovery.recoveredOn());
        }
    }

    /** The pool pays its queue as the aggregate does: the same {@link DistrictPool#nextPayment}, strictly oldest first. */
    private void payWaiting(DistrictPool pool, LocalDate inflowDate) {
        Optional<DistrictPool.Payment> next;
        while ((next = pool.nextPayment(inflowDate, id -> new DistrictPool.ClaimTerms(claims.get(id).poolShare,
                claims.get(id).claimedOn))).isPresent()) {
            DistrictPool.Payment payment = next.get();
            pool.pay(payment.claimId(), payment.amount(), payment.paidOn());
            ClaimState paid = claims.get(payment.claimId());
            paid.paidOn = payment.paidOn();
            tally(loans.get(paid.loanId).issued.bankId()).poolPaidFen += payment.amount().fen();
            movements.add(new Movement(payment.paidOn(), pool.district(), "compensated", payment.amount().fen()));
            movements.add(new Movement(payment.paidOn(), pool.district(), "waiting", -payment.amount().fen()));
        }
    }

    private BankTally tally(String bankId) {
        return tallies.computeIfAbsent(bankId, id -> new BankTally());
    }

    /** The first date each district's pool could not pay a claim when it came (claims waiting for money). */
    public Map<String, LocalDate> firstShortfall() {
        return Map.copyOf(firstShortfall);
    }

    /** Per bank, what its defaults cost the pools and the bank itself over the whole history. */
    public Map<String, BankTally> banks() {
        return java.util.Collections.unmodifiableMap(tallies);
    }

    private BankLosses bank(String bankId) {
        return banks.computeIfAbsent(bankId, BankLosses::new);
    }

    private DistrictPool pool(String district) {
        return pools.computeIfAbsent(district, DistrictPool::new);
    }

    public List<Movement> movements() {
        return List.copyOf(movements);
    }

    public List<FuseDecision> decisions() {
        return List.copyOf(decisions);
    }

    public List<Finding> findings() {
        return List.copyOf(findings);
    }

    /** A figure summed over the movements dated on or before {@code asOf} (all districts, or one). */
    public long total(String figure, LocalDate asOf, String district) {
        return movements.stream().filter(m -> m.figure().equals(figure) && !m.date().isAfter(asOf)
                && (district == null || district.equals(m.district()))).mapToLong(Movement::fen).sum();
    }
}
