package cn.cq.fundledger.seedfund.web;

import cn.cq.fundledger.core.Recorded;
import cn.cq.fundledger.core.RuleViolation;
import cn.cq.fundledger.seedfund.query.SeedLedgerProjection;
import cn.cq.fundledger.seedfund.query.SeedQueries;
import cn.cq.fundledger.seedfund.query.SeedViews.CapVersionView;
import cn.cq.fundledger.seedfund.query.SeedViews.FundView;
import cn.cq.fundledger.seedfund.query.SeedViews.InvestmentView;
import cn.cq.fundledger.seedfund.query.SeedViews.ProjectView;
import cn.cq.fundledger.seedfund.query.SeedViews.RoundView;
import cn.cq.fundledger.seedfund.query.SeedViews.TargetVersionView;
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
 * The seed guidance fund over HTTP. Recording answers 201 with the fact's id, or 200 with
 * {@code "duplicate": true} when the very same fact was already recorded; a refusal answers 4xx problem+json
 * naming the field and the rule, and records nothing. Amounts are yuan strings ("1234.56", "80万"),
 * percentages numbers (40 = 40%), dates yyyy-MM-dd.
 */
@RestController
@RequestMapping("/api/seed")
@Tag(name = "Seed fund", description = "Local seed funds, investments, follow-on rounds, exits, cap and target policy")
public class SeedController {

    private final CommandGateway commands;
    private final SeedQueries queries;
    private final Consistent consistent;
    private final BusinessCalendar calendar;

    public SeedController(CommandGateway commands, SeedQueries queries, Consistent consistent, BusinessCalendar calendar) {
        this.commands = commands;
        this.queries = queries;
        this.consistent = consistent.reading(SeedLedgerProjection.PROCESSING_GROUP);
        this.calendar = calendar;
    }

    @PostMapping("/funds")
    @Operation(summary = "Establish a local seed fund (OPERATOR)",
            description = "partner is the district, park or university; citySharePct the city's share of the fund's "
                    + "money (empty: 40); committed the committed capital.")
    public ResponseEntity<Recorded> establish(@RequestBody SeedRequests.Fund request) {
        Recorded recorded = commands.sendAndWait(request.toCommand());
        return Answers.recorded(recorded, "/api/seed/funds/{fundId}", recorded.id());
    }

    @GetMapping("/funds")
    @Operation(summary = "Every local seed fund established by a date, with its commitment and investments then")
    public ResponseEntity<List<FundView>> funds(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf) {
        return consistent.answer(() -> queries.funds(calendar.asOf(asOf)));
    }

    @GetMapping("/funds/{fundId}")
    @Operation(summary = "A local seed fund as of a date")
    public ResponseEntity<FundView> fund(@PathVariable String fundId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf) {
        return consistent.answer(() -> queries.fund(fundId, calendar.asOf(asOf)).orElseThrow(() ->
                RuleViolation.notFound("fundId", "unknown-fund", "seed fund " + fundId + " is not established by "
                        + calendar.asOf(asOf))));
    }

    @PostMapping("/funds/{fundId}/commitment-raises")
    @Operation(summary = "Raise a fund's committed capital (OPERATOR)",
            description = "raiseId, increase (added to the commitment from raisedOn), raisedOn.")
    public ResponseEntity<Recorded> raise(@PathVariable String fundId,
                                          @RequestBody SeedRequests.CommitmentRaise request) {
        Recorded recorded = commands.sendAndWait(request.onFund(fundId).toCommand());
        return Answers.recorded(recorded, "/api/seed/funds/{fundId}", fundId);
    }

    @PostMapping("/investments")
    @Operation(summary = "Record a seed investment (OPERATOR)",
            description = "instrument equity (equityPct more than 0, at most 100) or loan (no equityPct). Refused "
                    + "when the fund's money invested by the date would exceed its committed capital, or the project's "
                    + "seed money (all funds and instruments) would exceed the per-project cap in force on the date "
                    + "(80万 until 2024-10-26, 200万 from 2024-10-27).")
    public ResponseEntity<Recorded> invest(@RequestBody SeedRequests.Investment request) {
        Recorded recorded = commands.sendAndWait(request.toCommand());
        return Answers.recorded(recorded, "/api/seed/investments/{investmentId}", recorded.id());
    }

    @GetMapping("/investments/{investmentId}")
    @Operation(summary = "An investment's terms, status, exit and mark as of a date, with its movements")
    public ResponseEntity<InvestmentView> investment(@PathVariable String investmentId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf) {
        return consistent.answer(() -> queries.investment(investmentId, calendar.asOf(asOf)).orElseThrow(() ->
                RuleViolation.notFound("investmentId", "unknown-investment",
                        "investment " + investmentId + " is not recorded")));
    }

