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
import cn.cq.fundledger.equityfund.api.EquityFundEstablished;
import cn.cq.fundledger.equityfund.api.EquityProgramOpened;
import cn.cq.fundledger.equityfund.api.MakeDistribution;
import cn.cq.fundledger.equityfund.api.MarkDeal;
import cn.cq.fundledger.equityfund.api.PartnerAmount;
import cn.cq.fundledger.equityfund.api.RecordCommitment;
import cn.cq.fundledger.equityfund.api.RecordExit;
import cn.cq.fundledger.equityfund.api.ValuationMethod;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.axonframework.commandhandling.CommandHandler;
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
 */
@Aggregate(cache = "equityProgramCache", commandTargetResolver = "equityProgramTargetResolver")
public class EquityProgram {

    /** The aggregate identifier of the program's ledger. */
    public static final String ID = "equity-fund";

    @AggregateIdentifier
    private String programId;

    private final Map<String, Fund> funds = new HashMap<>();
    private final Map<String, Deal> deals = new HashMap<>();
    private final Map<String, CapitalCalled> calls = new HashMap<>();
    private final Map<String, DealExited> exits = new HashMap<>();
    private final Map<String, DistributionMade> distributions = new HashMap<>();

    protected EquityProgram() {
        // for Axon
    }

    // ---------------------------------------------------------------- commands

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public Recorded handle(RecordCommitment command) {
        openIfNew();
        String fundId = Require.text(command.fundId(), "fundId");
        String fundName = Require.text(command.fundName(), "fundName");
        String partner = Require.text(command.partner(), "partner");
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
            boolean same = known.fundId().equals(command.fundId()) && known.amount().equals(command.amount())
                    && known.calledOn().equals(command.calledOn());
            return Recorded.duplicateOrConflict(same, callId, "callId", "call " + callId + " is already recorded: "
                    + known.amount() + " yuan of fund " + known.fundId() + " on " + known.calledOn());
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
                    + " is already recorded with other content (fund " + known.closed.fundId() + ", project "
                    + known.closed.projectId() + ", " + known.closed.amount() + " yuan on " + known.closed.closedOn()
                    + ")");
        }
        Fund fund = fund(command.fundId());
        Require.text(command.projectId(), "projectId");
        Require.text(command.company(), "company");
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
            boolean same = known.value().equals(value) && known.method() == method;
            return Recorded.duplicateOrConflict(same, key, "markedOn", "deal " + deal.id() + " already has a mark on "
                    + markedOn + " (" + known.value() + " yuan, " + known.method() + ")");
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
            boolean same = known.dealId().equals(command.dealId()) && known.proceeds().equals(command.proceeds())
                    && known.exitedOn().equals(command.exitedOn())
                    && (command.portion() == null ? known.full() : command.portion().equals(known.portion()));
            return Recorded.duplicateOrConflict(same, exitId, "exitId", "exit " + exitId + " is already recorded: "
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
            boolean same = known.fundId().equals(command.fundId()) && known.amount().equals(command.amount())
                    && known.distributedOn().equals(command.distributedOn());
            return Recorded.duplicateOrConflict(same, distributionId, "distributionId", "distribution " + distributionId
                    + " is already recorded: " + known.amount() + " yuan of fund " + known.fundId() + " on "
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
    void on(CapitalCommitted event) {
        funds.get(event.fundId()).partners.computeIfAbsent(event.partner(), p -> new Partner(event.partnerPosition()))
                .commitments.put(event.committedOn(), event.amount());
    }

    @EventSourcingHandler
    void on(CapitalCalled event) {
        calls.put(event.callId(), event);
        funds.get(event.fundId()).calls.add(event);
    }

    @EventSourcingHandler
    void on(DealClosed event) {
        deals.put(event.dealId(), new Deal(event));
        funds.get(event.fundId()).deals.add(event);
    }

    @EventSourcingHandler
    void on(DealMarked event) {
        deals.get(event.dealId()).marks.put(event.markedOn(), event);
    }

    @EventSourcingHandler
    void on(DealExited event) {
        exits.put(event.exitId(), event);
        Deal deal = deals.get(event.dealId());
        deal.heldBp = event.heldAfter().basisPoints();
        deal.costLeft = deal.costLeft.minus(event.cost());
        deal.lastExitOn = event.exitedOn();
        if (event.full()) {
            deal.fullExit = event;
        }
        funds.get(event.fundId()).exits.add(event);
    }

    @EventSourcingHandler
    void on(DistributionMade event) {
        distributions.put(event.distributionId(), event);
        funds.get(event.fundId()).distributions.add(event);
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

    /** A deal and what is left of it: the part of the holding still held, its cost, the marks and exits. */
    static final class Deal {
        final DealClosed closed;
        final TreeMap<LocalDate, DealMarked> marks = new TreeMap<>();
        int heldBp = Ratio.ONE;
        Money costLeft;
        LocalDate lastExitOn;
        DealExited fullExit;

        Deal(DealClosed closed) {
            this.closed = closed;
            this.costLeft = closed.amount();
        }

        String id() {
            return closed.dealId();
        }
    }
}
