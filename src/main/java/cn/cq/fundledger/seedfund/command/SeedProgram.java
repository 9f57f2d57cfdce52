package cn.cq.fundledger.seedfund.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import cn.cq.fundledger.core.Money;
import cn.cq.fundledger.core.Ratio;
import cn.cq.fundledger.core.Recorded;
import cn.cq.fundledger.core.Require;
import cn.cq.fundledger.core.RuleViolation;
import cn.cq.fundledger.seedfund.api.EstablishSeedFund;
import cn.cq.fundledger.seedfund.api.ExitRoute;
import cn.cq.fundledger.seedfund.api.ExitSeedInvestment;
import cn.cq.fundledger.seedfund.api.FollowOnRoundRecorded;
import cn.cq.fundledger.seedfund.api.Instrument;
import cn.cq.fundledger.seedfund.api.MakeSeedInvestment;
import cn.cq.fundledger.seedfund.api.ProjectCapSet;
import cn.cq.fundledger.seedfund.api.RaiseSeedCommitment;
import cn.cq.fundledger.seedfund.api.RecordFollowOnRound;
import cn.cq.fundledger.seedfund.api.ReverseSeedFact;
import cn.cq.fundledger.seedfund.api.ScaleTargetSet;
import cn.cq.fundledger.seedfund.api.SeedCommitmentRaised;
import cn.cq.fundledger.seedfund.api.SeedFactCommand;
import cn.cq.fundledger.seedfund.api.SeedFactKind;
import cn.cq.fundledger.seedfund.api.SeedFactReversed;
import cn.cq.fundledger.seedfund.api.SeedFundEstablished;
import cn.cq.fundledger.seedfund.api.SeedInvestmentExited;
import cn.cq.fundledger.seedfund.api.SeedInvestmentMade;
import cn.cq.fundledger.seedfund.api.SeedProgramOpened;
import cn.cq.fundledger.seedfund.api.SetProjectCap;
import cn.cq.fundledger.seedfund.api.SetScaleTarget;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * The seed guidance fund (种子引导基金): the local seed funds, their investments in projects (equity stakes and
 * interest-free loans), the projects' follow-on rounds, the exits, and the policies (per-project cap, scale
 * target).
 *
 * <p>One aggregate on purpose, as for the credit program: the per-project cap adds up the seed money of every
 * fund in a project, and a fund's commitment adds up its investments in every project, so both rules need the
 * whole program in one consistency boundary (see docs/decisions.md).
 *
 * <p>Both limits hold on every business date, whatever the order in which facts are recorded: a project's seed
 * money invested on or before a date never exceeds the cap in force on that date (each investment keeps the
 * cap in force on its own date), and a fund's money invested on or before a date never exceeds its commitment
 * as of that date. An investment is refused if it would break either at its own date or at the date of any
 * later investment of the same project or fund.
 *
 * <p>A wrongly recorded investment, exit, commitment raise or follow-on round is never edited: a correction
 * ({@link ReverseSeedFact}) records its reversal and, optionally, the corrected fact right after it.
 *
 * <p>Command handlers validate, then {@code apply()}; event sourcing handlers only set state. A command whose
 * id is already recorded with the same content is answered as a duplicate and records nothing; with other
 * content it is refused as a conflict.
 */
@Aggregate(cache = "seedProgramCache", commandTargetResolver = "seedProgramTargetResolver")
public class SeedProgram {

    /** The aggregate identifier of the program's ledger. */
    public static final String ID = "seed-fund";


    @AggregateIdentifier
    private String programId;
    private LocalDate programStart;
    private Ratio defaultCityShare;

    private final List<ProjectCapSet> capVersions = new ArrayList<>();
    private final Map<LocalDate, ScaleTargetSet> targets = new TreeMap<>();
    private final Map<String, Fund> funds = new HashMap<>();
    private final Map<String, SeedCommitmentRaised> raises = new HashMap<>();
    private final Map<String, Investment> investments = new HashMap<>();
    private final Map<String, List<SeedInvestmentMade>> projects = new HashMap<>();
    private final Map<String, FollowOnRoundRecorded> rounds = new HashMap<>();
    private final Map<String, SeedInvestmentExited> exits = new HashMap<>();
    /** kind:factId → the identifier of the event that recorded the fact (a reversal links to it). */
    private final Map<String, String> factEvents = new HashMap<>();
    /** kind:factId → the reversal of the fact. */
    private final Map<String, SeedFactReversed> reversals = new HashMap<>();

