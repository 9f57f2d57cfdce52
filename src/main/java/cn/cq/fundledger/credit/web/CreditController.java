package cn.cq.fundledger.credit.web;

import cn.cq.fundledger.core.Recorded;
import cn.cq.fundledger.core.RuleViolation;
import cn.cq.fundledger.credit.api.ReverseFact;
import cn.cq.fundledger.credit.query.CreditLedgerProjection;
import cn.cq.fundledger.credit.query.CreditQueries;
import cn.cq.fundledger.credit.query.CreditViews.BankView;
import cn.cq.fundledger.credit.query.CreditViews.ClaimView;
import cn.cq.fundledger.credit.query.CreditViews.CorrectionView;
import cn.cq.fundledger.credit.query.CreditViews.EvaluationView;
import cn.cq.fundledger.credit.query.CreditViews.FuseDecisionView;
import cn.cq.fundledger.credit.query.CreditViews.FuseThresholdView;
import cn.cq.fundledger.credit.query.CreditViews.LoanView;
import cn.cq.fundledger.credit.query.CreditViews.PoolView;
import cn.cq.fundledger.credit.query.CreditViews.RiskSharingVersionView;
import cn.cq.fundledger.system.web.Answers;
import cn.cq.fundledger.system.web.BusinessCalendar;
import cn.cq.fundledger.system.web.Consistent;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The knowledge-value credit program over HTTP. Recording answers 201 with the fact's id, or 200 with
 * {@code "duplicate": true} when the very same fact was already recorded; a refusal answers 4xx
 * problem+json naming the field and the rule, and records nothing. Amounts are yuan strings ("1234.56",
 * "12.5万"), percentages numbers (80 = 80%), dates yyyy-MM-dd.
 */
@RestController
@RequestMapping("/api/credit")
@Tag(name = "Credit loans", description = "Knowledge-value credit loans, district risk pools, risk sharing")
public class CreditController {

    private final CommandGateway commands;
    private final CreditQueries queries;
    private final Consistent consistent;
    private final BusinessCalendar calendar;

    public CreditController(CommandGateway commands, CreditQueries queries, Consistent consistent, BusinessCalendar calendar) {
        this.commands = commands;
        this.queries = queries;
        this.consistent = consistent.reading(CreditLedgerProjection.PROCESSING_GROUP);
        this.calendar = calendar;
    }

    @PostMapping("/banks")
    @Operation(summary = "Register a cooperating bank (OPERATOR)")
    public ResponseEntity<Recorded> registerBank(@RequestBody CreditRequests.Bank request) {
        Recorded recorded = commands.sendAndWait(request.toCommand());
        return Answers.recorded(recorded, "/api/credit/banks");
    }

    @GetMapping("/banks")
    @Operation(summary = "Cooperating banks")
    public ResponseEntity<List<BankView>> banks() {
        return consistent.answer(queries::banks);
    }

    @GetMapping("/banks/{bankId}/fuse")
    @Operation(summary = "A bank's fuse decisions (warned, suspended, reinstated), in the order recorded")
    public ResponseEntity<List<FuseDecisionView>> fuse(@PathVariable String bankId) {
        return consistent.answer(() -> queries.fuseDecisions(bankId));
    }

    @PostMapping("/banks/{bankId}/reinstatement")
    @Operation(summary = "Reinstate a suspended bank (ADMIN)", description = "A reason is mandatory.")
    public ResponseEntity<Recorded> reinstate(@PathVariable String bankId,
                                              @RequestBody CreditRequests.Reinstatement request) {
        Recorded recorded = commands.sendAndWait(request.toCommand(bankId));
        return Answers.recorded(recorded, "/api/credit/banks/{bankId}/fuse", bankId);
    }

    @PostMapping("/fuse-thresholds")
    @Operation(summary = "Record a version of the fuse thresholds (ADMIN)",
            description = "warningPct and suspensionPct of the loss rate (unrecovered principal of defaulted loans / "
                    + "principal issued, per bank), in force from effectiveFrom. Defaults 5 and 8. A default that takes "
                    + "a bank to the warning threshold warns it; to the suspension threshold suspends it: its new loans "
                    + "are refused until an administrator reinstates it.")
    public ResponseEntity<Recorded> setFuseThresholds(@RequestBody CreditRequests.FuseThresholds request) {
        Recorded recorded = commands.sendAndWait(request.toCommand());
        return Answers.recorded(recorded, "/api/credit/fuse-thresholds");
    }

