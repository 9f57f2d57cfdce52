package cn.cq.fundledger.equityfund.web;

import cn.cq.fundledger.core.Input;
import cn.cq.fundledger.core.Ratio;
import cn.cq.fundledger.core.RuleViolation;
import cn.cq.fundledger.equityfund.api.CallCapital;
import cn.cq.fundledger.equityfund.api.CloseDeal;
import cn.cq.fundledger.equityfund.api.EquityFactCommand;
import cn.cq.fundledger.equityfund.api.MakeDistribution;
import cn.cq.fundledger.equityfund.api.MarkDeal;
import cn.cq.fundledger.equityfund.api.RecordCommitment;
import cn.cq.fundledger.equityfund.api.RecordExit;
import cn.cq.fundledger.equityfund.api.ReverseEquityFact;
import cn.cq.fundledger.equityfund.api.ReverseEquityFact.FactKind;
import cn.cq.fundledger.equityfund.api.ValuationMethod;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Locale;

/**
 * The equity program's requests as people and files write them: text fields, amounts in yuan (with an optional
 * 万/亿 suffix), percentages as numbers (26 = 26%), dates as yyyy-MM-dd. Each turns into its command or reports
 * every field that is wrong. The REST API and the importer share them: an import row's snake_case columns map
 * one to one to the camelCase fields (listed with each record).
 */
public final class EquityRequests {

    private EquityRequests() {
    }

    /**
     * A partner's commitment to a fund. Import kind {@code equity-commitments}, one row per partner and date:
     * {@code fund_id → fundId, fund_name → fundName, partner → partner, committed_yuan → committedYuan,
     * committed_on → committedOn}. The first row of a fund establishes it; the same fund, partner and date again
     * is a duplicate with the same amount and a conflict with another; another date raises the partner's
     * commitment by the amount.
     */
    public record Commitment(String fundId, String fundName, String partner, String committedYuan,
                             String committedOn) {
        public RecordCommitment toCommand() {
            Input in = new Input();
            RecordCommitment command = new RecordCommitment(in.id("fundId", fundId), in.name("fundName", fundName),
                    in.name("partner", partner), in.positiveAmount("committedYuan", committedYuan),
                    in.date("committedOn", committedOn));
            in.orThrow();
            return command;
        }
    }

    /**
     * A capital call, shared among the fund's partners pro rata to commitment. Import kind {@code equity-calls}:
     * {@code call_id → callId, fund_id → fundId, amount_yuan → amountYuan, called_on → calledOn}.
     */
    public record Call(String callId, String fundId, String amountYuan, String calledOn) {
        public CallCapital toCommand() {
            return command(true);
        }

        /** Without {@code fundRequired} a missing fund is left null (a correction's replacement: the reversed call's). */
        CallCapital command(boolean fundRequired) {
            Input in = new Input();
            CallCapital command = new CallCapital(in.id("callId", callId), fundRequired ? in.id("fundId", fundId)
                    : in.optionalId("fundId", fundId), in.positiveAmount("amountYuan", amountYuan), in.date("calledOn", calledOn));
            in.orThrow();
            return command;
        }

        Call onFund(String pathFundId) {
            return new Call(callId, samePath("fundId", fundId, pathFundId), amountYuan, calledOn);
        }
    }

    /**
     * A deal: the fund invests in a project's company for a stake. Import kind {@code equity-deals}:
     * {@code deal_id → dealId, fund_id → fundId, project_id → projectId, company → company,
     * amount_yuan → amountYuan, stake_pct → stakePct, closed_on → closedOn}. The stake is 0 to 100 (percent).
     */
    public record Deal(String dealId, String fundId, String projectId, String company, String amountYuan,
                       String stakePct, String closedOn) {
        public CloseDeal toCommand() {
            Input in = new Input();
            CloseDeal command = new CloseDeal(in.id("dealId", dealId), in.id("fundId", fundId),
                    in.id("projectId", projectId), in.name("company", company),
                    in.positiveAmount("amountYuan", amountYuan), in.percentUpToHundred("stakePct", stakePct),
                    in.date("closedOn", closedOn));
            in.orThrow();
            return command;
        }
    }

    /**
     * An exit: the fund sells its holding in a deal, or part of it. Import kind {@code equity-exits}:
     * {@code exit_id → exitId, deal_id → dealId, proceeds_yuan → proceedsYuan, exited_on → exitedOn}; a row is a
     * full exit (everything still held). Over REST, {@code portionPct} (above 0, at most 100) sells that part of
     * the original holding instead; proceeds may be zero (a write-off).
     */
    public record Exit(String exitId, String dealId, String proceedsYuan, String exitedOn, String portionPct) {

        /** A full exit, as an import row writes it. */
        public Exit(String exitId, String dealId, String proceedsYuan, String exitedOn) {
            this(exitId, dealId, proceedsYuan, exitedOn, null);
        }

        public RecordExit toCommand() {
            return command(true);
        }

        /** Without {@code dealRequired} a missing deal is left null (a correction's replacement: the reversed exit's). */
        RecordExit command(boolean dealRequired) {
            Input in = new Input();
            Ratio portion = Input.isBlank(portionPct) ? null : in.percentUpToHundred("portionPct", portionPct);
            RecordExit command = new RecordExit(in.id("exitId", exitId), dealRequired ? in.id("dealId", dealId)
                    : in.optionalId("dealId", dealId), in.nonNegativeAmount("proceedsYuan", proceedsYuan), portion,
                    in.date("exitedOn", exitedOn));
            in.orThrow();
            return command;
        }

