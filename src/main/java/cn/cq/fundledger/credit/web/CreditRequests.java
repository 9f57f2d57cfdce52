package cn.cq.fundledger.credit.web;

import cn.cq.fundledger.core.Input;
import cn.cq.fundledger.core.RuleViolation;
import cn.cq.fundledger.credit.api.ClaimCompensation;
import cn.cq.fundledger.credit.api.ContributeToPool;
import cn.cq.fundledger.credit.api.DeclareDefault;
import cn.cq.fundledger.credit.api.Grade;
import cn.cq.fundledger.credit.api.IssueLoan;
import cn.cq.fundledger.credit.api.PoolSource;
import cn.cq.fundledger.credit.api.RecordEvaluation;
import cn.cq.fundledger.credit.api.RecordGuidedLoan;
import cn.cq.fundledger.credit.api.ReinstateBank;
import cn.cq.fundledger.credit.api.SetFuseThresholds;
import cn.cq.fundledger.credit.api.RecordRecovery;
import cn.cq.fundledger.credit.api.RecordRepayment;
import cn.cq.fundledger.credit.api.RegisterBank;
import cn.cq.fundledger.credit.api.ReverseFact;
import cn.cq.fundledger.credit.api.SetRiskSharingRatio;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.List;

/**
 * The credit program's requests as people and files write them: text fields, amounts in yuan (with an
 * optional 万/亿 suffix), percentages as numbers (80 = 80%), dates as yyyy-MM-dd. Each turns into its
 * command or reports every field that is wrong. The REST API and the importer share them.
 */
public final class CreditRequests {

    private CreditRequests() {
    }

    public record Bank(String bankId, String name) {
        public RegisterBank toCommand() {
            Input in = new Input();
            RegisterBank command = new RegisterBank(in.id("bankId", bankId), in.name("name", name));
            in.orThrow();
            return command;
        }
    }

    public record Evaluation(String enterpriseId, String enterpriseName, String district, String grade,
                             String evaluatedOn) {
        public RecordEvaluation toCommand() {
            Input in = new Input();
            RecordEvaluation command = new RecordEvaluation(in.id("enterpriseId", enterpriseId),
                    in.name("enterpriseName", enterpriseName), in.id("district", district),
                    in.choice("grade", grade, Grade.class), in.date("evaluatedOn", evaluatedOn));
            in.orThrow();
            return command;
        }
    }

    public record RiskSharing(String effectiveFrom, String fundSharePct, String bankId) {
        public SetRiskSharingRatio toCommand() {
            Input in = new Input();
            SetRiskSharingRatio command = new SetRiskSharingRatio(in.date("effectiveFrom", effectiveFrom),
                    in.percentUpToHundred("fundSharePct", fundSharePct), in.optionalId("bankId", bankId));
            in.orThrow();
            return command;
        }
    }

    public record PoolContribution(String contributionId, String district, String source, String amount,
                                   String contributedOn) {
        public ContributeToPool toCommand() {
            Input in = new Input();
            ContributeToPool command = new ContributeToPool(in.id("contributionId", contributionId),
                    in.id("district", district), in.choice("source", source, PoolSource.class),
                    in.positiveAmount("amount", amount), in.date("contributedOn", contributedOn));
            in.orThrow();
            return command;
        }
    }

    public record Loan(String loanId, String bankId, String enterpriseId, String district, String principal,
                       String annualRatePct, String termMonths, String issuedOn) {
        public IssueLoan toCommand() {
            Input in = new Input();
            Integer term = in.integer("termMonths", termMonths);
            IssueLoan command = new IssueLoan(in.id("loanId", loanId), in.id("bankId", bankId),
                    in.id("enterpriseId", enterpriseId), in.id("district", district),
                    in.positiveAmount("principal", principal), in.percentUpToHundred("annualRatePct", annualRatePct),
                    term == null ? 0 : term, in.date("issuedOn", issuedOn));
            in.orThrow();
            return command;
        }
    }

    public record Repayment(String repaymentId, String loanId, String principal, String interest, String paidOn) {
        public RecordRepayment toCommand() {
            Input in = new Input();
            RecordRepayment command = new RecordRepayment(in.id("repaymentId", repaymentId),
                    in.id("loanId", loanId), in.nonNegativeAmount("principal", principal),
                    in.nonNegativeAmount("interest", interest), in.date("paidOn", paidOn));
            in.orThrow();
            return command;
        }

        Repayment onLoan(String pathLoanId) {
            return new Repayment(repaymentId, samePath("loanId", loanId, pathLoanId), principal, interest, paidOn);
        }
    }

    public record Default(String loanId, String overdueSince, String declaredOn) {
        public DeclareDefault toCommand() {
            Input in = new Input();
            DeclareDefault command = new DeclareDefault(in.id("loanId", loanId),
                    in.date("overdueSince", overdueSince), in.date("declaredOn", declaredOn));
            in.orThrow();
            return command;
        }

        Default onLoan(String pathLoanId) {
            return new Default(samePath("loanId", loanId, pathLoanId), overdueSince, declaredOn);
        }
    }

    public record Claim(String claimId, String loanId, String claimedOn) {
        public ClaimCompensation toCommand() {
            Input in = new Input();
            ClaimCompensation command = new ClaimCompensation(in.id("claimId", claimId), in.id("loanId", loanId),
                    in.date("claimedOn", claimedOn));
            in.orThrow();
            return command;
        }