    @GetMapping("/fuse-thresholds")
    @Operation(summary = "The fuse thresholds' history (after the program's opening version)")
    public ResponseEntity<List<FuseThresholdView>> fuseThresholds() {
        return consistent.answer(queries::fuseThresholds);
    }

    @PostMapping("/guided-loans")
    @Operation(summary = "Record a guided commercial loan (OPERATOR)",
            description = "A commercial loan granted to an evaluated program enterprise; no risk sharing; counted in "
                    + "guidedLoans of /api/totals.")
    public ResponseEntity<Recorded> guidedLoan(@RequestBody CreditRequests.GuidedLoan request) {
        Recorded recorded = commands.sendAndWait(request.toCommand());
        return Answers.recorded(recorded, "/api/credit/guided-loans");
    }

    @PostMapping("/corrections")
    @Operation(summary = "Correct a wrongly recorded fact (OPERATOR)",
            description = "kind = loan | repayment | default | claim | recovery | contribution | guided_loan | "
                    + "evaluation, factId (for a default the loan id, for an evaluation enterpriseId@evaluatedOn), a "
                    + "mandatory reason, and optionally replacement: the corrected fact, as the body of its own "
                    + "endpoint, with a new id. The fact is never edited or deleted: a reversal linked to its event is "
                    + "recorded, dated with the fact's own business date, so figures as of any later date no longer "
                    + "count it (recordedAt still shows what the ledger said before). The replacement is recorded by "
                    + "the same command under its own rules: both or neither.")
    public ResponseEntity<Recorded> correct(@RequestBody CreditRequests.Correction request) {
        Recorded recorded = commands.sendAndWait(request.toCommand());
        return Answers.recorded(recorded, "/api/credit/corrections");
    }