    protected SeedProgram() {
        // for Axon
    }

    // ---------------------------------------------------------------- commands

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public Recorded handle(EstablishSeedFund command, SeedProgramSettings settings) {
        openIfNew(settings);
        String fundId = Require.text(command.fundId(), "fundId");
        Require.name(command.name(), "name");
        Require.name(command.partner(), "partner");
        Ratio cityShare = command.cityShare() == null ? defaultCityShare
                : Require.atMostHundredPercent(command.cityShare(), "citySharePct");
        Money committed = Require.positive(command.committed(), "committed");
        LocalDate establishedOn = Require.notBefore(command.establishedOn(), programStart, "establishedOn",
                "the start of the program");
        SeedFundEstablished fact = new SeedFundEstablished(fundId, command.name(), command.partner(), cityShare,
                committed, establishedOn);
        Fund known = funds.get(fundId);
        if (known != null) {
            return Recorded.duplicateOrConflict(known.established.equals(fact), fundId, "fundId",
                    "seed fund " + fundId + " is already established as '" + known.established.name() + "'");
        }
        apply(fact);
        return Recorded.applied(fundId);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public Recorded handle(RaiseSeedCommitment command, SeedProgramSettings settings) {
        openIfNew(settings);
        String raiseId = Require.text(command.raiseId(), "raiseId");
        String fundId = Require.text(command.fundId(), "fundId");
        Money increase = Require.positive(command.increase(), "increase");
        LocalDate raisedOn = Require.present(command.raisedOn(), "raisedOn");
        SeedCommitmentRaised fact = new SeedCommitmentRaised(raiseId, fundId, increase, raisedOn);
        SeedCommitmentRaised known = raises.get(raiseId);
        if (known != null) {
            return Recorded.duplicateOrConflict(known.equals(fact), raiseId, "raiseId",
                    "commitment raise " + raiseId + " is already recorded with other content");
        }
        Fund fund = fund(fundId);
        Require.notBefore(raisedOn, fund.established.establishedOn(), "raisedOn", "the fund's establishment");
        apply(fact);
        return Recorded.applied(raiseId);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public Recorded handle(MakeSeedInvestment command, SeedProgramSettings settings) {
        openIfNew(settings);
        String investmentId = Require.text(command.investmentId(), "investmentId");
        Investment known = investments.get(investmentId);
        if (known != null) {
            return Recorded.duplicateOrConflict(known.sameAs(command), investmentId, "investmentId",
                    "investment " + investmentId + " is already recorded with other content");
        }
        String fundId = Require.text(command.fundId(), "fundId");
        String projectId = Require.text(command.projectId(), "projectId");
        Require.name(command.enterpriseName(), "enterpriseName");
        Instrument instrument = Require.present(command.instrument(), "instrument");
        Money amount = Require.positive(command.amount(), "amount");
        Ratio stake = command.equityStake();
        if (instrument == Instrument.EQUITY) {
            Require.present(stake, "equityPct");
            if (stake.basisPoints() == 0 || !stake.isAtMostHundredPercent()) {
                throw RuleViolation.invalid("equityPct", "ratio-range",
                        "an equity stake must be more than 0% and at most 100%, was " + stake);
            }
        } else if (stake != null) {
            throw RuleViolation.invalid("equityPct", "stake-on-loan",
                    "a loan carries no equity stake; leave equityPct empty (was " + stake + ")");
        }
        LocalDate investedOn = Require.notBefore(command.investedOn(), programStart, "investedOn",
                "the start of the program");
        Fund fund = fund(fundId);
        Require.notBefore(investedOn, fund.established.establishedOn(), "investedOn", "the fund's establishment");
        Money cap = capInForce(investedOn).orElseThrow(() -> RuleViolation.refused("investedOn", "no-cap-in-force",
                "no per-project cap is in force on " + investedOn));
        SeedInvestmentMade fact = new SeedInvestmentMade(investmentId, fundId, projectId, command.enterpriseName(),
                instrument, amount, stake, investedOn, cap);
        checkProjectCap(fact);
        checkCommitment(fund, fact);
        apply(fact);
        return Recorded.applied(investmentId);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public Recorded handle(RecordFollowOnRound command, SeedProgramSettings settings) {
        openIfNew(settings);
        String roundId = Require.text(command.roundId(), "roundId");
        String projectId = Require.text(command.projectId(), "projectId");
        Require.name(command.investor(), "investor");
        Money amount = Require.positive(command.amount(), "amount");
        Money postMoney = Require.positive(command.postMoney(), "postMoney");
        if (postMoney.isLessThan(amount)) {
            throw RuleViolation.invalid("postMoney", "post-money-below-amount", "the post-money valuation "
                    + postMoney + " is below the round's amount " + amount);
        }
        LocalDate closedOn = Require.notBefore(command.closedOn(), programStart, "closedOn", "the start of the program");
        FollowOnRoundRecorded fact = new FollowOnRoundRecorded(roundId, projectId, command.investor(), amount,
                postMoney, closedOn);
        FollowOnRoundRecorded known = rounds.get(roundId);
        if (known != null) {
            return Recorded.duplicateOrConflict(known.equals(fact), roundId, "roundId",
                    "follow-on round " + roundId + " is already recorded with other content");
        }
        apply(fact);
        return Recorded.applied(roundId);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public Recorded handle(ExitSeedInvestment command, SeedProgramSettings settings) {
        openIfNew(settings);
        String exitId = Require.text(command.exitId(), "exitId");
        SeedInvestmentExited known = exits.get(exitId);
        if (known != null) {
            boolean same = known.investmentId().equals(command.investmentId()) && known.route() == command.route()
                    && known.proceeds().equals(command.proceeds()) && known.exitedOn().equals(command.exitedOn());
            return Recorded.duplicateOrConflict(same, exitId, "exitId", "exit " + exitId + " is already recorded for "
                    + "investment " + known.investmentId() + " (" + known.route() + " on " + known.exitedOn() + ")");
        }
        Investment investment = investment(command.investmentId());
        if (investment.reversed) {
            throw RuleViolation.refused("investmentId", "investment-reversed", "investment "
                    + investment.made.investmentId() + " was reversed (" + reversals.get(key(SeedFactKind.INVESTMENT,
                    investment.made.investmentId())).reason() + "); an investment that was never made cannot exit");
        }
        ExitRoute route = Require.present(command.route(), "route");
        Money proceeds = Require.notNegative(command.proceeds(), "proceeds");
        Require.present(command.exitedOn(), "exitedOn");
        SeedInvestmentMade made = investment.made;
        if (route == ExitRoute.WRITE_OFF && !proceeds.isZero()) {
            throw RuleViolation.invalid("proceeds", "write-off-proceeds", "a write-off brings no proceeds; "
                    + "record the money recovered as another route (was " + proceeds + ")");
        }
        if (route == ExitRoute.REPAID && made.instrument() != Instrument.LOAN) {
            throw RuleViolation.refused("route", "route-instrument", "investment " + made.investmentId()
                    + " is an equity stake; only a loan is repaid");
        }
        if (investment.exit != null) {
            throw RuleViolation.conflict("investmentId", "already-exited", "investment " + made.investmentId()
                    + " already exited (" + investment.exit.exitId() + ", " + investment.exit.route().name()
                    .toLowerCase() + " on " + investment.exit.exitedOn() + "); an investment exits once");
        }
        LocalDate exitedOn = Require.notBefore(command.exitedOn(), made.investedOn(), "exitedOn",
                "the investment's date");
        if (route == ExitRoute.REPAID && proceeds.isGreaterThan(made.amount())) {
            throw RuleViolation.refused("proceeds", "repaid-above-loan", "the loan is interest-free: its repayment "
                    + "cannot exceed the " + made.amount() + " lent, was " + proceeds);
        }
        Ratio cityShare = funds.get(made.fundId()).established.cityShare();
        Money.Split split = proceeds.split(cityShare);
        apply(new SeedInvestmentExited(exitId, made.investmentId(), made.fundId(), made.projectId(),
                made.instrument(), made.investedOn(), route, made.amount(), proceeds, cityShare, split.first(),
                split.second(), proceeds.minus(made.amount()), exitedOn));
        return Recorded.applied(exitId);
    }

    /**
     * Corrects a wrongly recorded fact: applies its reversal (linked to the event that recorded it, dated with the
     * fact's own business date), then records the corrected fact, if the correction carries one, through the very
     * handler that records such a fact on its own. The rules a reversal could break are checked on the state after
     * both; any refusal rolls back the whole unit of work (nothing is stored, and the cached aggregate is evicted and
     * sourced again), so the reversal and the corrected fact are recorded together or not at all. A refusal of the
     * corrected fact names its field as {@code replacement.<field>}.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public Recorded handle(ReverseSeedFact command, SeedProgramSettings settings) {
        openIfNew(settings);
        SeedFactKind kind = Require.present(command.kind(), "kind");
        String factId = Require.factKey(command.factId(), "factId").strip();
        String reason = Require.reason(command.reason());
        SeedFactCommand replacement = command.replacement();
        if (replacement != null && replacement.kind() != kind) {
            throw RuleViolation.invalid("replacement", "replacement-kind", "the corrected fact of a "
                    + name(kind) + " must be a " + name(kind) + ", was a " + name(replacement.kind()));
        }
        String replacedBy = replacement == null || replacement.newFactId() == null ? null
                : replacement.newFactId().strip();
        String key = key(kind, factId);
        SeedFactReversed known = reversals.get(key);
        if (known != null) {
            boolean same = known.reason().equals(reason) && Objects.equals(known.replacedBy(), replacedBy);
            Recorded answer = Recorded.duplicateOrConflict(same, key, "factId", name(kind) + " " + factId
                    + " is already reversed (" + known.reason() + (known.replacedBy() == null ? ""
                    : ", replaced by " + known.replacedBy()) + ")");
            if (replacement != null) {
                recordReplacement(replacement, settings); // the same corrected fact again: a duplicate, else 409
            }
            return answer;
        }
        apply(reversal(kind, factId, reason, replacedBy));
        if (replacement != null && recordReplacement(replacement, settings).duplicate()) {
            throw RuleViolation.conflict("replacement." + idField(kind), "replacement-not-new", "the corrected "
                    + name(kind) + " needs a new id: " + replacedBy + " is already recorded");
        }
        if (kind == SeedFactKind.COMMITMENT_RAISE) {
            checkCommitmentStillCovers(funds.get(raises.get(factId).fundId()), factId);
        }
        return Recorded.applied(key);
    }

    /** The reversal of a recorded fact, after the rules that refuse it; nothing is applied here. */
    private SeedFactReversed reversal(SeedFactKind kind, String factId, String reason, String replacedBy) {
        String eventId = factEvents.get(key(kind, factId));
        switch (kind) {
            case INVESTMENT -> {
                Investment investment = investments.get(factId);
                if (investment == null) {
                    throw unknownFact(kind, factId);
                }
                SeedInvestmentExited exit = investment.exit;
                if (exit != null) {
                    throw RuleViolation.refused("factId", "reverse-exit-first", "investment " + factId + " exited ("
                            + exit.exitId() + ", " + exit.route().name().toLowerCase() + " on " + exit.exitedOn()
                            + "): reverse the exit " + exit.exitId() + " first, then the investment");
                }
                SeedInvestmentMade made = investment.made;
                return new SeedFactReversed(kind, factId, eventId, reason, replacedBy, made.investedOn(),
                        made.fundId(), factId, made.projectId(), made.instrument(), made.investedOn().getYear(), null,
                        made.amount(), Money.ZERO, Money.ZERO, Money.ZERO, Money.ZERO);
            }
            case EXIT -> {
                SeedInvestmentExited exit = exits.get(factId);
                if (exit == null) {
                    throw unknownFact(kind, factId);
                }
                return new SeedFactReversed(kind, factId, eventId, reason, replacedBy, exit.exitedOn(), exit.fundId(),
                        exit.investmentId(), exit.projectId(), exit.instrument(), exit.investedOn().getYear(),
                        exit.route(), exit.cost(), exit.proceeds(), exit.cityProceeds(), exit.partnerProceeds(),
                        Money.ZERO);
            }
            case COMMITMENT_RAISE -> {
                SeedCommitmentRaised raise = raises.get(factId);
                if (raise == null) {
                    throw unknownFact(kind, factId);
                }
                return new SeedFactReversed(kind, factId, eventId, reason, replacedBy, raise.raisedOn(),
                        raise.fundId(), null, null, null, null, null, raise.increase(), Money.ZERO, Money.ZERO,
                        Money.ZERO, Money.ZERO);
            }
            case FOLLOW_ON_ROUND -> {
                // No recorded fact depends on a round (marks and follow-on capital are computed when read): a
                // round can always be reversed.
                FollowOnRoundRecorded round = rounds.get(factId);
                if (round == null) {
                    throw unknownFact(kind, factId);
                }
                return new SeedFactReversed(kind, factId, eventId, reason, replacedBy, round.closedOn(), null, null,
                        round.projectId(), null, null, null, round.amount(), Money.ZERO, Money.ZERO, Money.ZERO,
                        round.postMoney());
            }
            default -> throw new IllegalStateException("unknown kind " + kind);
        }
    }

    /**
     * Records the corrected fact by the handler that records such a fact on its own; a refusal names its field as
     * {@code replacement.<field>}.
     */
    private Recorded recordReplacement(SeedFactCommand replacement, SeedProgramSettings settings) {
        try {
            if (replacement instanceof MakeSeedInvestment investment) {
                return handle(investment, settings);
            }
            if (replacement instanceof ExitSeedInvestment exit) {
                return handle(exit, settings);
            }
            if (replacement instanceof RaiseSeedCommitment raise) {
                return handle(raise, settings);
            }
            return handle((RecordFollowOnRound) replacement, settings);
        } catch (RuleViolation violation) {
            throw violation.within("replacement");
        }
    }

    private static RuleViolation unknownFact(SeedFactKind kind, String factId) {
        return RuleViolation.notFound("factId", "unknown-fact", name(kind) + " " + factId + " is not recorded");
    }

    private static String key(SeedFactKind kind, String factId) {
        return kind + ":" + factId;
    }

    private static String name(SeedFactKind kind) {
        return kind.name().toLowerCase().replace('_', ' ');
    }

    /** The field that names a new fact of a kind, in its command. */
    private static String idField(SeedFactKind kind) {
        return switch (kind) {
            case INVESTMENT -> "investmentId";
            case EXIT -> "exitId";
            case COMMITMENT_RAISE -> "raiseId";
            case FOLLOW_ON_ROUND -> "roundId";
        };
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public Recorded handle(SetProjectCap command, SeedProgramSettings settings) {
        openIfNew(settings);
        LocalDate effectiveFrom = Require.notBefore(command.effectiveFrom(), programStart, "effectiveFrom",
                "the start of the program");
        Money cap = Require.positive(command.cap(), "cap");
        String key = "cap@" + effectiveFrom;
        Optional<ProjectCapSet> known = capVersions.stream().filter(v -> v.effectiveFrom().equals(effectiveFrom))
                .findFirst();
        if (known.isPresent()) {
            return Recorded.duplicateOrConflict(known.get().cap().equals(cap), key, "effectiveFrom",
                    "a cap of " + known.get().cap() + " is already in force from " + effectiveFrom);
        }
        apply(new ProjectCapSet(effectiveFrom, cap));
        return Recorded.applied(key);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public Recorded handle(SetScaleTarget command, SeedProgramSettings settings) {
        openIfNew(settings);
        Money scale = Require.positive(command.targetScale(), "targetScale");
        LocalDate targetDate = Require.notBefore(command.targetDate(), programStart, "targetDate",
                "the start of the program");
        String key = "target@" + targetDate;
        ScaleTargetSet known = targets.get(targetDate);
        if (known != null) {
            return Recorded.duplicateOrConflict(known.targetScale().equals(scale), key, "targetDate",
                    "a target of " + known.targetScale() + " is already recorded for " + targetDate);
        }
        apply(new ScaleTargetSet(scale, targetDate));
        return Recorded.applied(key);
    }

    // ---------------------------------------------------------------- rules

    /**
     * A project's seed money on or before each date, across funds and instruments, stays within the cap: the
     * cap in force on the new investment's date, and the cap each later investment of the project recorded.
     */
    private void checkProjectCap(SeedInvestmentMade fact) {
        List<SeedInvestmentMade> made = projects.getOrDefault(fact.projectId(), List.of());
        Money before = investedOnOrBefore(made, fact.investedOn());
        Money after = before.plus(fact.amount());
        if (after.isGreaterThan(fact.projectCap())) {
            throw RuleViolation.refused("amount", "project-cap-exceeded", "project " + fact.projectId() + " would "
                    + "receive " + after.toDisplayString() + " of seed money by " + fact.investedOn() + " (it holds "
                    + before.toDisplayString() + "), above the per-project cap of "
                    + fact.projectCap().toDisplayString() + " in force on that date");
        }
        for (SeedInvestmentMade later : made) {
            if (later.investedOn().isAfter(fact.investedOn())) {
                Money then = investedOnOrBefore(made, later.investedOn()).plus(fact.amount());
                if (then.isGreaterThan(later.projectCap())) {
                    throw RuleViolation.refused("amount", "project-cap-exceeded", "project " + fact.projectId()
                            + " would hold " + then.toDisplayString() + " of seed money by " + later.investedOn()
                            + " (investment " + later.investmentId() + "), above the per-project cap of "
                            + later.projectCap().toDisplayString() + " it was made under");
                }
            }
        }
    }

    /** A fund's money invested on or before each date stays within its committed capital as of that date. */
    private void checkCommitment(Fund fund, SeedInvestmentMade fact) {
        TreeSet<LocalDate> dates = new TreeSet<>();
        dates.add(fact.investedOn());
        fund.investments.stream().map(SeedInvestmentMade::investedOn).filter(d -> d.isAfter(fact.investedOn()))
                .forEach(dates::add);
        for (LocalDate date : dates) {
            Money invested = investedOnOrBefore(fund.investments, date).plus(fact.amount());
            Money committed = fund.committedOn(date);
            if (invested.isGreaterThan(committed)) {
                throw RuleViolation.refused("amount", "commitment-exceeded", "seed fund " + fund.id() + " would have "
                        + "invested " + invested.toDisplayString() + " by " + date + ", above its committed capital of "
                        + committed.toDisplayString() + " on that date");
            }
        }
    }

    /**
     * After a raise is reversed (and its corrected raise, if any, recorded): the fund's money invested on or before
     * each of its investments' dates must still be within its committed capital as of that date.
     */
    private void checkCommitmentStillCovers(Fund fund, String raiseId) {
        TreeSet<LocalDate> dates = new TreeSet<>();
        fund.investments.forEach(m -> dates.add(m.investedOn()));
        for (LocalDate date : dates) {
            Money invested = investedOnOrBefore(fund.investments, date);
            Money committed = fund.committedOn(date);
            if (invested.isGreaterThan(committed)) {
                throw RuleViolation.refused("factId", "commitment-used", "without the raise " + raiseId
                        + ", seed fund " + fund.id() + " would have invested " + invested.toDisplayString() + " by "
                        + date + ", above its committed capital of " + committed.toDisplayString()
                        + " on that date; reverse or correct those investments first, or give the corrected raise");
            }
        }
    }

    private static Money investedOnOrBefore(List<SeedInvestmentMade> made, LocalDate date) {
        Money sum = Money.ZERO;
        for (SeedInvestmentMade m : made) {
            if (!m.investedOn().isAfter(date)) {
                sum = sum.plus(m.amount());
            }
        }
        return sum;
    }

    /** The cap version with the latest effective date on or before the date. */
    Optional<Money> capInForce(LocalDate date) {
        return capVersions.stream().filter(v -> !v.effectiveFrom().isAfter(date))
                .max(Comparator.comparing(ProjectCapSet::effectiveFrom)).map(ProjectCapSet::cap);
    }

    private Fund fund(String fundId) {
        Fund fund = funds.get(fundId);
        if (fund == null) {
            throw RuleViolation.refused("fundId", "unknown-fund", "seed fund " + fundId + " is not established");
        }
        return fund;
    }

    private Investment investment(String investmentId) {
        Require.text(investmentId, "investmentId");
        Investment investment = investments.get(investmentId);
        if (investment == null) {
            throw RuleViolation.notFound("investmentId", "unknown-investment",
                    "investment " + investmentId + " is not recorded");
        }
        return investment;
    }

    private void openIfNew(SeedProgramSettings settings) {
        if (programId == null) {
            apply(new SeedProgramOpened(settings.programStart(), settings.defaultCityShare(), settings.projectCaps(),
                    settings.targetScale(), settings.targetDate()));
        }
    }


    // ---------------------------------------------------------------- state

    @EventSourcingHandler
    void on(SeedProgramOpened event) {
        programId = ID;
        programStart = event.programStart();
        defaultCityShare = event.defaultCityShare();
        capVersions.addAll(event.projectCaps());
        targets.put(event.targetDate(), new ScaleTargetSet(event.targetScale(), event.targetDate()));
    }

    @EventSourcingHandler
    void on(ProjectCapSet event) {
        capVersions.add(event);
    }

    @EventSourcingHandler
    void on(ScaleTargetSet event) {
        targets.put(event.targetDate(), event);
    }

    @EventSourcingHandler
    void on(SeedFundEstablished event) {
        funds.put(event.fundId(), new Fund(event));
    }

    @EventSourcingHandler
    void on(SeedCommitmentRaised event, EventMessage<?> message) {
        factEvents.put(key(SeedFactKind.COMMITMENT_RAISE, event.raiseId()), message.getIdentifier());
        raises.put(event.raiseId(), event);
        funds.get(event.fundId()).raises.add(event);
    }

    @EventSourcingHandler
    void on(SeedInvestmentMade event, EventMessage<?> message) {
        factEvents.put(key(SeedFactKind.INVESTMENT, event.investmentId()), message.getIdentifier());
        investments.put(event.investmentId(), new Investment(event));
        projects.computeIfAbsent(event.projectId(), id -> new ArrayList<>()).add(event);
        funds.get(event.fundId()).investments.add(event);
    }

    @EventSourcingHandler
    void on(FollowOnRoundRecorded event, EventMessage<?> message) {
        factEvents.put(key(SeedFactKind.FOLLOW_ON_ROUND, event.roundId()), message.getIdentifier());
        rounds.put(event.roundId(), event);
    }

    @EventSourcingHandler
    void on(SeedInvestmentExited event, EventMessage<?> message) {
        factEvents.put(key(SeedFactKind.EXIT, event.exitId()), message.getIdentifier());
        exits.put(event.exitId(), event);
        investments.get(event.investmentId()).exit = event;
    }

    /**
     * A reversed fact counts no more in the rules; its id stays taken. A reversed investment leaves its project's
     * cap and its fund's commitment; a reversed exit makes its investment active again; a reversed raise leaves the
     * fund's commitment.
     */
    @EventSourcingHandler
    void on(SeedFactReversed event) {
        reversals.put(key(event.kind(), event.factId()), event);
        switch (event.kind()) {
            case INVESTMENT -> {
                Investment investment = investments.get(event.factId());
                investment.reversed = true;
                projects.get(investment.made.projectId()).remove(investment.made);
                funds.get(investment.made.fundId()).investments.remove(investment.made);
            }
            case EXIT -> investments.get(event.investmentId()).exit = null;
            case COMMITMENT_RAISE -> funds.get(event.fundId()).raises.remove(raises.get(event.factId()));
            case FOLLOW_ON_ROUND -> {
                // nothing in the rules depends on a round
            }
            default -> throw new IllegalStateException("unknown kind " + event.kind());
        }
    }

    /** A local seed fund: how it was set up, its commitment raises and its investments. */
    static final class Fund {
        final SeedFundEstablished established;
        final List<SeedCommitmentRaised> raises = new ArrayList<>();
        final List<SeedInvestmentMade> investments = new ArrayList<>();

        Fund(SeedFundEstablished established) {
            this.established = established;
        }

        String id() {
            return established.fundId();
        }

        /** Committed capital as of a date: the first commitment (once established) plus the raises until then. */
        Money committedOn(LocalDate date) {
            if (date.isBefore(established.establishedOn())) {
                return Money.ZERO;
            }
            Money committed = established.committed();
            for (SeedCommitmentRaised raise : raises) {
                if (!raise.raisedOn().isAfter(date)) {
                    committed = committed.plus(raise.increase());
                }
            }
            return committed;
        }
    }

    static final class Investment {
        final SeedInvestmentMade made;
        SeedInvestmentExited exit;
        boolean reversed;

        Investment(SeedInvestmentMade made) {
            this.made = made;
        }

        boolean sameAs(MakeSeedInvestment command) {
            return made.fundId().equals(command.fundId()) && made.projectId().equals(command.projectId())
                    && made.enterpriseName().equals(command.enterpriseName())
                    && made.instrument() == command.instrument() && made.amount().equals(command.amount())
                    && Objects.equals(made.equityStake(), command.equityStake())
                    && made.investedOn().equals(command.investedOn());
        }
    }
}
