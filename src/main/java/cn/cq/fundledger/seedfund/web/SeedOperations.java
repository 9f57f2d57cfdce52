package cn.cq.fundledger.seedfund.web;

import cn.cq.fundledger.seedfund.api.ExitRoute;
import cn.cq.fundledger.seedfund.api.Instrument;
import cn.cq.fundledger.seedfund.api.SeedFactKind;
import cn.cq.fundledger.seedfund.query.SeedLedgerProjection;
import cn.cq.fundledger.seedfund.query.SeedQueries;
import cn.cq.fundledger.seedfund.query.SeedViews.CapVersionView;
import cn.cq.fundledger.seedfund.query.SeedViews.TargetVersionView;
import cn.cq.fundledger.system.web.Consistent;
import cn.cq.fundledger.system.web.Form;
import cn.cq.fundledger.system.web.Form.Purpose;
import cn.cq.fundledger.system.web.ProgramOperations;
import cn.cq.fundledger.system.web.Table;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The seed fund on the operations pages: a form for every fact {@link SeedController} records (with its request
 * records, {@link SeedRequests}), a correction form for every kind of fact, the policy forms (the per-project cap,
 * the scale target) and the policies' tables, read from {@link SeedQueries} as the API reads them.
 */
@Component
@Order(2)
public class SeedOperations implements ProgramOperations {

    private final SeedQueries queries;
    private final Consistent consistent;
    private final Clock clock;
    private final MessageSource messages;
    private final List<Form> forms = new ArrayList<>();

    public SeedOperations(SeedQueries queries, Consistent consistent, Clock clock, MessageSource messages) {
        this.queries = queries;
        this.consistent = consistent.reading(SeedLedgerProjection.PROCESSING_GROUP);
        this.clock = clock;
        this.messages = messages;
        Form fund = Form.of("seed-fund", Purpose.RECORD, SeedRequests.Fund.class, SeedRequests.Fund::toCommand);
        Form raise = Form.of("seed-raise", Purpose.RECORD, SeedRequests.CommitmentRaise.class,
                SeedRequests.CommitmentRaise::toCommand);
        Form investment = Form.of("seed-investment", Purpose.RECORD, SeedRequests.Investment.class,
                SeedRequests.Investment::toCommand).choice("instrument", Instrument.class);
        Form round = Form.of("seed-follow-on", Purpose.RECORD, SeedRequests.FollowOnRound.class,
                SeedRequests.FollowOnRound::toCommand);
        Form exit = Form.of("seed-exit", Purpose.RECORD, SeedRequests.Exit.class, SeedRequests.Exit::toCommand)
                .choice("route", ExitRoute.class);
        forms.addAll(List.of(fund, raise, investment, round, exit));
        correction(SeedFactKind.INVESTMENT, investment);
        correction(SeedFactKind.EXIT, exit);
        correction(SeedFactKind.COMMITMENT_RAISE, raise);
        correction(SeedFactKind.FOLLOW_ON_ROUND, round);
        forms.add(Form.of("seed-cap", Purpose.POLICY, SeedRequests.ProjectCap.class,
                SeedRequests.ProjectCap::toCommand));
        forms.add(Form.of("seed-target", Purpose.POLICY, SeedRequests.ScaleTarget.class,
                SeedRequests.ScaleTarget::toCommand));
    }

    /** POST /api/seed/corrections for a fact of the kind, its replacement written as the fact's own form. */
    private void correction(SeedFactKind kind, Form fact) {
        forms.add(Form.correction("seed-correction-" + fact.id().substring("seed-".length()),
                SeedRequests.Correction.class, SeedRequests.Correction::toCommand, kind.name().toLowerCase(Locale.ROOT),
                fact));
    }

    @Override
    public String program() {
        return "program.seed";
    }

    @Override
    public List<Form> forms() {
        return List.copyOf(forms);
    }

    @Override
    public List<Table> policies() {
        LocalDate today = LocalDate.now(clock);
        List<CapVersionView> caps = consistent.answer(queries::capVersions).getBody();
        List<TargetVersionView> targets = consistent.answer(queries::targets).getBody();
        // an investment takes the cap in force on its date (SeedQueries.capInForce): the latest effective on or
        // before it, the one recorded last among versions of the same date
        Optional<CapVersionView> inForce = caps.stream().filter(c -> !c.effectiveFrom().isAfter(today))
                .max(Comparator.comparing(CapVersionView::effectiveFrom).thenComparing(CapVersionView::position));
        Table capTable = new Table("seed-caps", "policy.seedCaps", List.of("policy.column.effectiveFrom",
                "policy.column.cap", "policy.column.state", "policy.column.recordedBy", "policy.column.recordedAt"));
        for (CapVersionView c : caps) {
            capTable.row(c.effectiveFrom().toString(), new Table.Money(c.capFen()),
                    text(inForce.filter(c::equals).isPresent() ? "policy.state.inForce"
                            : c.effectiveFrom().isAfter(today) ? "policy.state.scheduled" : "policy.state.superseded"),
                    c.recordedBy(), c.recordedAt());
        }
        Table targetTable = new Table("seed-targets", "policy.seedTargets", List.of("policy.column.targetDate",
                "policy.column.target", "policy.column.recordedBy", "policy.column.recordedAt"));
        targets.forEach(t -> targetTable.row(t.targetDate().toString(), new Table.Money(t.targetFen()), t.recordedBy(),
                t.recordedAt()));
        return List.of(capTable, targetTable);
    }

    private String text(String key) {
        return messages.getMessage(key, null, key, LocaleContextHolder.getLocale());
    }
}
