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
 * <p>Corrections ({@link FactReversed}) undo in the model what the aggregate undoes: a reversed contribution or
 * recovery leaves the pool on its own business date, a reversed claim leaves the queue (and the claims behind it
 * are paid if the pool can), a reversed loan or default leaves the bank's figures. Where the scenario already acted
 * on the reversed fact (its pool paid the claim, or spent the money), the reversal is kept as far as it can be and
 * listed as a finding.
 *
 * <p>Every figure is kept as dated {@link Movement}s, so the model answers as of any date, per district and per
 * bank, like the read model does.
 */
public final class ParallelCreditModel {

    /** A scenario: versions that replace the recorded ones (null: keep the recorded), and money added to pools. */
    public record Scenario(List<RiskSharingPolicy.Version> riskSharing, List<FusePolicy.Thresholds> fuseThresholds,
                           List<ExtraContribution> extraContributions) {
    }

    public record ExtraContribution(String district, cn.cq.fundledger.credit.api.PoolSource source, Money amount,
                                    LocalDate contributedOn) {
    }

    /**
     * A dated change of one figure in the model (fen): {@link #CONTRIBUTED}, {@link #COMPENSATED},
     * {@link #POOL_RECOVERED}, {@link #WAITING} of a district's pool, and {@link #LOST}, {@link #RECOVERED} of a
     * bank's defaulted loans (bankId null for contributions).
     */
    public record Movement(LocalDate date, String district, String bankId, String figure, long fen) {
    }

    public static final String CONTRIBUTED = "contributed";
    public static final String COMPENSATED = "compensated";
    public static final String POOL_RECOVERED = "poolRecovered";
    public static final String WAITING = "waiting";
    public static final String LOST = "lost";
    public static final String RECOVERED = "recovered";

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
    private final Map<String, Money> recoveryShares = new HashMap<>();
    private final List<ExtraContribution> extras;
    private final List<Movement> movements = new ArrayList<>();
    private final List<FuseDecision> decisions = new ArrayList<>();
    private final List<Finding> findings = new ArrayList<>();
    private final Map<String, LocalDate> firstShortfall = new LinkedHashMap<>();
    private int nextExtra;

    /** What a bank's defaults cost as of a date, and who bore it: the pools (paid less recovered) and the bank. */
    public record BankTally(long lostFen, long recoveredFen, long poolPaidFen, long poolRecoveredFen) {

        /** The loss the pools bear: what they paid on the bank's claims less their share of its recoveries. */
        public long poolBorneFen() {
            return poolPaidFen - poolRecoveredFen;
        }

        /** The loss the bank bears: unrecovered principal at default, less all recoveries, less the pools' part. */
        public long bankBorneFen() {
            return lostFen - recoveredFen - poolBorneFen();
        }
    }

    /** A district pool's figures as of a date (fen); balance = contributed − compensated + recovered. */
    public record PoolFigures(long contributedFen, long compensatedFen, long recoveredFen, long waitingFen) {

        public long balanceFen() {
            return contributedFen - compensatedFen + recoveredFen;
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
            inflow(received.district(), received.contributedOn(), received.amount());
        } else if (event instanceof RecoveryRecorded recovery) {
            recover(recovery);
        } else if (event instanceof FactReversed reversed) {
            reverse(reversed);
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
        inflow(extra.district(), extra.contributedOn(), extra.amount());
    }

    private void inflow(String district, LocalDate date, Money amount) {
        movements.add(new Movement(date, district, null, CONTRIBUTED, amount.fen()));
        DistrictPool pool = pool(district);
        pool.move(date, amount);
        payWaiting(pool, date);
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
        movements.add(new Movement(defaulted.declaredOn(), defaulted.district(), defaulted.bankId(), LOST,
                defaulted.unrecoveredPrincipal().fen()));
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
        movements.add(new Movement(claimed.claimedOn(), claimed.district(), claimed.bankId(), WAITING,
                poolShare.fen()));
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
        recoveryShares.put(recovery.recoveryId(), poolShare);
        movements.add(new Movement(recovery.recoveredOn(), recovery.district(), recovery.bankId(), RECOVERED,
                recovery.amount().fen()));
        if (poolShare.isPositive()) {
            movements.add(new Movement(recovery.recoveredOn(), recovery.district(), recovery.bankId(), POOL_RECOVERED,
                    poolShare.fen()));
            DistrictPool pool = pool(recovery.district());
            pool.move(recovery.recoveredOn(), poolShare);
            payWaiting(pool, recovery.recoveredOn());
        }
    }

