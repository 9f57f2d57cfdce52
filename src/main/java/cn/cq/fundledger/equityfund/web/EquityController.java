package cn.cq.fundledger.equityfund.web;

import cn.cq.fundledger.core.Recorded;
import cn.cq.fundledger.core.RuleViolation;
import cn.cq.fundledger.equityfund.query.EquityLedgerProjection;
import cn.cq.fundledger.equityfund.query.EquityQueries;
import cn.cq.fundledger.equityfund.query.EquityViews.DealView;
import cn.cq.fundledger.equityfund.query.EquityViews.FundView;
import cn.cq.fundledger.equityfund.query.EquityViews.PartnerAccountView;
import cn.cq.fundledger.equityfund.query.EquityViews.PartnerView;
import cn.cq.fundledger.equityfund.query.EquityViews.SharedAmountView;
import cn.cq.fundledger.system.web.Answers;
import cn.cq.fundledger.system.web.BusinessCalendar;
import cn.cq.fundledger.system.web.Consistent;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * The achievement-transformation equity fund program over HTTP. Recording answers 201 with the fact's id, or
 * 200 with {@code "duplicate": true} when the very same fact was already recorded; a refusal answers 4xx
 * problem+json naming the field and the rule, and records nothing. Amounts are yuan strings ("1234.56",
 * "12.5万"), percentages numbers (26 = 26%), dates yyyy-MM-dd.
 */
@RestController
@RequestMapping("/api/equity")
@Tag(name = "Equity fund", description = "Funds, partners' commitments, capital calls, deals, marks, exits and "
        + "distributions")
public class EquityController {

    private final CommandGateway commands;
    private final EquityQueries queries;
    private final Consistent consistent;
    private final BusinessCalendar calendar;
    private final ObjectMapper json;

    public EquityController(CommandGateway commands, EquityQueries queries, Consistent consistent,
                            BusinessCalendar calendar, ObjectMapper json) {
        this.commands = commands;
        this.queries = queries;
        this.consistent = consistent.reading(EquityLedgerProjection.PROCESSING_GROUP);
        this.calendar = calendar;
        this.json = json;
    }

    @PostMapping("/corrections")
    @Operation(summary = "Correct a wrongly recorded equity fact (OPERATOR)",
            description = "kind = commitment | call | deal | mark | exit | distribution; factId = fundId/partner@"
                    + "committedOn for a commitment, dealId@markedOn for a mark, else the call, deal, exit or "
                    + "distribution id; a mandatory reason; optionally replacement, the corrected fact as the body of "
                    + "the ordinary request of that kind (with a new id where the kind has ids; fundId of a call or "
                    + "distribution and dealId of a mark or exit default to the reversed fact's). The fact is never "
                    + "edited or deleted: a reversal linked to its event is recorded at the fact's own business date, "
                    + "then the replacement by the ordinary rules, both or nothing. Refused (422) while later facts "
                    + "rest on the fact: reverse those first.")
    public ResponseEntity<Recorded> correct(@RequestBody EquityRequests.Correction request) {
        Recorded recorded = commands.sendAndWait(request.toCommand(json));
        return Answers.recorded(recorded, "/api/audit/events?type=EquityFactReversed");
    }

    @PostMapping("/commitments")
    @Operation(summary = "Record a partner's commitment to a fund (OPERATOR)",
            description = "The first commitment of a fund establishes it under fundName. The same fund, partner and "
                    + "committedOn again is a duplicate with the same amount, a conflict with another; a commitment "
                    + "on another date raises the partner's commitment by committedYuan.")
    public ResponseEntity<Recorded> commit(@RequestBody EquityRequests.Commitment request) {
        Recorded recorded = commands.sendAndWait(request.toCommand());
        return Answers.recorded(recorded, "/api/equity/funds/{fundId}/partners",
                request.fundId().strip());
    }

    @GetMapping("/funds")
    @Operation(summary = "The equity funds")
    public ResponseEntity<List<FundView>> funds() {
        return consistent.answer(queries::funds);
    }

    @GetMapping("/funds/{fundId}")
    @Operation(summary = "A fund's name and establishment date")
    public ResponseEntity<FundView> fund(@PathVariable String fundId) {
        return consistent.answer(() -> queries.fund(fundId).orElseThrow(() -> unknownFund(fundId)));
    }

    @GetMapping("/funds/{fundId}/partners")
    @Operation(summary = "A fund's partners as of a date: committed, called (paid in), uncalled, distributed")
    public ResponseEntity<List<PartnerView>> partners(@PathVariable String fundId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf) {
        return consistent.answer(() -> {
            requireFund(fundId);
            return queries.partners(fundId, calendar.asOf(asOf));
        });
    }

    @GetMapping("/funds/{fundId}/partners/{partner}")
    @Operation(summary = "A partner's account as of a date, with its part of every commitment, call and distribution")
    public ResponseEntity<PartnerAccountView> partner(@PathVariable String fundId, @PathVariable String partner,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf) {
        return consistent.answer(() -> {
            requireFund(fundId);
            return queries.partner(fundId, partner, calendar.asOf(asOf)).orElseThrow(() -> RuleViolation.notFound("partner",
                    "unknown-partner", "partner " + partner + " has no commitment to fund " + fundId));
        });
    }

