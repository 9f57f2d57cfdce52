package cn.cq.fundledger.credit.whatif;

import cn.cq.fundledger.credit.domain.FusePolicy;
import cn.cq.fundledger.credit.domain.RiskSharingPolicy;
import cn.cq.fundledger.credit.query.CreditLedgerProjection;
import cn.cq.fundledger.reporting.api.FetchTotals;
import cn.cq.fundledger.reporting.api.Totals;
import cn.cq.fundledger.system.ProjectionConsistency;
import cn.cq.fundledger.system.ProjectionHalted;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Runs what-if scenarios: one read of the credit history feeds a model of the recorded policy and one of each
 * scenario ({@link CreditHistory}); the actual figures are the read model's ({@code /api/totals}), read once the
 * projections hold the same history. Nothing is written. Runs hold no lock the ledger takes: commands and queries go
 * on beside them; at most {@code fundledger.what-if.concurrent-runs} run at once, the others wait their turn (up to
 * 30 s, then 503).
 */
@Component
public class CreditWhatIf {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(CreditWhatIf.class);
    private static final ParallelCreditModel.Scenario RECORDED = new ParallelCreditModel.Scenario(null, null, List.of());
    private static final int ATTEMPTS = 3;
    private static final int MAX_TIMELINE_POINTS = 400;

    private final CreditHistory history;
    private final QueryGateway queries;
    private final ProjectionConsistency consistency;
    private final Semaphore runs;

    public CreditWhatIf(CreditHistory history, QueryGateway queries, ProjectionConsistency consistency,
                        @Value("${fundledger.what-if.concurrent-runs:2}") int concurrentRuns) {
        this.history = history;
        this.queries = queries;
        this.consistency = consistency;
        this.runs = new Semaphore(Math.max(1, concurrentRuns), true);
    }

    /** A scenario to run, with the name it was saved under (null for an unsaved one). */
    public record Named(String name, ParallelCreditModel.Scenario scenario) {
    }

    /**
     * The answers of the scenarios (in the order given), all from the same history.
     *
     * @param consistent false when the ledger kept recording credit facts during every attempt, so the actual figures
     *                   may hold a few facts more than the scenarios
     * @param position   the ledger's head position the actual figures were read at
     */
    public record Run(List<WhatIfAnswer> answers, boolean consistent, long position) {
    }

    /** Thrown when every run's turn is taken for longer than a caller should wait. */
    public static final class Busy extends RuntimeException {
        public Busy(String message) {
            super(message);
        }
    }