        Exit onDeal(String pathDealId) {
            return new Exit(exitId, samePath("dealId", dealId, pathDealId), proceedsYuan, exitedOn, portionPct);
        }
    }

    /**
     * A valuation of the fund's holding in a deal (REST only): {@code valueYuan} (zero or more), {@code method}
     * ({@code cost}, {@code last_round} or {@code appraisal}), {@code markedOn}.
     */
    public record Mark(String dealId, String valueYuan, String method, String markedOn) {
        public MarkDeal toCommand() {
            return command(true);
        }

        /** Without {@code dealRequired} a missing deal is left null (a correction's replacement: the reversed mark's). */
        MarkDeal command(boolean dealRequired) {
            Input in = new Input();
            MarkDeal command = new MarkDeal(dealRequired ? in.id("dealId", dealId) : in.optionalId("dealId", dealId),
                    in.nonNegativeAmount("valueYuan", valueYuan), in.choice("method", method, ValuationMethod.class),
                    in.date("markedOn", markedOn));
            in.orThrow();
            return command;
        }

        Mark onDeal(String pathDealId) {
            return new Mark(samePath("dealId", dealId, pathDealId), valueYuan, method, markedOn);
        }
    }

    /**
     * A distribution of exit proceeds to the fund's partners, pro rata to paid-in capital (REST only):
     * {@code distributionId}, {@code amountYuan}, {@code distributedOn}.
     */
    public record Distribution(String distributionId, String fundId, String amountYuan, String distributedOn) {
        public MakeDistribution toCommand() {
            return command(true);
        }

        /** Without {@code fundRequired} a missing fund is left null (a correction's replacement: the reversed one's). */
        MakeDistribution command(boolean fundRequired) {
            Input in = new Input();
            MakeDistribution command = new MakeDistribution(in.id("distributionId", distributionId),
                    fundRequired ? in.id("fundId", fundId) : in.optionalId("fundId", fundId),
                    in.positiveAmount("amountYuan", amountYuan), in.date("distributedOn", distributedOn));
            in.orThrow();
            return command;
        }

        Distribution onFund(String pathFundId) {
            return new Distribution(distributionId, samePath("fundId", fundId, pathFundId), amountYuan, distributedOn);
        }
    }

    /**
     * A correction (REST only): {@code kind} (commitment, call, deal, mark, exit, distribution, in any case),
     * {@code factId} (the id the fact was recorded under: {@code fundId/partner@committedOn} for a commitment,
     * {@code dealId@markedOn} for a mark, else the call, deal, exit or distribution id), a mandatory {@code reason},
     * and optionally {@code replacement}: the corrected fact, written as the body of the ordinary request of that
     * kind; a call or distribution may leave out {@code fundId}, a mark or exit {@code dealId} (the reversed fact's).
     * A problem in the replacement names its field as {@code replacement.<field>}.
     */
    public record Correction(String kind, String factId, String reason, JsonNode replacement) {
        public ReverseEquityFact toCommand(ObjectMapper json) {
            Input in = new Input();
            FactKind factKind = in.choice("kind", kind, FactKind.class);
            String id = in.factKey("factId", factId);
            String why = in.reason("reason", reason);
            EquityFactCommand corrected = null;
            if (factKind != null && replacement != null && !replacement.isNull()) {
                try {
                    corrected = replacement(factKind, json);
                } catch (Input.InvalidInput invalid) {
                    invalid.within("replacement").problems().forEach(in::add);
                } catch (RuleViolation violation) {
                    in.add(violation.within("replacement"));
                }
            }
            in.orThrow();
            return new ReverseEquityFact(factKind, id, why, corrected);
        }

        private EquityFactCommand replacement(FactKind factKind, ObjectMapper json) {
            if (!replacement.isObject()) {
                throw RuleViolation.invalid("", "json", "the body of a " + factKind.name().toLowerCase(Locale.ROOT)
                        + " request, as a JSON object, was expected");
            }
            try {
                return switch (factKind) {
                    case COMMITMENT -> json.convertValue(replacement, Commitment.class).toCommand();
                    case CALL -> json.convertValue(replacement, Call.class).command(false);
                    case DEAL -> json.convertValue(replacement, Deal.class).toCommand();
                    case MARK -> json.convertValue(replacement, Mark.class).command(false);
                    case EXIT -> json.convertValue(replacement, Exit.class).command(false);
                    case DISTRIBUTION -> json.convertValue(replacement, Distribution.class).command(false);
                };
            } catch (IllegalArgumentException e) {
                // the mapper's own message names Java types: say which field, in the caller's words
                String field = e.getCause() instanceof JsonMappingException mapping ? mapping.getPath().stream()
                        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                        .collect(java.util.stream.Collectors.joining(".")).replace(".[", "[") : "";
                throw RuleViolation.invalid(field, "json", "not the body of a " + factKind.name().toLowerCase(Locale.ROOT)
                        + " request" + (field.isEmpty() ? "" : ": " + field + " must be text"));
            }
        }
    }

    /** A body may repeat the id of the path, but not contradict it. */
    static String samePath(String field, String inBody, String inPath) {
        if (inBody != null && !inBody.isBlank() && !inBody.strip().equals(inPath)) {
            throw RuleViolation.invalid(field, "path-mismatch", field + " '" + inBody + "' in the body differs from '"
                    + inPath + "' in the path");
        }
        return inPath;
    }
}