    @GetMapping("/corrections")
    @Operation(summary = "Every correction, in the order recorded, paged",
            description = "Each names the reversed fact, the event that recorded it, the reason, the replacement "
                    + "(if any), who recorded it and when. kind filters by the kind of fact (loan, repayment, ...).")
    public ResponseEntity<List<CorrectionView>> corrections(@RequestParam(required = false) String kind,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "100") int size) {
        if (page < 0 || size < 1 || size > 10_000) {
            throw RuleViolation.invalid("size", "range", "page must be 0 or more and size 1 to 10000");
        }
        cn.cq.fundledger.core.Input in = new cn.cq.fundledger.core.Input();
        ReverseFact.FactKind factKind = kind == null ? null : in.choice("kind", kind, ReverseFact.FactKind.class);
        in.orThrow();
        return consistent.answer(() -> queries.corrections(factKind == null ? null : factKind.name(), page, size));
    }

    @PostMapping("/evaluations")
    @Operation(summary = "Record an enterprise's knowledge-value evaluation (OPERATOR)",
            description = "Grade A–E, valid for one year from evaluatedOn; the credit line comes from the program's "
                    + "policy table (A 500万, B 400万, C 300万, D 160万, E 80万).")
    public ResponseEntity<Recorded> evaluate(@RequestBody CreditRequests.Evaluation request) {
        Recorded recorded = commands.sendAndWait(request.toCommand());
        return Answers.recorded(recorded, "/api/credit/enterprises/{enterpriseId}/evaluations",
                request.enterpriseId().strip());
    }

    @GetMapping("/enterprises/{enterpriseId}/evaluations")
    @Operation(summary = "An enterprise's evaluations, oldest first")
    public ResponseEntity<List<EvaluationView>> evaluations(@PathVariable String enterpriseId) {
        return consistent.answer(() -> queries.evaluations(enterpriseId));
    }

    @PostMapping("/risk-sharing")
    @Operation(summary = "Record a version of the risk-sharing ratio (ADMIN)",
            description = "fundSharePct is the pool's share of a defaulted loan's unrecovered principal (80 = 80%), "
                    + "in force from effectiveFrom for bankId, or for all banks when bankId is empty. A bank's own "
                    + "version beats the general one. A loan keeps the version in force on its issue date for ever: "
                    + "a version recorded later, even with an earlier effective date, affects only loans issued "
                    + "after it is recorded.")
    public ResponseEntity<Recorded> setRiskSharing(@RequestBody CreditRequests.RiskSharing request) {
        Recorded recorded = commands.sendAndWait(request.toCommand());
        return Answers.recorded(recorded, "/api/credit/risk-sharing");
    }

    @GetMapping("/risk-sharing")
    @Operation(summary = "The risk-sharing policy's history, in the order recorded, with who recorded each version")
    public ResponseEntity<List<RiskSharingVersionView>> riskSharing() {
        return consistent.answer(queries::riskSharingVersions);
    }

    @PostMapping("/pool-contributions")
    @Operation(summary = "Record a contribution to a district's risk compensation pool (OPERATOR)",
            description = "Waiting claims of the district are then paid oldest first while the balance covers "
                    + "the oldest, dated on the contribution's date.")
    public ResponseEntity<Recorded> contribute(@RequestBody CreditRequests.PoolContribution request) {
        Recorded recorded = commands.sendAndWait(request.toCommand());
        return Answers.recorded(recorded, "/api/credit/pools");
    }

    @GetMapping("/pools")
    @Operation(summary = "Every district pool as of a date: contributed, compensated, recovered, balance, waiting")
    public ResponseEntity<List<PoolView>> pools(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf) {
        return consistent.answer(() -> queries.pools(calendar.asOf(asOf)));
    }

    @GetMapping("/pools/{district}/claims")
    @Operation(summary = "A district pool's compensation claims as of a date, with when each was paid")
    public ResponseEntity<List<ClaimView>> claims(@PathVariable String district,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf) {
        return consistent.answer(() -> queries.claims(district, calendar.asOf(asOf)));
    }

    @PostMapping("/loans")
    @Operation(summary = "Issue a knowledge-value loan (OPERATOR)",
            description = "Refused when the bank is unknown, the enterprise has no grade valid on issuedOn, has a "
                    + "loan in default, or would owe more than its grade's credit line; term at most 12 months.")
    public ResponseEntity<Recorded> issue(@RequestBody CreditRequests.Loan request) {
        Recorded recorded = commands.sendAndWait(request.toCommand());
        return Answers.recorded(recorded, "/api/credit/loans/{loanId}", recorded.id());
    }

    @GetMapping("/loans/{loanId}")
    @Operation(summary = "A loan's terms, its figures as of a date, and the movements that make them")
    public ResponseEntity<LoanView> loan(@PathVariable String loanId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf) {
        return consistent.answer(() -> queries.loan(loanId, calendar.asOf(asOf)).orElseThrow(() ->
                RuleViolation.notFound("loanId", "unknown-loan", "loan " + loanId + " is not recorded")));
    }

    @PostMapping("/loans/{loanId}/repayments")
    @Operation(summary = "Record a repayment of principal and/or interest (OPERATOR)",
            description = "Refused above the outstanding principal; a loan repaid in full is closed.")
    public ResponseEntity<Recorded> repay(@PathVariable String loanId, @RequestBody CreditRequests.Repayment request) {
        Recorded recorded = commands.sendAndWait(request.onLoan(loanId).toCommand());
        return Answers.recorded(recorded, "/api/credit/loans/{loanId}", loanId);
    }

    @PostMapping("/loans/{loanId}/default")
    @Operation(summary = "Declare a loan in default (OPERATOR)")
    public ResponseEntity<Recorded> declareDefault(@PathVariable String loanId,
                                                   @RequestBody CreditRequests.Default request) {
        Recorded recorded = commands.sendAndWait(request.onLoan(loanId).toCommand());
        return Answers.recorded(recorded, "/api/credit/loans/{loanId}", loanId);
    }

    @PostMapping("/loans/{loanId}/claims")
    @Operation(summary = "Claim compensation from the district pool for a defaulted loan (OPERATOR)",
            description = "The pool owes the loan's fund share of the unrecovered principal. It pays at once when "
                    + "its balance covers the claim and no older claim waits; otherwise the claim waits.")
    public ResponseEntity<Recorded> claim(@PathVariable String loanId, @RequestBody CreditRequests.Claim request) {
        Recorded recorded = commands.sendAndWait(request.onLoan(loanId).toCommand());
        return Answers.recorded(recorded, "/api/credit/loans/{loanId}", loanId);
    }

    @PostMapping("/loans/{loanId}/recoveries")
    @Operation(summary = "Record money recovered after compensation (OPERATOR)",
            description = "Shared in the loan's ratio; the pool's share goes back into the pool, never more than "
                    + "the pool paid for the loan.")
    public ResponseEntity<Recorded> recover(@PathVariable String loanId, @RequestBody CreditRequests.Recovery request) {
        Recorded recorded = commands.sendAndWait(request.onLoan(loanId).toCommand());
        return Answers.recorded(recorded, "/api/credit/loans/{loanId}", loanId);
    }
}
