package cn.cq.fundledger.credit.web;

import cn.cq.fundledger.credit.api.Grade;
import cn.cq.fundledger.credit.api.PoolSource;
import cn.cq.fundledger.credit.api.ReverseFact.FactKind;
import cn.cq.fundledger.credit.query.CreditLedgerProjection;
import cn.cq.fundledger.core.Ratio;
import cn.cq.fundledger.credit.domain.FusePolicy;
import cn.cq.fundledger.credit.domain.RiskSharingPolicy;
import cn.cq.fundledger.credit.query.CreditQueries;
import cn.cq.fundledger.credit.query.CreditViews.BankView;
import cn.cq.fundledger.credit.query.CreditViews.FuseThresholdView;
import cn.cq.fundledger.credit.query.CreditViews.RiskSharingVersionView;
import cn.cq.fundledger.system.web.Consistent;
import cn.cq.fundledger.system.web.Form;
import cn.cq.fundledger.system.web.Form.Purpose;
import cn.cq.fundledger.system.web.ProgramOperations;
import cn.cq.fundledger.system.web.PageFigures;
import cn.cq.fundledger.system.web.Table;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The credit program on the operations pages: a form for every fact {@link CreditController} records (with the same
 * request records, {@link CreditRequests}), a correction form for every kind of fact, the policy forms (risk
 * sharing, fuse thresholds, reinstating a bank) and the policies' tables, read from {@link CreditQueries} as the
 * API's GET endpoints read them.
 */
@Component
@Order(1)
public class CreditOperations implements ProgramOperations {

    private final CreditQueries queries;
    private final Consistent consistent;
    private final Clock clock;
    private final MessageSource messages;
    private final List<Form> forms = new ArrayList<>();

    public CreditOperations(CreditQueries queries, Consistent consistent, Clock clock, MessageSource messages) {
        this.queries = queries;
        this.messages = messages;
        this.consistent = consistent.reading(CreditLedgerProjection.PROCESSING_GROUP);
        this.clock = clock;
        Form bank = Form.of("bank", Purpose.RECORD, CreditRequests.Bank.class, CreditRequests.Bank::toCommand);
        Form evaluation = Form.of("evaluation", Purpose.RECORD, CreditRequests.Evaluation.class,
                CreditRequests.Evaluation::toCommand).choice("grade", Grade.class);
        Form loan = Form.of("loan", Purpose.RECORD, CreditRequests.Loan.class, CreditRequests.Loan::toCommand);
        Form repayment = Form.of("repayment", Purpose.RECORD, CreditRequests.Repayment.class,
                CreditRequests.Repayment::toCommand);
        Form loanDefault = Form.of("default", Purpose.RECORD, CreditRequests.Default.class,
                CreditRequests.Default::toCommand);
        Form claim = Form.of("claim", Purpose.RECORD, CreditRequests.Claim.class, CreditRequests.Claim::toCommand);
        Form recovery = Form.of("recovery", Purpose.RECORD, CreditRequests.Recovery.class,
                CreditRequests.Recovery::toCommand);
        Form contribution = Form.of("pool-contribution", Purpose.RECORD, CreditRequests.PoolContribution.class,
                CreditRequests.PoolContribution::toCommand).choice("source", PoolSource.class);
        Form guidedLoan = Form.of("guided-loan", Purpose.RECORD, CreditRequests.GuidedLoan.class,
                CreditRequests.GuidedLoan::toCommand);
        forms.addAll(List.of(bank, evaluation, loan, repayment, loanDefault, claim, recovery, contribution,
                guidedLoan));
        correction(FactKind.EVALUATION, evaluation);
        correction(FactKind.LOAN, loan);
        correction(FactKind.REPAYMENT, repayment);
        correction(FactKind.DEFAULT, loanDefault);
        correction(FactKind.CLAIM, claim);
        correction(FactKind.RECOVERY, recovery);
        correction(FactKind.CONTRIBUTION, contribution);
        correction(FactKind.GUIDED_LOAN, guidedLoan);
        forms.add(Form.of("risk-sharing", Purpose.POLICY, CreditRequests.RiskSharing.class,
                CreditRequests.RiskSharing::toCommand));
        forms.add(Form.of("fuse-thresholds", Purpose.POLICY, CreditRequests.FuseThresholds.class,
                CreditRequests.FuseThresholds::toCommand));
        // POST /api/credit/banks/{bankId}/reinstatement: the bank is the path's
        forms.add(Form.of("reinstatement", Purpose.POLICY, CreditRequests.Reinstatement.class,
                (CreditRequests.Reinstatement r, Map<String, String> values) -> r.toCommand(values.get("bankId")))
                .pathField("bankId"));
    }