    /** A correction: undone in the model as the aggregate undoes it, on the reversed fact's own business date. */
    private void reverse(FactReversed reversed) {
        LocalDate date = reversed.businessDate();
        switch (reversed.kind()) {
            case CONTRIBUTION -> {
                outflow(reversed, reversed.amount());
                movements.add(new Movement(date, reversed.district(), null, CONTRIBUTED, -reversed.amount().fen()));
            }
            case LOAN -> bank(reversed.bankId()).changeIssued(reversed.principal().negate());
            case DEFAULT -> {
                bank(reversed.bankId()).lose(reversed.principal().negate());
                movements.add(new Movement(date, reversed.district(), reversed.bankId(), LOST,
                        -reversed.principal().fen()));
            }
            case CLAIM -> reverseClaim(reversed);
            case RECOVERY -> {
                LoanState loan = loans.get(reversed.loanId());
                Money poolShare = recoveryShares.remove(reversed.factId());
                loan.poolRecovered = loan.poolRecovered.minus(poolShare);
                movements.add(new Movement(date, reversed.district(), reversed.bankId(), RECOVERED,
                        -reversed.amount().fen()));
                if (poolShare.isPositive()) {
                    outflow(reversed, poolShare);
                    movements.add(new Movement(date, reversed.district(), reversed.bankId(), POOL_RECOVERED,
                            -poolShare.fen()));
                }
            }
            default -> {
                // repayments, guided loans and evaluations move nothing the model keeps
            }
        }
    }

    /** Money leaves a pool on the reversed fact's date; if the scenario's pool had spent it, that is a finding. */
    private void outflow(FactReversed reversed, Money amount) {
        DistrictPool pool = pool(reversed.district());
        Money lowest = pool.lowestFrom(reversed.businessDate());
        if (lowest.isLessThan(amount)) {
            findings.add(new Finding(reversed.businessDate(), "pool-balance-used", reversed.factId(), "the reversal of "
                    + reversed.kind().name().toLowerCase() + " " + reversed.factId() + " takes " + amount + " from the "
                    + reversed.district() + " pool, which the scenario had spent on claims (it held as little as "
                    + lowest + "): its balance goes below zero"));
        }
        pool.move(reversed.businessDate(), amount.negate());
    }

    private void reverseClaim(FactReversed reversed) {
        ClaimState claim = claims.get(reversed.factId());
        if (claim.paidOn != null) {
            findings.add(new Finding(reversed.businessDate(), "claim-paid", reversed.factId(), "claim "
                    + reversed.factId() + " was reversed while waiting, but the scenario's pool had paid it on "
                    + claim.paidOn + ": the payment stays"));
            return;
        }
        claims.remove(claim.claimId);
        LoanState loan = loans.get(claim.loanId);
        if (loan.claim == claim) {
            loan.claim = null;
        }
        DistrictPool pool = pool(reversed.district());
        pool.dequeue(claim.claimId);
        movements.add(new Movement(claim.claimedOn, reversed.district(), reversed.bankId(), WAITING,
                -claim.poolShare.fen()));
        // the claims that waited behind it are paid if the pool can, as the aggregate does
        payWaiting(pool, claim.claimedOn);
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
            String bankId = loans.get(paid.loanId).issued.bankId();
            movements.add(new Movement(payment.paidOn(), pool.district(), bankId, COMPENSATED, payment.amount().fen()));
            movements.add(new Movement(payment.paidOn(), pool.district(), bankId, WAITING, -payment.amount().fen()));
        }
    }

    /** The first date each district's pool could not pay a claim when it came (claims waiting for money). */
    public Map<String, LocalDate> firstShortfall() {
        return Map.copyOf(firstShortfall);
    }

