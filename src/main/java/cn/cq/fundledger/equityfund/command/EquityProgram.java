package cn.cq.fundledger.equityfund.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import cn.cq.fundledger.core.Allocation;
import cn.cq.fundledger.core.Money;
import cn.cq.fundledger.core.Ratio;
import cn.cq.fundledger.core.Recorded;
import cn.cq.fundledger.core.Require;
import cn.cq.fundledger.core.RuleViolation;
import cn.cq.fundledger.equityfund.api.CallCapital;
import cn.cq.fundledger.equityfund.api.CapitalCalled;
import cn.cq.fundledger.equityfund.api.CapitalCommitted;
import cn.cq.fundledger.equityfund.api.CloseDeal;
import cn.cq.fundledger.equityfund.api.DealClosed;
import cn.cq.fundledger.equityfund.api.DealExited;
import cn.cq.fundledger.equityfund.api.DealMarked;
import cn.cq.fundledger.equityfund.api.DistributionMade;
import cn.cq.fundledger.equityfund.api.EquityFactCommand;
import cn.cq.fundledger.equityfund.api.EquityFactReversed;
import cn.cq.fundledger.equityfund.api.EquityFundEstablished;
import cn.cq.fundledger.equityfund.api.EquityProgramOpened;
import cn.cq.fundledger.equityfund.api.MakeDistribution;
import cn.cq.fundledger.equityfund.api.MarkDeal;
import cn.cq.fundledger.equityfund.api.PartnerAmount;
import cn.cq.fundledger.equityfund.api.RecordCommitment;
import cn.cq.fundledger.equityfund.api.RecordExit;
import cn.cq.fundledger.equityfund.api.ReverseEquityFact;
import cn.cq.fundledger.equityfund.api.ReverseEquityFact.FactKind;
import cn.cq.fundledger.equityfund.api.ValuationMethod;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.Objects;
import java.util.function.Function;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * The achievement-transformation equity fund program (科技成果转化股权投资基金): every limited-partnership fund,
 * its partners' commitments, capital calls, deals, marks, exits and distributions.
 *
 * <p>One aggregate for all funds: an exit or a mark names only its deal, and the rules tie the figures of a
 * fund together (calls within commitments, deals within called capital, distributions within exit proceeds),
 * so the whole program is one consistency boundary, as the credit program is.
 *
 * <p>Every "within" rule is checked as of the business date of the new fact <em>and</em> as of every later date
 * on which the fund already records a fact of the same kind, so that a fact recorded late (dated before facts
 * recorded earlier) can never make a figure exceed its limit on any date.
 *
 * <p>Command handlers validate, then {@code apply()}; event sourcing handlers only set state. A command whose id
 * is already recorded with the same content is answered as a duplicate and records nothing; with other content
 * it is refused as a conflict.
 *
 * <p>A wrongly recorded fact is corrected by {@link ReverseEquityFact}: a reversal linked to the event that recorded
 * the fact, after which the state forgets the fact (as if it had never been recorded, but its id stays taken), and
 * optionally the corrected fact, recorded through the same handler as when it is sent on its own. A reversal is
 * refused when a later fact was recorded on the strength of the reversed one (see {@link #handle(ReverseEquityFact)}).
 */
@Aggregate(cache = "equityProgramCache", commandTargetResolver = "equityProgramTargetResolver")
public class EquityProgram {

    /** The aggregate identifier of the program's ledger. */
    public static final String ID = "equity-fund";

    @AggregateIdentifier
    private String programId;

    private final Map<String, Fund> funds = new HashMap<>();
    /** Every deal, call, exit and distribution recorded, reversed ones too: their ids stay taken. */
    private final Map<String, Deal> deals = new HashMap<>();
    private final Map<String, CapitalCalled> calls = new HashMap<>();
    private final Map<String, DealExited> exits = new HashMap<>();
    private final Map<String, DistributionMade> distributions = new HashMap<>();
    /** The facts not reversed, by "KIND:factId": the event that recorded each, and its payload. */
    private final Map<String, LiveFact> live = new HashMap<>();
    /** The corrections by "KIND:factId", in order (a commitment or a mark may be recorded and corrected again). */
    private final Map<String, List<Correction>> corrections = new HashMap<>();
    /** A correction whose replacement is the next fact to be applied. */
    private Correction awaitingReplacement;

    protected EquityProgram() {
        // for Axon
    }

    // ---------------------------------------------------------------- commands

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public Recorded handle(RecordCommitment command) {
        openIfNew();
        String fundId = Require.text(command.fundId(), "fundId");
        String fundName = Require.name(command.fundName(), "fundName");
        String partner = Require.name(command.partner(), "partner");
        Money amount = Require.positive(command.amount(), "committedYuan");
        LocalDate committedOn = Require.present(command.committedOn(), "committedOn");
        String key = fundId + "/" + partner + "@" + committedOn;
        Fund fund = funds.get(fundId);
        if (fund != null && !fund.name.equals(fundName)) {
            throw RuleViolation.conflict("fundName", "fund-name-mismatch", "fund " + fundId + " is recorded as '"
                    + fund.name + "', not '" + fundName + "'");
        }
        Partner known = fund == null ? null : fund.partners.get(partner);
        if (known != null && known.commitments.containsKey(committedOn)) {
            Money was = known.commitments.get(committedOn);
            return Recorded.duplicateOrConflict(was.equals(amount), key, "committedYuan", "partner " + partner + " of fund "
                    + fundId + " already committed " + was + " yuan on " + committedOn);
        }
        if (fund == null) {
            apply(new EquityFundEstablished(fundId, fundName, committedOn));
        } else {
            Require.notBefore(committedOn, fund.establishedOn, "committedOn", "the fund's establishment");
        }
        int position = known != null ? known.position : funds.get(fundId).partners.size() + 1;
        apply(new CapitalCommitted(fundId, partner, position, amount, committedOn));
        return Recorded.applied(key);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public Recorded handle(CallCapital command) {
        openIfNew();
        String callId = Require.text(command.callId(), "callId");
        CapitalCalled known = calls.get(callId);
        if (known != null) {
            return Recorded.duplicateOrConflict(same(known, command), callId, "callId", "call " + callId
                    + " is already recorded" + reversedNote(FactKind.CALL, callId) + ": " + known.amount()
                    + " yuan of fund " + known.fundId() + " on " + known.calledOn());
        }
        Fund fund = fund(command.fundId());
        Money amount = Require.positive(command.amount(), "amountYuan");
        LocalDate calledOn = Require.present(command.calledOn(), "calledOn");
        // what each partner may still be called: the least room it has on the call's date or any later call's date
        List<LocalDate> checkpoints = checkpoints(calledOn, fund.calls, CapitalCalled::calledOn);
        List<String> partners = new ArrayList<>(fund.partners.keySet());
        long[] weights = new long[partners.size()];
        long[] room = new long[partners.size()];
        long roomTotal = 0;
        for (int i = 0; i < partners.size(); i++) {
            String partner = partners.get(i);
            weights[i] = fund.committed(partner, calledOn).fen();
            long least = Long.MAX_VALUE;
            for (LocalDate t : checkpoints) {
                least = Math.min(least, fund.committed(partner, t).fen() - fund.called(partner, t).fen());
            }
            room[i] = Math.max(0, Math.min(least, weights[i]));
            roomTotal += room[i];
        }
        if (amount.fen() > roomTotal) {
            Money committed = fund.committedTotal(calledOn);
            Money called = fund.calledTotal(calledOn);
            throw RuleViolation.refused("amountYuan", "call-exceeds-commitments", "a call of " + amount
                    + " yuan exceeds what the partners of fund " + fund.id + " still owe: " + Money.ofFen(roomTotal)
                    + " yuan (committed " + committed + ", called " + called + " as of " + calledOn
                    + (checkpoints.size() > 1 ? ", and the calls recorded after that date" : "") + ")");
        }
        List<Money> parts = Allocation.largestRemainder(amount, weights, room);
        apply(new CapitalCalled(callId, fund.id, amount, calledOn, partnerAmounts(fund, partners, weights, parts)));
        return Recorded.applied(callId);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public Recorded handle(CloseDeal command) {
        openIfNew();
        String dealId = Require.text(command.dealId(), "dealId");
        DealClosed fact = new DealClosed(dealId, command.fundId(), command.projectId(), command.company(),
                command.amount(), command.stake(), command.closedOn());
        Deal known = deals.get(dealId);
        if (known != null) {
            return Recorded.duplicateOrConflict(known.closed.equals(fact), dealId, "dealId", "deal " + dealId
                    + " is already recorded" + reversedNote(FactKind.DEAL, dealId) + " with other content (fund "
                    + known.closed.fundId() + ", project " + known.closed.projectId() + ", " + known.closed.amount()
                    + " yuan on " + known.closed.closedOn() + ")");
        }
        Fund fund = fund(command.fundId());
        Require.text(command.projectId(), "projectId");
        Require.name(command.company(), "company");
        Money amount = Require.positive(command.amount(), "amountYuan");
        Require.atMostHundredPercent(command.stake(), "stakePct");
        LocalDate closedOn = Require.present(command.closedOn(), "closedOn");
        for (LocalDate t : checkpoints(closedOn, fund.deals, DealClosed::closedOn)) {
            Money invested = fund.invested(t);
            Money called = fund.calledTotal(t);
            if (invested.plus(amount).isGreaterThan(called)) {
                throw RuleViolation.refused("amountYuan", "deal-exceeds-called-capital", "a deal of " + amount
                        + " yuan would take fund " + fund.id + "'s investments to " + invested.plus(amount)
                        + " yuan as of " + t + ", above the capital called by then (" + called + " yuan)");
            }
        }
        apply(fact);
        return Recorded.applied(dealId);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public Recorded handle(MarkDeal command) {
        openIfNew();
        Deal deal = deal(command.dealId());
        Money value = Require.notNegative(command.value(), "valueYuan");
        ValuationMethod method = Require.present(command.method(), "method");
        LocalDate markedOn = Require.notBefore(command.markedOn(), deal.closed.closedOn(), "markedOn",
                "the deal's closing");
        String key = deal.id() + "@" + markedOn;
        DealMarked known = deal.marks.get(markedOn);
        if (known != null) {
            return Recorded.duplicateOrConflict(same(known, command), key, "markedOn", "deal " + deal.id()
                    + " already has a mark on " + markedOn + " (" + known.value() + " yuan, " + known.method() + ")");
        }
        if (deal.fullExit != null && !markedOn.isBefore(deal.fullExit.exitedOn())) {
            throw RuleViolation.refused("markedOn", "deal-exited", "deal " + deal.id() + " was fully exited on "
                    + deal.fullExit.exitedOn() + " (exit " + deal.fullExit.exitId() + "); nothing is held to value on "
                    + markedOn);
        }
        apply(new DealMarked(deal.id(), deal.closed.fundId(), value, method, markedOn));
        return Recorded.applied(key);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public Recorded handle(RecordExit command) {
        openIfNew();
        String exitId = Require.text(command.exitId(), "exitId");
        DealExited known = exits.get(exitId);
        if (known != null) {
            return Recorded.duplicateOrConflict(same(known, command), exitId, "exitId", "exit " + exitId
                    + " is already recorded" + reversedNote(FactKind.EXIT, exitId) + ": "
                    + known.portion() + " of deal " + known.dealId() + " for " + known.proceeds() + " yuan on "
                    + known.exitedOn());
        }
        Deal deal = deal(command.dealId());
        Money proceeds = Require.notNegative(command.proceeds(), "proceedsYuan");
        Ratio portion = command.portion();
        if (portion != null) {
            Require.atMostHundredPercent(portion, "portionPct");
            if (portion.basisPoints() == 0) {
                throw RuleViolation.invalid("portionPct", "portion-positive",
                        "portionPct must be greater than zero; leave it out for a full exit");
            }
        }
        LocalDate exitedOn = Require.notBefore(command.exitedOn(), deal.closed.closedOn(), "exitedOn",
                "the deal's closing");
        if (deal.fullExit != null) {
            throw RuleViolation.refused("dealId", "deal-exited", "deal " + deal.id() + " was fully exited on "
                    + deal.fullExit.exitedOn() + " (exit " + deal.fullExit.exitId() + "); a deal exits once");
        }
        if (deal.lastExitOn != null) {
            Require.notBefore(exitedOn, deal.lastExitOn, "exitedOn", "the deal's previous exit");
        }
        int sold = portion == null ? deal.heldBp : portion.basisPoints();
        if (sold > deal.heldBp) {
            throw RuleViolation.refused("portionPct", "exit-exceeds-holding", "an exit of " + portion
                    + " of deal " + deal.id() + "'s original holding exceeds what the fund still holds ("
                    + Ratio.ofBasisPoints(deal.heldBp) + ")");
        }
        int heldAfter = deal.heldBp - sold;
        Money cost = heldAfter == 0 ? deal.costLeft
                : deal.closed.amount().split(Ratio.ofBasisPoints(sold)).first().min(deal.costLeft);
        apply(new DealExited(exitId, deal.id(), deal.closed.fundId(), deal.closed.projectId(), proceeds,
                Ratio.ofBasisPoints(sold), cost, Ratio.ofBasisPoints(heldAfter), heldAfter == 0, exitedOn));
        return Recorded.applied(exitId);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public Recorded handle(MakeDistribution command) {
        openIfNew();
        String distributionId = Require.text(command.distributionId(), "distributionId");
        DistributionMade known = distributions.get(distributionId);
        if (known != null) {
            return Recorded.duplicateOrConflict(same(known, command), distributionId, "distributionId", "distribution "
                    + distributionId + " is already recorded" + reversedNote(FactKind.DISTRIBUTION, distributionId)
                    + ": " + known.amount() + " yuan of fund " + known.fundId() + " on "
                    + known.distributedOn());
        }
        Fund fund = fund(command.fundId());
        Money amount = Require.positive(command.amount(), "amountYuan");
        LocalDate distributedOn = Require.present(command.distributedOn(), "distributedOn");
        for (LocalDate t : checkpoints(distributedOn, fund.distributions, DistributionMade::distributedOn)) {
            Money proceeds = fund.proceeds(t);
            Money distributed = fund.distributed(t);
            if (distributed.plus(amount).isGreaterThan(proceeds)) {
                throw RuleViolation.refused("amountYuan", "distribution-exceeds-proceeds", "a distribution of "
                        + amount + " yuan exceeds fund " + fund.id + "'s undistributed exit proceeds as of " + t
                        + " (" + proceeds.minus(distributed) + " yuan: proceeds " + proceeds + ", distributed "
                        + distributed + ")");
            }
        }
        List<String> partners = new ArrayList<>(fund.partners.keySet());
        long[] paidIn = new long[partners.size()];
        for (int i = 0; i < partners.size(); i++) {
            paidIn[i] = fund.called(partners.get(i), distributedOn).fen();
        }
        List<Money> parts = Allocation.largestRemainder(amount, paidIn);
        apply(new DistributionMade(distributionId, fund.id, amount, distributedOn,
                partnerAmounts(fund, partners, paidIn, parts)));
        return Recorded.applied(distributionId);
    }

    /**
     * Corrects a wrongly recorded fact: applies its reversal (linked to the event that recorded it, with the reason,
     * at the fact's own business date, undoing exactly what that event recorded, partners' parts included), then the
     * replacement, if any, through the same handler as when it is sent on its own. Both or nothing are recorded.
     *
     * <p>The same kind, fact id and reason again answer a duplicate (with the same replacement) or a conflict; a fact
     * already reversed for another reason is a conflict; an unknown fact is not found. A reversal is refused (422)
     * when later facts were recorded on the strength of the fact, as the ledger stands once the replacement is in:
     * <ul>
     *   <li>a commitment, when a call of the fund would no longer have been shared on the same commitments
     *       ({@code commitment-shared-in-calls});</li>
     *   <li>a call, when a distribution would no longer have been shared on the same paid-in capital
     *       ({@code call-shared-in-distributions}), or the fund's deals would exceed the capital called on a deal's
     *       date ({@code call-funds-deals});</li>
     *   <li>a deal, while it has marks ({@code deal-has-marks}) or exits ({@code deal-has-exits});</li>
     *   <li>an exit, unless it is the deal's last ({@code exit-not-last}), when a mark on or after it would value
     *       another holding ({@code exit-valued-by-marks}), or when the fund's distributions would exceed its
     *       proceeds on a distribution's date ({@code exit-proceeds-distributed}).</li>
     * </ul>
     * Marks and distributions can always be reversed.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public Recorded handle(ReverseEquityFact command) {
        openIfNew();
        FactKind kind = Require.present(command.kind(), "kind");
        String factId = Require.factKey(command.factId(), "factId").strip();
        String reason = Require.reason(command.reason());
        EquityFactCommand replacement = command.replacement();
        if (replacement != null && kindOf(replacement) != kind) {
            throw RuleViolation.invalid("replacement", "replacement-kind", "the replacement of a " + name(kind)
                    + " must be a " + name(kind) + ", not a " + name(kindOf(replacement)));
        }
        String key = kind + ":" + factId;
        for (Correction earlier : corrections.getOrDefault(key, List.of())) {
            if (earlier.reason.equals(reason)) {
                EquityFactCommand wanted = replacement == null ? null : inContextOf(replacement, earlier.reversed);
                boolean same = wanted == null ? earlier.replacement == null
                        : earlier.replacement != null && sameFact(earlier.replacement, wanted);
                return Recorded.duplicateOrConflict(same, key, replacement == null ? "factId" : "replacement",
                        name(kind) + " " + factId + " was already corrected for this reason, " + (earlier.replacedBy
                        == null ? "without a replacement" : "replaced by " + earlier.replacedBy + " as recorded"));
            }
        }
        LiveFact fact = live.get(key);
        if (fact == null) {
            List<Correction> done = corrections.get(key);
            if (done != null) {
                return Recorded.duplicateOrConflict(false, key, "factId", name(kind) + " " + factId
                        + " is already reversed (" + done.get(done.size() - 1).reason + ")");
            }
            throw RuleViolation.notFound("factId", "unknown-fact", name(kind) + " " + factId + " is not recorded"
                    + (kind == FactKind.COMMITMENT ? " (a commitment is named fundId/partner@committedOn)"
                    : kind == FactKind.MARK ? " (a mark is named dealId@markedOn)" : ""));
        }
        EquityFactCommand wanted = replacement == null ? null : inContextOf(replacement, fact.payload());
        String replacedBy = wanted == null ? null : factIdOf(wanted);
        Runnable stillConsistent = switch (kind) {
            case COMMITMENT -> commitmentReversible((CapitalCommitted) fact.payload());
            case CALL -> callReversible((CapitalCalled) fact.payload());
            case DEAL -> dealReversible(deals.get(factId));
            case MARK, DISTRIBUTION -> () -> { };
            case EXIT -> exitReversible((DealExited) fact.payload());
        };
        apply(reversal(kind, factId, fact, reason, replacedBy));
        if (wanted != null) {
            recordReplacement(kind, wanted, replacedBy);
        }
        stillConsistent.run();
        return Recorded.applied(key);
    }

    /** Records the corrected fact through its own handler; its refusals name the field as replacement.field. */
    private void recordReplacement(FactKind kind, EquityFactCommand wanted, String replacedBy) {
        Recorded recorded;
        try {
            recorded = record(wanted);
        } catch (RuleViolation violation) {
            throw violation.within("replacement");
        }
        if (recorded.duplicate()) {
            throw RuleViolation.conflict("replacement." + idField(kind), "replacement-not-new", "the replacement "
                    + name(kind) + " " + recorded.id() + " is already recorded; a corrected fact is a new fact");
        }
        if (!recorded.id().equals(replacedBy)) {
            throw new IllegalStateException("replacement recorded as " + recorded.id() + ", announced as "
                    + replacedBy);
        }
    }

    private Recorded record(EquityFactCommand command) {
        if (command instanceof RecordCommitment c) {
            return handle(c);
        } else if (command instanceof CallCapital c) {
            return handle(c);
        } else if (command instanceof CloseDeal c) {
            return handle(c);
        } else if (command instanceof MarkDeal c) {
            return handle(c);
        } else if (command instanceof RecordExit c) {
            return handle(c);
        }
        return handle((MakeDistribution) command);
    }

    /** The reversal of a live fact: what its event recorded, undone. */
    private static EquityFactReversed reversal(FactKind kind, String factId, LiveFact fact, String reason,
                                               String replacedBy) {
        String eventId = fact.eventId();
        return switch (kind) {
            case COMMITMENT -> {
                CapitalCommitted c = (CapitalCommitted) fact.payload();
                yield new EquityFactReversed(kind, factId, eventId, reason, replacedBy, c.fundId(), null, null,
                        c.committedOn(), c.amount(), Money.ZERO, null,
                        List.of(new PartnerAmount(c.partner(), c.partnerPosition(), c.amount())));
            }
            case CALL -> {
                CapitalCalled c = (CapitalCalled) fact.payload();
                yield new EquityFactReversed(kind, factId, eventId, reason, replacedBy, c.fundId(), null, null,
                        c.calledOn(), c.amount(), Money.ZERO, null, c.parts());
            }
            case DEAL -> {
                DealClosed d = (DealClosed) fact.payload();
                yield new EquityFactReversed(kind, factId, eventId, reason, replacedBy, d.fundId(), d.dealId(),
                        d.projectId(), d.closedOn(), d.amount(), Money.ZERO, null, List.of());
            }
            case MARK -> {
                DealMarked m = (DealMarked) fact.payload();
                yield new EquityFactReversed(kind, factId, eventId, reason, replacedBy, m.fundId(), m.dealId(), null,
                        m.markedOn(), m.value(), Money.ZERO, null, List.of());
            }
            case EXIT -> {
                DealExited x = (DealExited) fact.payload();
                yield new EquityFactReversed(kind, factId, eventId, reason, replacedBy, x.fundId(), x.dealId(),
                        x.projectId(), x.exitedOn(), x.proceeds(), x.cost(), x.portion(), List.of());
            }
            case DISTRIBUTION -> {
                DistributionMade d = (DistributionMade) fact.payload();
                yield new EquityFactReversed(kind, factId, eventId, reason, replacedBy, d.fundId(), null, null,
                        d.distributedOn(), d.amount(), Money.ZERO, null, d.parts());
            }
        };
    }

    /** The calls of the fund must keep the commitments they were shared on. */
    private Runnable commitmentReversible(CapitalCommitted commitment) {
        Fund fund = funds.get(commitment.fundId());
        Map<String, Map<String, Money>> before = fund.callBases();
        return () -> {
            Map<String, Map<String, Money>> after = fund.callBases();
            for (CapitalCalled call : fund.calls) {
                if (!Objects.equals(before.get(call.callId()), after.get(call.callId()))) {
                    throw RuleViolation.refused("factId", "commitment-shared-in-calls", "call " + call.callId()
                            + " of " + call.calledOn() + " was shared pro rata to the commitments of that day, "
                            + "this one included; reverse the calls on or after " + commitment.committedOn()
                            + " first");
                }
            }
        };
    }

    /** The distributions of the fund must keep the paid-in capital they were shared on; deals stay within calls. */
    private Runnable callReversible(CapitalCalled reversed) {
        Fund fund = funds.get(reversed.fundId());
        Map<String, Map<String, Money>> before = fund.distributionBases();
        return () -> {
            Map<String, Map<String, Money>> after = fund.distributionBases();
            for (DistributionMade distribution : fund.distributions) {
                if (!Objects.equals(before.get(distribution.distributionId()),
                        after.get(distribution.distributionId()))) {
                    throw RuleViolation.refused("factId", "call-shared-in-distributions", "distribution "
                            + distribution.distributionId() + " of " + distribution.distributedOn() + " was shared pro "
                            + "rata to the capital paid in by then, this call included; reverse the distributions on "
                            + "or after " + reversed.calledOn() + " first");
                }
            }
            for (DealClosed deal : fund.deals) {
                LocalDate t = deal.closedOn();
                if (fund.invested(t).isGreaterThan(fund.calledTotal(t))) {
                    throw RuleViolation.refused("factId", "call-funds-deals", "without call " + reversed.callId()
                            + " fund " + fund.id + "'s investments as of " + t + " (" + fund.invested(t) + " yuan) "
                            + "would exceed the capital called by then (" + fund.calledTotal(t) + " yuan); reverse the "
                            + "deals first, or give a replacement call");
                }
            }
        };
    }

    private Runnable dealReversible(Deal deal) {
        if (!deal.marks.isEmpty()) {
            throw RuleViolation.refused("factId", "deal-has-marks", "deal " + deal.id() + " has marks (" + deal.marks
                    .keySet().stream().map(d -> deal.id() + "@" + d).toList() + "); reverse them first");
        }
        if (!deal.exits.isEmpty()) {
            throw RuleViolation.refused("factId", "deal-has-exits", "deal " + deal.id() + " has exits (" + deal.exits
                    .stream().map(DealExited::exitId).toList() + "); reverse them first");
        }
        return () -> { };
    }

    /** Only a deal's last exit; marks after it keep valuing the same holding; distributions stay within proceeds. */
    private Runnable exitReversible(DealExited exit) {
        Deal deal = deals.get(exit.dealId());
        DealExited last = deal.exits.get(deal.exits.size() - 1);
        if (!last.exitId().equals(exit.exitId())) {
            throw RuleViolation.refused("factId", "exit-not-last", "exit " + exit.exitId() + " of deal " + deal.id()
                    + " was followed by exit " + last.exitId() + ", which sold from what it left; reverse that first");
        }
        Fund fund = funds.get(exit.fundId());
        Map<LocalDate, Integer> before = deal.heldOnMarkDays(exit.exitedOn());
        return () -> {
            Map<LocalDate, Integer> after = deal.heldOnMarkDays(exit.exitedOn());
            for (LocalDate day : before.keySet()) {
                if (!before.get(day).equals(after.get(day))) {
                    throw RuleViolation.refused("factId", "exit-valued-by-marks", "the mark of deal " + deal.id()
                            + " on " + day + " values the holding left after exit " + exit.exitId() + "; reverse the "
                            + "marks on or after " + exit.exitedOn() + " first");
                }
            }
            for (DistributionMade distribution : fund.distributions) {
                LocalDate t = distribution.distributedOn();
                if (fund.distributed(t).isGreaterThan(fund.proceeds(t))) {
                    throw RuleViolation.refused("factId", "exit-proceeds-distributed", "without exit "
                            + exit.exitId() + " fund " + fund.id + "'s distributions as of " + t + " ("
                            + fund.distributed(t) + " yuan) would exceed its exit proceeds by then ("
                            + fund.proceeds(t) + " yuan); reverse the distributions first");
                }
            }
        };
    }

    /** A replacement without its fund (a call, a distribution) or deal (a mark, an exit) is of the reversed fact's. */
    private static EquityFactCommand inContextOf(EquityFactCommand replacement, Object reversed) {
        if (replacement instanceof CallCapital c && c.fundId() == null && reversed instanceof CapitalCalled r) {
            return new CallCapital(c.callId(), r.fundId(), c.amount(), c.calledOn());
        }
        if (replacement instanceof MakeDistribution d && d.fundId() == null && reversed instanceof DistributionMade r) {
            return new MakeDistribution(d.distributionId(), r.fundId(), d.amount(), d.distributedOn());
        }
        if (replacement instanceof MarkDeal m && m.dealId() == null && reversed instanceof DealMarked r) {
            return new MarkDeal(r.dealId(), m.value(), m.method(), m.markedOn());
        }
        if (replacement instanceof RecordExit x && x.dealId() == null && reversed instanceof DealExited r) {
            return new RecordExit(x.exitId(), r.dealId(), x.proceeds(), x.portion(), x.exitedOn());
        }
        return replacement;
    }

    /** The id a fact is recorded under, which a correction names it by. */
    private static String factIdOf(EquityFactCommand command) {
        if (command instanceof RecordCommitment c) {
            return c.fundId() + "/" + c.partner() + "@" + c.committedOn();
        } else if (command instanceof CallCapital c) {
            return c.callId();
        } else if (command instanceof CloseDeal c) {
            return c.dealId();
        } else if (command instanceof MarkDeal c) {
            return c.dealId() + "@" + c.markedOn();
        } else if (command instanceof RecordExit c) {
            return c.exitId();
        }
        return ((MakeDistribution) command).distributionId();
    }

    private static FactKind kindOf(EquityFactCommand command) {
        if (command instanceof RecordCommitment) {
            return FactKind.COMMITMENT;
        } else if (command instanceof CallCapital) {
            return FactKind.CALL;
        } else if (command instanceof CloseDeal) {
            return FactKind.DEAL;
        } else if (command instanceof MarkDeal) {
            return FactKind.MARK;
        } else if (command instanceof RecordExit) {
            return FactKind.EXIT;
        }
        return FactKind.DISTRIBUTION;
    }

    /** The request field that names a fact of the kind (where a replacement that is not new is refused). */
    private static String idField(FactKind kind) {
        return switch (kind) {
            case COMMITMENT -> "committedOn";
            case CALL -> "callId";
            case DEAL -> "dealId";
            case MARK -> "markedOn";
            case EXIT -> "exitId";
            case DISTRIBUTION -> "distributionId";
        };
    }

    private static String name(FactKind kind) {
        return kind.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Whether a recorded fact is the one a command would record (the test of a duplicate). */
    private static boolean sameFact(Object recorded, EquityFactCommand command) {
        if (recorded instanceof CapitalCommitted c && command instanceof RecordCommitment r) {
            return c.fundId().equals(r.fundId()) && c.partner().equals(r.partner())
                    && c.committedOn().equals(r.committedOn()) && c.amount().equals(r.amount());
        } else if (recorded instanceof CapitalCalled c && command instanceof CallCapital r) {
            return c.callId().equals(r.callId()) && same(c, r);
        } else if (recorded instanceof DealClosed d && command instanceof CloseDeal r) {
            return d.equals(new DealClosed(r.dealId(), r.fundId(), r.projectId(), r.company(), r.amount(), r.stake(),
                    r.closedOn()));
        } else if (recorded instanceof DealMarked m && command instanceof MarkDeal r) {
            return m.dealId().equals(r.dealId()) && m.markedOn().equals(r.markedOn()) && same(m, r);
        } else if (recorded instanceof DealExited x && command instanceof RecordExit r) {
            return x.exitId().equals(r.exitId()) && same(x, r);
        } else if (recorded instanceof DistributionMade d && command instanceof MakeDistribution r) {
            return d.distributionId().equals(r.distributionId()) && same(d, r);
        }
        return false;
    }

    private static boolean same(CapitalCalled known, CallCapital command) {
        return known.fundId().equals(command.fundId()) && known.amount().equals(command.amount())
                && known.calledOn().equals(command.calledOn());
    }

    private static boolean same(DealMarked known, MarkDeal command) {
        return known.value().equals(command.value()) && known.method() == command.method();
    }

    private static boolean same(DealExited known, RecordExit command) {
        return known.dealId().equals(command.dealId()) && known.proceeds().equals(command.proceeds())
                && known.exitedOn().equals(command.exitedOn())
                && (command.portion() == null ? known.full() : command.portion().equals(known.portion()));
    }

    private static boolean same(DistributionMade known, MakeDistribution command) {
        return known.fundId().equals(command.fundId()) && known.amount().equals(command.amount())
                && known.distributedOn().equals(command.distributedOn());
    }

    /** " (reversed: reason)" when the fact of that id was reversed: its id stays taken. */
    private String reversedNote(FactKind kind, String factId) {
        List<Correction> done = corrections.get(kind + ":" + factId);
        return done == null ? "" : " and reversed (" + done.get(done.size() - 1).reason + "); record the corrected "
                + name(kind) + " with a new id";
    }

    // ---------------------------------------------------------------- rules

    private void openIfNew() {
        if (programId == null) {
            apply(new EquityProgramOpened(ID));
        }
    }

    private Fund fund(String fundId) {
        Require.text(fundId, "fundId");
        Fund fund = funds.get(fundId);
        if (fund == null) {
            throw RuleViolation.notFound("fundId", "unknown-fund", "fund " + fundId + " is not recorded (a fund is "
                    + "established by its first partner's commitment)");
        }
        return fund;
    }

    private Deal deal(String dealId) {
        Require.text(dealId, "dealId");
        Deal deal = deals.get(dealId);
        if (deal == null) {
            throw RuleViolation.notFound("dealId", "unknown-deal", "deal " + dealId + " is not recorded");
        }
        if (deal.reversal != null) {
            throw RuleViolation.refused("dealId", "deal-reversed", "deal " + dealId + " was reversed ("
                    + deal.reversal.reason() + "); mark and exit the corrected deal instead");
        }
        return deal;
    }


    /** The new fact's date and every later date of the facts of the same kind already recorded, in order. */
    private static <T> List<LocalDate> checkpoints(LocalDate date, List<T> recorded, Function<T, LocalDate> dateOf) {
        TreeSet<LocalDate> dates = new TreeSet<>();
        dates.add(date);
        for (T fact : recorded) {
            LocalDate d = dateOf.apply(fact);
            if (d.isAfter(date)) {
                dates.add(d);
            }
        }
        return new ArrayList<>(dates);
    }

    /** The parts of the partners who had a weight (a commitment, paid-in capital) on the day, in their order. */
    private static List<PartnerAmount> partnerAmounts(Fund fund, List<String> partners, long[] weights,
                                                      List<Money> parts) {
        List<PartnerAmount> result = new ArrayList<>();
        for (int i = 0; i < partners.size(); i++) {
            if (weights[i] > 0) {
                String partner = partners.get(i);
                result.add(new PartnerAmount(partner, fund.partners.get(partner).position, parts.get(i)));
            }
        }
        return List.copyOf(result);
    }

    // ---------------------------------------------------------------- state

    @EventSourcingHandler
    void on(EquityProgramOpened event) {
        programId = ID;
    }

    @EventSourcingHandler
    void on(EquityFundEstablished event) {
        funds.put(event.fundId(), new Fund(event.fundId(), event.name(), event.establishedOn()));
    }

    @EventSourcingHandler
    void on(CapitalCommitted event, EventMessage<?> message) {
        funds.get(event.fundId()).partners.computeIfAbsent(event.partner(), p -> new Partner(event.partnerPosition()))
                .commitments.put(event.committedOn(), event.amount());
        remember(FactKind.COMMITMENT, event.fundId() + "/" + event.partner() + "@" + event.committedOn(), event,
                message);
    }

    @EventSourcingHandler
    void on(CapitalCalled event, EventMessage<?> message) {
        calls.put(event.callId(), event);
        funds.get(event.fundId()).calls.add(event);
        remember(FactKind.CALL, event.callId(), event, message);
    }

    @EventSourcingHandler
    void on(DealClosed event, EventMessage<?> message) {
        deals.put(event.dealId(), new Deal(event));
        funds.get(event.fundId()).deals.add(event);
        remember(FactKind.DEAL, event.dealId(), event, message);
    }

    @EventSourcingHandler
    void on(DealMarked event, EventMessage<?> message) {
        deals.get(event.dealId()).marks.put(event.markedOn(), event);
        remember(FactKind.MARK, event.dealId() + "@" + event.markedOn(), event, message);
    }

    @EventSourcingHandler
    void on(DealExited event, EventMessage<?> message) {
        exits.put(event.exitId(), event);
        Deal deal = deals.get(event.dealId());
        deal.exits.add(event);
        deal.heldBp = event.heldAfter().basisPoints();
        deal.costLeft = deal.costLeft.minus(event.cost());
        deal.lastExitOn = event.exitedOn();
        if (event.full()) {
            deal.fullExit = event;
        }
        funds.get(event.fundId()).exits.add(event);
        remember(FactKind.EXIT, event.exitId(), event, message);
    }

    @EventSourcingHandler
    void on(DistributionMade event, EventMessage<?> message) {
        distributions.put(event.distributionId(), event);
        funds.get(event.fundId()).distributions.add(event);
        remember(FactKind.DISTRIBUTION, event.distributionId(), event, message);
    }

    /** The fact is forgotten by every rule; its id stays taken (calls, deals, exits, distributions). */
    @EventSourcingHandler
    void on(EquityFactReversed event) {
        String key = event.kind() + ":" + event.factId();
        LiveFact fact = live.remove(key);
        Correction correction = new Correction(event.reason(), event.replacedBy(), fact.payload());
        corrections.computeIfAbsent(key, k -> new ArrayList<>()).add(correction);
        awaitingReplacement = event.replacedBy() == null ? null : correction;
        Fund fund = funds.get(event.fundId());
        switch (event.kind()) {
            case COMMITMENT -> {
                CapitalCommitted commitment = (CapitalCommitted) fact.payload();
                fund.partners.get(commitment.partner()).commitments.remove(commitment.committedOn());
            }
            case CALL -> fund.calls.removeIf(c -> c.callId().equals(event.factId()));
            case DEAL -> {
                deals.get(event.dealId()).reversal = event;
                fund.deals.removeIf(d -> d.dealId().equals(event.dealId()));
            }
            case MARK -> deals.get(event.dealId()).marks.remove(event.businessDate());
            case EXIT -> {
                DealExited exit = (DealExited) fact.payload();
                Deal deal = deals.get(exit.dealId());
                deal.exits.removeIf(x -> x.exitId().equals(exit.exitId()));
                deal.heldBp += exit.portion().basisPoints();
                deal.costLeft = deal.costLeft.plus(exit.cost());
                deal.lastExitOn = deal.exits.isEmpty() ? null : deal.exits.get(deal.exits.size() - 1).exitedOn();
                if (exit.full()) {
                    deal.fullExit = null;
                }
                fund.exits.removeIf(x -> x.exitId().equals(exit.exitId()));
            }
            case DISTRIBUTION -> fund.distributions.removeIf(d -> d.distributionId().equals(event.factId()));
        }
    }

    private void remember(FactKind kind, String factId, Object payload, EventMessage<?> message) {
        live.put(kind + ":" + factId, new LiveFact(message.getIdentifier(), payload));
        if (awaitingReplacement != null) {
            awaitingReplacement.replacement = payload;
            awaitingReplacement = null;
        }
    }

    /** A limited-partnership fund: its partners in the order they joined, and its dated facts. */
    static final class Fund {
        final String id;
        final String name;
        final LocalDate establishedOn;
        final Map<String, Partner> partners = new LinkedHashMap<>();
        final List<CapitalCalled> calls = new ArrayList<>();
        final List<DealClosed> deals = new ArrayList<>();
        final List<DealExited> exits = new ArrayList<>();
        final List<DistributionMade> distributions = new ArrayList<>();

        Fund(String id, String name, LocalDate establishedOn) {
            this.id = id;
            this.name = name;
            this.establishedOn = establishedOn;
        }

        Money committed(String partner, LocalDate asOf) {
            return partners.get(partner).committed(asOf);
        }

        Money committedTotal(LocalDate asOf) {
            return partners.values().stream().map(p -> p.committed(asOf)).reduce(Money.ZERO, Money::plus);
        }

        /** What a partner has paid in on calls dated on or before the date. */
        Money called(String partner, LocalDate asOf) {
            Money sum = Money.ZERO;
            for (CapitalCalled call : calls) {
                if (!call.calledOn().isAfter(asOf)) {
                    for (PartnerAmount part : call.parts()) {
                        if (part.partner().equals(partner)) {
                            sum = sum.plus(part.amount());
                        }
                    }
                }
            }
            return sum;
        }

        Money calledTotal(LocalDate asOf) {
            return sumUntil(calls, CapitalCalled::calledOn, CapitalCalled::amount, asOf);
        }

        Money invested(LocalDate asOf) {
            return sumUntil(deals, DealClosed::closedOn, DealClosed::amount, asOf);
        }

        Money proceeds(LocalDate asOf) {
            return sumUntil(exits, DealExited::exitedOn, DealExited::proceeds, asOf);
        }

        Money distributed(LocalDate asOf) {
            return sumUntil(distributions, DistributionMade::distributedOn, DistributionMade::amount, asOf);
        }

        /** For each call, the commitments it was shared on: each partner's commitment on its date (zeros left out). */
        Map<String, Map<String, Money>> callBases() {
            Map<String, Map<String, Money>> bases = new LinkedHashMap<>();
            for (CapitalCalled call : calls) {
                Map<String, Money> basis = new LinkedHashMap<>();
                partners.forEach((name, partner) -> {
                    Money committed = partner.committed(call.calledOn());
                    if (!committed.isZero()) {
                        basis.put(name, committed);
                    }
                });
                bases.put(call.callId(), basis);
            }
            return bases;
        }

        /** For each distribution, the capital it was shared on: what each partner had paid in by its date. */
        Map<String, Map<String, Money>> distributionBases() {
            Map<String, Map<String, Money>> bases = new LinkedHashMap<>();
            for (DistributionMade distribution : distributions) {
                Map<String, Money> basis = new LinkedHashMap<>();
                for (String name : partners.keySet()) {
                    Money paidIn = called(name, distribution.distributedOn());
                    if (!paidIn.isZero()) {
                        basis.put(name, paidIn);
                    }
                }
                bases.put(distribution.distributionId(), basis);
            }
            return bases;
        }

        private static <T> Money sumUntil(List<T> facts, Function<T, LocalDate> dateOf, Function<T, Money> amountOf,
                                          LocalDate asOf) {
            Money sum = Money.ZERO;
            for (T fact : facts) {
                if (!dateOf.apply(fact).isAfter(asOf)) {
                    sum = sum.plus(amountOf.apply(fact));
                }
            }
            return sum;
        }
    }

    /** A partner of a fund: its place in the fund and its commitments by date. */
    static final class Partner {
        final int position;
        final TreeMap<LocalDate, Money> commitments = new TreeMap<>();

        Partner(int position) {
            this.position = position;
        }

        Money committed(LocalDate asOf) {
            return commitments.headMap(asOf, true).values().stream().reduce(Money.ZERO, Money::plus);
        }
    }

    /**
     * A deal and what is left of it: the part of the holding still held, its cost, the marks and exits not reversed;
     * {@code reversal} once the deal itself was reversed.
     */
    static final class Deal {
        final DealClosed closed;
        final TreeMap<LocalDate, DealMarked> marks = new TreeMap<>();
        final List<DealExited> exits = new ArrayList<>();
        int heldBp = Ratio.ONE;
        Money costLeft;
        LocalDate lastExitOn;
        DealExited fullExit;
        EquityFactReversed reversal;

        Deal(DealClosed closed) {
            this.closed = closed;
            this.costLeft = closed.amount();
        }

        String id() {
            return closed.dealId();
        }

        /** The part of the original holding held at the end of each day with a mark, from {@code from} on. */
        Map<LocalDate, Integer> heldOnMarkDays(LocalDate from) {
            Map<LocalDate, Integer> held = new TreeMap<>();
            for (LocalDate day : marks.tailMap(from, true).keySet()) {
                int sold = exits.stream().filter(x -> !x.exitedOn().isAfter(day))
                        .mapToInt(x -> x.portion().basisPoints()).sum();
                held.put(day, Ratio.ONE - sold);
            }
            return held;
        }
    }

    /** A fact not reversed: the event that recorded it and its payload. */
    private record LiveFact(String eventId, Object payload) {
    }

    /** A correction: its reason, the fact it reversed, and the corrected fact recorded with it (if any). */
    private static final class Correction {
        final String reason;
        final String replacedBy;
        final Object reversed;
        Object replacement;

        Correction(String reason, String replacedBy, Object reversed) {
            this.reason = reason;
            this.replacedBy = replacedBy;
            this.reversed = reversed;
        }
    }
}