    @PostMapping("/investments/{investmentId}/exit")
    @Operation(summary = "Record the exit of an investment (OPERATOR)",
            description = "route buyback | transfer | liquidation | repaid (loans only) | write_off (no proceeds). "
                    + "An investment exits once. The proceeds go back to the city and the partner in the fund's "
                    + "proportion.")
    public ResponseEntity<Recorded> exit(@PathVariable String investmentId, @RequestBody SeedRequests.Exit request) {
        Recorded recorded = commands.sendAndWait(request.onInvestment(investmentId).toCommand());
        return Answers.recorded(recorded, "/api/seed/investments/{investmentId}", investmentId);
    }

    @GetMapping("/projects/{projectId}")
    @Operation(summary = "A project's seed money, the cap in force, its investments and follow-on rounds as of a date")
    public ResponseEntity<ProjectView> project(@PathVariable String projectId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf) {
        return consistent.answer(() -> queries.project(projectId, calendar.asOf(asOf)).orElseThrow(() ->
                RuleViolation.notFound("projectId", "unknown-project", "project " + projectId
                        + " has no seed investment or round by " + calendar.asOf(asOf))));
    }

    @PostMapping("/follow-on-rounds")
    @Operation(summary = "Record a follow-on round of a project (OPERATOR)",
            description = "roundId, projectId, investor, amount, postMoney (at least the amount), closedOn. The "
                    + "latest round marks the project's equity stakes at stake × post-money.")
    public ResponseEntity<Recorded> round(@RequestBody SeedRequests.FollowOnRound request) {
        Recorded recorded = commands.sendAndWait(request.toCommand());
        return Answers.recorded(recorded, "/api/seed/projects/{projectId}", request.projectId().strip());
    }

    @GetMapping("/follow-on-rounds")
    @Operation(summary = "Follow-on rounds closed by a date, in date order")
    public ResponseEntity<List<RoundView>> rounds(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf) {
        return consistent.answer(() -> queries.rounds(calendar.asOf(asOf)));
    }

    @PostMapping("/corrections")
    @Operation(summary = "Correct a wrongly recorded fact (OPERATOR)",
            description = "kind = investment | exit | commitment_raise | follow_on_round, factId, and a mandatory "
                    + "reason. The fact is never edited or deleted: its reversal, linked to the event that recorded it, "
                    + "is recorded with the fact's own business date, so figures as of any date no longer count it "
                    + "(recordedAt still shows what the ledger said before). Optional replacement: the corrected fact "
                    + "with a new id, as the body of the endpoint that records it (an exit with its investmentId, a "
                    + "raise with its fundId); it is recorded right after the reversal by the same rules, or nothing "
                    + "is recorded (its problems name replacement.<field>). Refused: an investment whose exit is not "
                    + "reversed (reverse-exit-first), a raise the fund's investments need (commitment-used). The same "
                    + "correction again answers duplicate; another reason or corrected fact for a reversed fact is 409.")
    public ResponseEntity<Recorded> correct(@RequestBody SeedRequests.Correction request) {
        Recorded recorded = commands.sendAndWait(request.toCommand());
        return Answers.recorded(recorded, "/api/audit/events?type=SeedFactReversed");
    }

    @PostMapping("/policies/caps")
    @Operation(summary = "Record a version of the per-project cap (ADMIN)",
            description = "cap: the most seed money one project may receive in all, for investments dated from "
                    + "effectiveFrom. An investment keeps the cap in force on its date.")
    public ResponseEntity<Recorded> setCap(@RequestBody SeedRequests.ProjectCap request) {
        Recorded recorded = commands.sendAndWait(request.toCommand());
        return Answers.recorded(recorded, "/api/seed/policies/caps");
    }

    @GetMapping("/policies/caps")
    @Operation(summary = "The per-project cap's versions, in the order recorded (the opening ones first)")
    public ResponseEntity<List<CapVersionView>> caps() {
        return consistent.answer(queries::capVersions);
    }

    @PostMapping("/policies/target")
    @Operation(summary = "Record a scale target (ADMIN)",
            description = "targetScale of committed capital in the local seed funds by targetDate.")
    public ResponseEntity<Recorded> setTarget(@RequestBody SeedRequests.ScaleTarget request) {
        Recorded recorded = commands.sendAndWait(request.toCommand());
        return Answers.recorded(recorded, "/api/seed/policies/target");
    }

    @GetMapping("/policies/target")
    @Operation(summary = "The scale targets, by target date")
    public ResponseEntity<List<TargetVersionView>> targets() {
        return consistent.answer(queries::targets);
    }
}