        Claim onLoan(String pathLoanId) {
            return new Claim(claimId, samePath("loanId", loanId, pathLoanId), claimedOn);
        }
    }

    public record Recovery(String recoveryId, String loanId, String amount, String recoveredOn) {
        public RecordRecovery toCommand() {
            Input in = new Input();
            RecordRecovery command = new RecordRecovery(in.id("recoveryId", recoveryId), in.id("loanId", loanId),
                    in.positiveAmount("amount", amount), in.date("recoveredOn", recoveredOn));
            in.orThrow();
            return command;
        }

        Recovery onLoan(String pathLoanId) {
            return new Recovery(recoveryId, samePath("loanId", loanId, pathLoanId), amount, recoveredOn);
        }
    }

    public record GuidedLoan(String loanId, String bankId, String enterpriseId, String district, String principal,
                             String issuedOn) {
        public RecordGuidedLoan toCommand() {
            Input in = new Input();
            RecordGuidedLoan command = new RecordGuidedLoan(in.id("loanId", loanId), in.id("bankId", bankId),
                    in.id("enterpriseId", enterpriseId), in.id("district", district),
                    in.positiveAmount("principal", principal), in.date("issuedOn", issuedOn));
            in.orThrow();
            return command;
        }
    }

    public record FuseThresholds(String effectiveFrom, String warningPct, String suspensionPct) {
        public SetFuseThresholds toCommand() {
            Input in = new Input();
            SetFuseThresholds command = new SetFuseThresholds(in.date("effectiveFrom", effectiveFrom),
                    in.percentUpToHundred("warningPct", warningPct),
                    in.percentUpToHundred("suspensionPct", suspensionPct));
            in.orThrow();
            return command;
        }
    }

    public record Reinstatement(String reinstatedOn, String reason) {
        public ReinstateBank toCommand(String bankId) {
            Input in = new Input();
            ReinstateBank command = new ReinstateBank(bankId, in.date("reinstatedOn", reinstatedOn),
                    in.reason("reason", reason));
            in.orThrow();
            return command;
        }
    }

    /**
     * A correction: the kind of fact, its id, why, and optionally the corrected fact ({@code replacement}: the body
     * the fact's own endpoint takes, with the loan id in the body for repayments, defaults, claims and recoveries).
     */
    public record Correction(String kind, String factId, String reason, JsonNode replacement) {
        public ReverseFact toCommand() {
            Input in = new Input();
            ReverseFact.FactKind factKind = in.choice("kind", kind, ReverseFact.FactKind.class);
            String id = in.factKey("factId", factId);
            String why = in.reason("reason", reason);
            Object corrected = null;
            if (factKind != null && replacement != null && !replacement.isNull()) {
                try {
                    corrected = replacement(factKind, replacement);
                } catch (Input.InvalidInput invalid) {
                    invalid.within("replacement").problems().forEach(in::add);
                }
            }
            in.orThrow();
            return new ReverseFact(factKind, id, why, corrected);
        }

        private static Object replacement(ReverseFact.FactKind kind, JsonNode body) {
            return switch (kind) {
                case REPAYMENT -> read(body, Repayment.class).toCommand();
                case CONTRIBUTION -> read(body, PoolContribution.class).toCommand();
                case GUIDED_LOAN -> read(body, GuidedLoan.class).toCommand();
                case LOAN -> read(body, Loan.class).toCommand();
                case EVALUATION -> read(body, Evaluation.class).toCommand();
                case DEFAULT -> read(body, Default.class).toCommand();
                case CLAIM -> read(body, Claim.class).toCommand();
                case RECOVERY -> read(body, Recovery.class).toCommand();
            };
        }

        private static <T> T read(JsonNode body, Class<T> type) {
            if (!body.isObject()) {
                // named by the caller, within "replacement": the replacement itself
                throw new Input.InvalidInput(List.of(RuleViolation.invalid("", "object",
                        "replacement must be an object: the body of the fact's own endpoint")));
            }
            try {
                return REPLACEMENTS.treeToValue(body, type);
            } catch (UnrecognizedPropertyException e) {
                throw new Input.InvalidInput(List.of(RuleViolation.invalid(e.getPropertyName(), "unknown-field", "'"
                        + e.getPropertyName() + "' is not a field of a " + type.getSimpleName().toLowerCase())));
            } catch (JsonProcessingException e) {
                // the parser's own message names Java types: say which field, in the caller's words
                String field = e instanceof JsonMappingException mapping ? fieldOf(mapping) : "";
                throw new Input.InvalidInput(List.of(RuleViolation.invalid(field, "json", (field.isEmpty()
                        ? "it" : field) + " is not written as the body of the fact's own endpoint writes it (text)")));
            }
        }
    }

    /** The field of a replacement a mapping problem is about ({@code principal}), or "" for the replacement itself. */
    static String fieldOf(JsonMappingException e) {
        return e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(java.util.stream.Collectors.joining(".")).replace(".[", "[");
    }

    /** Reads a replacement strictly: a field the fact's endpoint does not know is a mistake worth naming. */
    private static final ObjectMapper REPLACEMENTS = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    /** A body may repeat the id of the path, but not contradict it. */
    static String samePath(String field, String inBody, String inPath) {
        if (inBody != null && !inBody.isBlank() && !inBody.strip().equals(inPath)) {
            throw RuleViolation.invalid(field, "path-mismatch", field + " '" + inBody + "' in the body differs from '"
                    + inPath + "' in the path");
        }
        return inPath;
    }
}