    /** POST /api/credit/corrections for a fact of the kind, its replacement written as the fact's own form. */
    private void correction(FactKind kind, Form fact) {
        forms.add(Form.correction("credit-correction-" + fact.id(), CreditRequests.Correction.class,
                CreditRequests.Correction::toCommand, kind.name().toLowerCase(Locale.ROOT), fact));
    }

    @Override
    public String program() {
        return "program.credit";
    }

    @Override
    public List<Form> forms() {
        return List.copyOf(forms);
    }

    @Override
    public List<Table> policies() {
        LocalDate today = LocalDate.now(clock);
        List<RiskSharingVersionView> ratios = consistent.answer(queries::riskSharingVersions).getBody();
        List<FuseThresholdView> thresholds = consistent.answer(queries::fuseThresholds).getBody();
        List<BankView> banks = consistent.answer(queries::banks).getBody();
        return List.of(riskSharing(ratios, today), fuse(thresholds, today), banks(banks));
    }

    /**
     * The versions of the risk-sharing ratio in the order recorded; marked in force is the one a loan issued today
     * takes for its scope (a bank, or all banks): the latest effective on or before today.
     */
    private Table riskSharing(List<RiskSharingVersionView> versions, LocalDate today) {
        // the program's own rule (credit.domain), not a copy: the version of each scope in force today
        RiskSharingPolicy policy = new RiskSharingPolicy();
        versions.forEach(v -> policy.add(version(v)));
        Table table = new Table("risk-sharing", "policy.riskSharing", List.of("policy.column.effectiveFrom",
                "policy.column.bank", "policy.column.fundShare", "policy.column.state", "policy.column.recordedBy",
                "policy.column.recordedAt"));
        for (RiskSharingVersionView v : versions) {
            boolean inForce = policy.latestOf(v.bankId(), today).filter(version(v)::equals).isPresent();
            table.row(v.effectiveFrom().toString(), v.bankId() == null ? text("policy.allBanks") : v.bankId(),
                    PageFigures.percent(v.fundShareBp()), state(inForce, v.effectiveFrom(), today), v.recordedBy(),
                    v.recordedAt());
        }
        return table;
    }

    private static RiskSharingPolicy.Version version(RiskSharingVersionView v) {
        return new RiskSharingPolicy.Version(v.effectiveFrom(), Ratio.ofBasisPoints(v.fundShareBp()), v.bankId());
    }

    private static FusePolicy.Thresholds thresholds(FuseThresholdView v) {
        return new FusePolicy.Thresholds(v.effectiveFrom(), Ratio.ofBasisPoints(v.warningBp()),
                Ratio.ofBasisPoints(v.suspensionBp()));
    }

    /** The fuse thresholds' versions after the opening one; in force: the latest effective on or before today. */
    private Table fuse(List<FuseThresholdView> versions, LocalDate today) {
        FusePolicy policy = new FusePolicy();
        versions.forEach(v -> policy.add(thresholds(v)));
        Optional<FusePolicy.Thresholds> latest = policy.latestOn(today);
        Table table = new Table("fuse-thresholds", "policy.fuseThresholds", List.of("policy.column.effectiveFrom",
                "policy.column.warning", "policy.column.suspension", "policy.column.state",
                "policy.column.recordedBy", "policy.column.recordedAt"));
        for (FuseThresholdView v : versions) {
            table.row(v.effectiveFrom().toString(), PageFigures.percent(v.warningBp()),
                    PageFigures.percent(v.suspensionBp()),
                    state(latest.filter(thresholds(v)::equals).isPresent(), v.effectiveFrom(), today), v.recordedBy(),
                    v.recordedAt());
        }
        return table;
    }

    private Table banks(List<BankView> banks) {
        Table table = new Table("banks", "policy.banks", List.of("policy.column.bankId", "policy.column.bankName",
                "policy.column.fuseStatus", "policy.column.since", "policy.column.lossRate", "policy.column.action"));
        for (BankView b : banks) {
            table.row(b.bankId(), b.name(), text("policy.fuse." + b.fuseStatus().toLowerCase(Locale.ROOT)),
                    b.since() == null ? null : b.since().toString(),
                    b.lossRateBp() == null ? null : PageFigures.percent(b.lossRateBp()),
                    "SUSPENDED".equals(b.fuseStatus()) ? new Table.Link(text("policy.reinstate"),
                            UriComponentsBuilder.fromPath("/policy/reinstatement").queryParam("bankId", b.bankId())
                                    .encode().build().toUriString()) : null);
        }
        return table;
    }

    private String state(boolean inForce, LocalDate effectiveFrom, LocalDate today) {
        return text(inForce ? "policy.state.inForce" : effectiveFrom.isAfter(today) ? "policy.state.scheduled"
                : "policy.state.superseded");
    }

    /** A word of a policy table in the page's language (the table's cells are shown and exported as they are). */
    private String text(String key) {
        return messages.getMessage(key, null, key, LocaleContextHolder.getLocale());
    }
}