    /** The first date the district's pool could not pay a claim when it came, if that was on or before asOf. */
    public Optional<LocalDate> firstShortfall(String district, LocalDate asOf) {
        return Optional.ofNullable(firstShortfall.get(district)).filter(d -> !d.isAfter(asOf));
    }

    /** Per bank, what its defaults cost the pools and the bank itself over the whole history. */
    public Map<String, BankTally> banks() {
        return banks(LocalDate.MAX);
    }

    /** Per bank (in order of its first loss), what its defaults cost the pools and the bank as of a date. */
    public Map<String, BankTally> banks(LocalDate asOf) {
        Map<String, long[]> sums = new LinkedHashMap<>();
        for (Movement m : movements) {
            if (m.bankId() == null || m.date().isAfter(asOf)) {
                continue;
            }
            long[] sum = sums.computeIfAbsent(m.bankId(), id -> new long[4]);
            switch (m.figure()) {
                case LOST -> sum[0] += m.fen();
                case RECOVERED -> sum[1] += m.fen();
                case COMPENSATED -> sum[2] += m.fen();
                case POOL_RECOVERED -> sum[3] += m.fen();
                default -> {
                    // waiting: no loss yet
                }
            }
        }
        Map<String, BankTally> tallies = new LinkedHashMap<>();
        sums.forEach((bank, s) -> tallies.put(bank, new BankTally(s[0], s[1], s[2], s[3])));
        return java.util.Collections.unmodifiableMap(tallies);
    }

    /** Per district (in order of first appearance), the pool's figures as of a date. */
    public Map<String, PoolFigures> pools(LocalDate asOf) {
        Map<String, long[]> sums = new LinkedHashMap<>();
        pools.keySet().forEach(district -> sums.put(district, new long[4]));
        for (Movement m : movements) {
            if (m.date().isAfter(asOf)) {
                continue;
            }
            addToPool(sums.computeIfAbsent(m.district(), d -> new long[4]), m);
        }
        Map<String, PoolFigures> figures = new LinkedHashMap<>();
        sums.forEach((district, s) -> figures.put(district, new PoolFigures(s[0], s[1], s[2], s[3])));
        return java.util.Collections.unmodifiableMap(figures);
    }

    /** All pools together as of each of the given dates (ascending), in one pass over the movements. */
    public List<PoolFigures> poolsOver(List<LocalDate> dates) {
        List<Movement> sorted = movements.stream().sorted(java.util.Comparator.comparing(Movement::date)).toList();
        List<PoolFigures> answer = new ArrayList<>();
        long[] sum = new long[4];
        int i = 0;
        for (LocalDate date : dates) {
            while (i < sorted.size() && !sorted.get(i).date().isAfter(date)) {
                addToPool(sum, sorted.get(i++));
            }
            answer.add(new PoolFigures(sum[0], sum[1], sum[2], sum[3]));
        }
        return answer;
    }

    /** A movement added to a pool's sums: contributed, compensated, recovered, waiting (a bank's figures aside). */
    private static void addToPool(long[] sum, Movement m) {
        switch (m.figure()) {
            case CONTRIBUTED -> sum[0] += m.fen();
            case COMPENSATED -> sum[1] += m.fen();
            case POOL_RECOVERED -> sum[2] += m.fen();
            case WAITING -> sum[3] += m.fen();
            default -> {
                // a bank's figures
            }
        }
    }

    /** The earliest business date of any movement, if there is one. */
    public Optional<LocalDate> firstDate() {
        return movements.stream().map(Movement::date).min(java.util.Comparator.naturalOrder());
    }

    /** The name a bank was registered with (its id if it was not). */
    public String bankName(String bankId) {
        BankLosses bank = banks.get(bankId);
        return bank == null ? bankId : bank.name();
    }

    private BankLosses bank(String bankId) {
        return banks.computeIfAbsent(bankId, BankLosses::new);
    }

    private DistrictPool pool(String district) {
        return pools.computeIfAbsent(district, DistrictPool::new);
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