    public Run run(List<Named> scenarios, List<LocalDate> dates) {
        try {
            if (!runs.tryAcquire(30, TimeUnit.SECONDS)) {
                throw new Busy("every what-if run is taken; try again in a few seconds");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Busy("interrupted while waiting for a what-if run");
        }
        try {
            List<ParallelCreditModel.Scenario> all = new ArrayList<>();
            all.add(RECORDED);
            scenarios.forEach(s -> all.add(s.scenario()));
            for (int attempt = 1; ; attempt++) {
                CreditHistory.Replay replay = history.replay(all);
                long position = consistency.head();
                Map<LocalDate, Totals> actual = actualTotals(dates, position);
                boolean same = history.lastSequence() == replay.lastSequence();
                if (same || attempt == ATTEMPTS) {
                    if (!same) {
                        log.warn("credit facts kept being recorded during {} what-if attempts: answering with "
                                + "actual figures that may hold more facts than the scenarios", ATTEMPTS);
                    }
                    List<WhatIfAnswer> answers = new ArrayList<>();
                    for (int i = 0; i < scenarios.size(); i++) {
                        answers.add(answer(scenarios.get(i), dates, actual, replay.models().get(0),
                                replay.models().get(i + 1), replay.recordedDecisions()));
                    }
                    return new Run(answers, same, position);
                }
            }
        } finally {
            runs.release();
        }
    }

    /** The read model's figures at each date, once the credit projection holds every event stored before. */
    private Map<LocalDate, Totals> actualTotals(List<LocalDate> dates, long position) {
        ProjectionConsistency.Wait wait = consistency.await(Set.of(CreditLedgerProjection.PROCESSING_GROUP), position,
                consistency.defaultWait());
        if (!wait.complete() && !wait.halted().isEmpty()) {
            throw new ProjectionHalted(wait.halted(), position);
        }
        Map<LocalDate, Totals> totals = new LinkedHashMap<>();
        for (LocalDate date : dates) {
            totals.put(date, queries.query(new FetchTotals(date, null), Totals.class).join());
        }
        return totals;
    }

    private static WhatIfAnswer answer(Named named, List<LocalDate> dates, Map<LocalDate, Totals> actual,
                                       ParallelCreditModel recorded, ParallelCreditModel model,
                                       List<ParallelCreditModel.FuseDecision> recordedDecisions) {
        List<WhatIfAnswer.Result> results = new ArrayList<>();
        for (LocalDate date : dates) {
            Totals totals = actual.get(date);
            results.add(new WhatIfAnswer.Result(date,
                    new WhatIfAnswer.Figures(totals.creditLoans(), totals.riskPools()),
                    new WhatIfAnswer.Figures(creditLoans(totals.creditLoans(), model, date), riskPools(model, date))));
        }
        LocalDate last = dates.get(dates.size() - 1);
        Map<String, Long> counts = new LinkedHashMap<>();
        List<ParallelCreditModel.Finding> findings = model.findings().stream()
                .sorted(Comparator.comparing(ParallelCreditModel.Finding::date)).toList();
        findings.forEach(f -> counts.merge(f.rule(), 1L, Long::sum));
        return new WhatIfAnswer(echo(named, dates), results, pools(recorded, model, last),
                banks(recorded, model, recordedDecisions, last), findings, counts, timeline(recorded, model, dates));
    }

    /** The credit loans' figures under the scenario: the loans are the recorded ones; only what the pools paid moves. */
    private static Totals.CreditLoans creditLoans(Totals.CreditLoans actual, ParallelCreditModel model, LocalDate date) {
        return new Totals.CreditLoans(actual.loans(), actual.enterprises(), actual.issuedFen(), actual.issued(),
                actual.outstandingFen(), actual.defaultedFen(),
                model.total(ParallelCreditModel.COMPENSATED, date, null), actual.recoveredFen());
    }

    private static Totals.RiskPools riskPools(ParallelCreditModel model, LocalDate date) {
        long contributed = model.total(ParallelCreditModel.CONTRIBUTED, date, null);
        long compensated = model.total(ParallelCreditModel.COMPENSATED, date, null);
        long recovered = model.total(ParallelCreditModel.POOL_RECOVERED, date, null);
        return new Totals.RiskPools(contributed, compensated, recovered, contributed - compensated + recovered,
                model.total(ParallelCreditModel.WAITING, date, null));
    }

    private static List<WhatIfAnswer.Pool> pools(ParallelCreditModel recorded, ParallelCreditModel model,
                                                 LocalDate asOf) {
        Map<String, ParallelCreditModel.PoolFigures> actual = recorded.pools(asOf);
        Map<String, ParallelCreditModel.PoolFigures> whatIf = model.pools(asOf);
        Set<String> districts = new LinkedHashSet<>(actual.keySet());
        districts.addAll(whatIf.keySet());
        ParallelCreditModel.PoolFigures none = new ParallelCreditModel.PoolFigures(0, 0, 0, 0);
        return districts.stream().sorted().map(d -> new WhatIfAnswer.Pool(d, asOf,
                side(actual.getOrDefault(d, none), recorded.firstShortfall(d, asOf).orElse(null)),
                side(whatIf.getOrDefault(d, none), model.firstShortfall(d, asOf).orElse(null)))).toList();
    }

    private static WhatIfAnswer.PoolSide side(ParallelCreditModel.PoolFigures f, LocalDate shortfall) {
        return new WhatIfAnswer.PoolSide(f.contributedFen(), f.compensatedFen(), f.recoveredFen(), f.waitingFen(),
                f.balanceFen(), shortfall);
    }

    private static List<WhatIfAnswer.Bank> banks(ParallelCreditModel recorded, ParallelCreditModel model,
                                                 List<ParallelCreditModel.FuseDecision> recordedDecisions,
                                                 LocalDate asOf) {
        Map<String, ParallelCreditModel.BankTally> actual = recorded.banks(asOf);
        Map<String, ParallelCreditModel.BankTally> whatIf = model.banks(asOf);
        List<ParallelCreditModel.FuseDecision> actualDecisions = upTo(recordedDecisions, asOf);
        List<ParallelCreditModel.FuseDecision> whatIfDecisions = upTo(model.decisions(), asOf);
        TreeSet<String> banks = new TreeSet<>(actual.keySet());
        banks.addAll(whatIf.keySet());
        actualDecisions.forEach(d -> banks.add(d.bankId()));
        whatIfDecisions.forEach(d -> banks.add(d.bankId()));
        ParallelCreditModel.BankTally none = new ParallelCreditModel.BankTally(0, 0, 0, 0);
        return banks.stream().map(b -> new WhatIfAnswer.Bank(b, model.bankName(b), asOf,
                side(actual.getOrDefault(b, none), actualDecisions, b),
                side(whatIf.getOrDefault(b, none), whatIfDecisions, b))).toList();
    }

    private static List<ParallelCreditModel.FuseDecision> upTo(List<ParallelCreditModel.FuseDecision> decisions,
                                                               LocalDate asOf) {
        return decisions.stream().filter(d -> !d.date().isAfter(asOf)).toList();
    }

    private static WhatIfAnswer.BankSide side(ParallelCreditModel.BankTally t,
                                              List<ParallelCreditModel.FuseDecision> decisions, String bankId) {
        return new WhatIfAnswer.BankSide(t.lostFen(), t.recoveredFen(), t.poolBorneFen(), t.bankBorneFen(),
                decisions.stream().filter(d -> d.bankId().equals(bankId))
                        .map(d -> new WhatIfAnswer.Decision(d.decision(), d.date())).toList());
    }

    /** Month ends from the first movement to the last date asked for (quarter ends for long histories). */
    private static List<WhatIfAnswer.TimelinePoint> timeline(ParallelCreditModel recorded, ParallelCreditModel model,
                                                             List<LocalDate> dates) {
        LocalDate last = dates.get(dates.size() - 1);
        LocalDate first = java.util.stream.Stream.of(recorded.firstDate(), model.firstDate())
                .flatMap(java.util.Optional::stream).min(Comparator.naturalOrder()).orElse(null);
        if (first == null || first.isAfter(last)) {
            return List.of();
        }
        long months = java.time.temporal.ChronoUnit.MONTHS.between(first.withDayOfMonth(1), last.withDayOfMonth(1));
        int step = months < MAX_TIMELINE_POINTS ? 1 : (int) (months / MAX_TIMELINE_POINTS) + 1;
        TreeSet<LocalDate> points = new TreeSet<>(dates.stream().filter(d -> !d.isBefore(first)).toList());
        for (LocalDate d = first.with(TemporalAdjusters.lastDayOfMonth()); !d.isAfter(last);
             d = d.plusMonths(step).with(TemporalAdjusters.lastDayOfMonth())) {
            points.add(d);
        }
        List<LocalDate> ordered = List.copyOf(points);
        List<ParallelCreditModel.PoolFigures> actual = recorded.poolsOver(ordered);
        List<ParallelCreditModel.PoolFigures> whatIf = model.poolsOver(ordered);
        List<WhatIfAnswer.TimelinePoint> timeline = new ArrayList<>();
        for (int i = 0; i < ordered.size(); i++) {
            timeline.add(new WhatIfAnswer.TimelinePoint(ordered.get(i), actual.get(i).balanceFen(),
                    whatIf.get(i).balanceFen(), actual.get(i).waitingFen(), whatIf.get(i).waitingFen()));
        }
        return timeline;
    }

    /** The scenario as understood, in the request's own shape (it can be sent again as it is). */
    private static WhatIfAnswer.Scenario echo(Named named, List<LocalDate> dates) {
        ParallelCreditModel.Scenario s = named.scenario();
        List<WhatIfAnswer.RiskSharing> ratios = s.riskSharing() == null ? null : s.riskSharing().stream()
                .sorted(Comparator.comparing(RiskSharingPolicy.Version::effectiveFrom))
                .map(v -> new WhatIfAnswer.RiskSharing(v.effectiveFrom(), v.fundShare().toPercentString(), v.bankId()))
                .toList();
        List<WhatIfAnswer.FuseThresholds> fuse = s.fuseThresholds() == null ? null : s.fuseThresholds().stream()
                .sorted(Comparator.comparing(FusePolicy.Thresholds::effectiveFrom))
                .map(t -> new WhatIfAnswer.FuseThresholds(t.effectiveFrom(), t.warning().toPercentString(),
                        t.suspension().toPercentString())).toList();
        List<WhatIfAnswer.ExtraPoolContribution> extras = s.extraContributions().stream()
                .map(e -> new WhatIfAnswer.ExtraPoolContribution(e.district(),
                        e.source().name().toLowerCase(Locale.ROOT), e.amount().toYuanString(), e.contributedOn()))
                .toList();
        return new WhatIfAnswer.Scenario(named.name(), ratios, fuse, extras, dates);
    }
}