    @PostMapping("/funds/{fundId}/calls")
    @Operation(summary = "Call capital from a fund's partners (OPERATOR)",
            description = "callId, amountYuan, calledOn. Shared among the partners pro rata to their commitments on "
                    + "calledOn by largest remainder (the parts add up to the call to the fen; a partner is never "
                    + "called beyond its commitment, the fen it cannot take going to the others). Refused when the "
                    + "call exceeds what the partners still owe.")
    public ResponseEntity<Recorded> call(@PathVariable String fundId, @RequestBody EquityRequests.Call request) {
        Recorded recorded = commands.sendAndWait(request.onFund(fundId).toCommand());
        return Answers.recorded(recorded, "/api/equity/funds/{fundId}/calls", fundId);
    }

    @GetMapping("/funds/{fundId}/calls")
    @Operation(summary = "A fund's capital calls up to a date, with each partner's part")
    public ResponseEntity<List<SharedAmountView>> calls(@PathVariable String fundId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf) {
        return consistent.answer(() -> {
            requireFund(fundId);
            return queries.calls(fundId, calendar.asOf(asOf));
        });
    }

    @PostMapping("/funds/{fundId}/distributions")
    @Operation(summary = "Distribute exit proceeds to a fund's partners (OPERATOR)",
            description = "distributionId, amountYuan, distributedOn. Shared pro rata to the partners' paid-in capital "
                    + "on distributedOn by largest remainder. Refused above the fund's undistributed exit proceeds.")
    public ResponseEntity<Recorded> distribute(@PathVariable String fundId,
                                               @RequestBody EquityRequests.Distribution request) {
        Recorded recorded = commands.sendAndWait(request.onFund(fundId).toCommand());
        return Answers.recorded(recorded, "/api/equity/funds/{fundId}/distributions", fundId);
    }

    @GetMapping("/funds/{fundId}/distributions")
    @Operation(summary = "A fund's distributions up to a date, with each partner's part")
    public ResponseEntity<List<SharedAmountView>> distributions(@PathVariable String fundId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf) {
        return consistent.answer(() -> {
            requireFund(fundId);
            return queries.distributions(fundId, calendar.asOf(asOf));
        });
    }

    @PostMapping("/deals")
    @Operation(summary = "Record a deal (OPERATOR)",
            description = "dealId, fundId, projectId, company, amountYuan, stakePct (0–100), closedOn. Refused when "
                    + "the fund's investments would exceed the capital called by closedOn (or by a later deal's date).")
    public ResponseEntity<Recorded> closeDeal(@RequestBody EquityRequests.Deal request) {
        Recorded recorded = commands.sendAndWait(request.toCommand());
        return Answers.recorded(recorded, "/api/equity/deals/{dealId}", recorded.id());
    }

    @GetMapping("/deals/{dealId}")
    @Operation(summary = "A deal's terms, status and valuation as of a date, with its marks and exits")
    public ResponseEntity<DealView> deal(@PathVariable String dealId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf) {
        return consistent.answer(() -> queries.deal(dealId, calendar.asOf(asOf)).orElseThrow(() ->
                RuleViolation.notFound("dealId", "unknown-deal", "deal " + dealId + " is not recorded")));
    }

    @PostMapping("/deals/{dealId}/marks")
    @Operation(summary = "Mark (value) a deal (OPERATOR)",
            description = "valueYuan, method (cost | last_round | appraisal), markedOn: the value of the holding at "
                    + "the end of that day. One mark per deal and day; not before closing, not once fully exited.")
    public ResponseEntity<Recorded> mark(@PathVariable String dealId, @RequestBody EquityRequests.Mark request) {
        Recorded recorded = commands.sendAndWait(request.onDeal(dealId).toCommand());
        return Answers.recorded(recorded, "/api/equity/deals/{dealId}", dealId);
    }

    @PostMapping("/deals/{dealId}/exits")
    @Operation(summary = "Record an exit from a deal (OPERATOR)",
            description = "exitId, proceedsYuan, exitedOn, and optionally portionPct: the part of the original "
                    + "holding sold. Without it the exit is full (everything still held). A deal exits once: fully, "
                    + "or in parts adding up to 100; after that every exit is refused.")
    public ResponseEntity<Recorded> exit(@PathVariable String dealId, @RequestBody EquityRequests.Exit request) {
        Recorded recorded = commands.sendAndWait(request.onDeal(dealId).toCommand());
        return Answers.recorded(recorded, "/api/equity/deals/{dealId}", dealId);
    }

    private void requireFund(String fundId) {
        if (queries.fund(fundId).isEmpty()) {
            throw unknownFund(fundId);
        }
    }

    private static RuleViolation unknownFund(String fundId) {
        return RuleViolation.notFound("fundId", "unknown-fund", "fund " + fundId + " is not recorded");
    }
}
