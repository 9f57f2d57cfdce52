package cn.cq.fundledger.seedfund.web;

import cn.cq.fundledger.core.Input;
import cn.cq.fundledger.core.Ratio;
import cn.cq.fundledger.core.RuleViolation;
import cn.cq.fundledger.seedfund.api.EstablishSeedFund;
import cn.cq.fundledger.seedfund.api.ExitRoute;
import cn.cq.fundledger.seedfund.api.ExitSeedInvestment;
import cn.cq.fundledger.seedfund.api.Instrument;
import cn.cq.fundledger.seedfund.api.MakeSeedInvestment;
import cn.cq.fundledger.seedfund.api.RaiseSeedCommitment;
import cn.cq.fundledger.seedfund.api.RecordFollowOnRound;
import cn.cq.fundledger.seedfund.api.ReverseSeedFact;
import cn.cq.fundledger.seedfund.api.SeedFactCommand;
import cn.cq.fundledger.seedfund.api.SeedFactKind;
import cn.cq.fundledger.seedfund.api.SetProjectCap;
import cn.cq.fundledger.seedfund.api.SetScaleTarget;

/**
 * The seed program's requests as people and files write them: text fields, amounts in yuan (with an optional
 * 万/亿 suffix), percentages as numbers (40 = 40%), dates as yyyy-MM-dd. Each turns into its command or reports
 * every field that is wrong. The REST API and the importer share them; the import columns map to the fields so:
 *
 * <table>
 *   <caption>import kind, CSV column → request field</caption>
 *   <tr><th>kind</th><th>columns → fields</th></tr>
 *   <tr><td>{@code seed-funds} → {@link Fund}</td><td>fund_id → fundId, name → name, partner → partner,
 *       city_share_pct → citySharePct (empty: the program's default, 40), committed_yuan → committed,
 *       established_on → establishedOn</td></tr>
 *   <tr><td>{@code seed-investments} → {@link Investment}</td><td>investment_id → investmentId, fund_id → fundId,
 *       project_id → projectId, enterprise_name → enterpriseName, instrument → instrument ({@code equity} |
 *       {@code loan}), amount_yuan → amount, equity_pct → equityPct (empty for a loan), invested_on →
 *       investedOn</td></tr>
 *   <tr><td>{@code seed-follow-ons} → {@link FollowOnRound}</td><td>round_id → roundId, project_id → projectId,
 *       investor → investor, amount_yuan → amount, post_money_yuan → postMoney, closed_on → closedOn</td></tr>
 *   <tr><td>{@code seed-exits} → {@link Exit}</td><td>exit_id → exitId, investment_id → investmentId, route →
 *       route ({@code buyback} | {@code transfer} | {@code liquidation} | {@code repaid} | {@code write_off}),
 *       proceeds_yuan → proceeds, exited_on → exitedOn</td></tr>
 * </table>
 *
 * <p>Apply a bundle in business-date order (funds first, then investments, rounds and exits merged by date):
 * an investment needs its fund, an exit its investment.
 */
public final class SeedRequests {

    private SeedRequests() {
    }

    /** A local seed fund ({@code seed-funds}). */
    public record Fund(String fundId, String name, String partner, String citySharePct, String committed,
                       String establishedOn) {
        public EstablishSeedFund toCommand() {
            Input in = new Input();
            EstablishSeedFund command = new EstablishSeedFund(in.id("fundId", fundId), in.name("name", name),
                    in.name("partner", partner),
                    Input.isBlank(citySharePct) ? null : in.percentUpToHundred("citySharePct", citySharePct),
                    in.positiveAmount("committed", committed), in.date("establishedOn", establishedOn));
            in.orThrow();
            return command;
        }
    }

    /** A raise of a fund's committed capital by {@code increase}. */
    public record CommitmentRaise(String raiseId, String fundId, String increase, String raisedOn) {
        public RaiseSeedCommitment toCommand() {
            Input in = new Input();
            RaiseSeedCommitment command = new RaiseSeedCommitment(in.id("raiseId", raiseId), in.id("fundId", fundId),
                    in.positiveAmount("increase", increase), in.date("raisedOn", raisedOn));
            in.orThrow();
            return command;
        }

        CommitmentRaise onFund(String pathFundId) {
            return new CommitmentRaise(raiseId, samePath("fundId", fundId, pathFundId), increase, raisedOn);
        }
    }

    /** An investment ({@code seed-investments}): an equity stake of equityPct (0 < pct ≤ 100) or a loan (no pct). */
    public record Investment(String investmentId, String fundId, String projectId, String enterpriseName,
                             String instrument, String amount, String equityPct, String investedOn) {
        public MakeSeedInvestment toCommand() {
            Input in = new Input();
            Instrument kind = in.choice("instrument", instrument, Instrument.class);
            Ratio stake = null;
            if (kind == Instrument.EQUITY) {
                stake = in.percentUpToHundred("equityPct", equityPct);
                if (stake != null && stake.basisPoints() == 0) {
                    in.add(RuleViolation.invalid("equityPct", "ratio-range",
                            "equityPct: an equity stake must be more than 0 and at most 100, was " + equityPct.strip()));
                    stake = null;
                }
            } else if (kind == Instrument.LOAN && !Input.isBlank(equityPct)) {
                in.add(RuleViolation.invalid("equityPct", "stake-on-loan",
                        "equityPct: a loan carries no equity stake; leave it empty (was " + equityPct.strip() + ")"));
            }
            MakeSeedInvestment command = new MakeSeedInvestment(in.id("investmentId", investmentId),
                    in.id("fundId", fundId), in.id("projectId", projectId),
                    in.name("enterpriseName", enterpriseName), kind, in.positiveAmount("amount", amount), stake,
                    in.date("investedOn", investedOn));
            in.orThrow();
            return command;
        }
    }

    /** A follow-on round of a project ({@code seed-follow-ons}). */
    public record FollowOnRound(String roundId, String projectId, String investor, String amount, String postMoney,
                                String closedOn) {
        public RecordFollowOnRound toCommand() {
            Input in = new Input();
            RecordFollowOnRound command = new RecordFollowOnRound(in.id("roundId", roundId),
                    in.id("projectId", projectId), in.name("investor", investor),
                    in.positiveAmount("amount", amount), in.positiveAmount("postMoney", postMoney),
                    in.date("closedOn", closedOn));
            in.orThrow();
            return command;
        }
    }

    /** An exit of an investment ({@code seed-exits}); proceeds may be zero, and must be for a write-off. */
    public record Exit(String exitId, String investmentId, String route, String proceeds, String exitedOn) {
        public ExitSeedInvestment toCommand() {
            Input in = new Input();
            ExitSeedInvestment command = new ExitSeedInvestment(in.id("exitId", exitId),
                    in.id("investmentId", investmentId), in.choice("route", route, ExitRoute.class),
                    in.nonNegativeAmount("proceeds", proceeds), in.date("exitedOn", exitedOn));
            in.orThrow();
            return command;
        }

        Exit onInvestment(String pathInvestmentId) {
            return new Exit(exitId, samePath("investmentId", investmentId, pathInvestmentId), route, proceeds,
                    exitedOn);
        }
    }

    /**
     * A correction (OPERATOR): reverses the fact of {@code kind} ({@code investment}, {@code exit},
     * {@code commitment_raise}, {@code follow_on_round}, in any case) and id {@code factId}, for a mandatory
     * {@code reason}; {@code replacement}, when given, is the corrected fact with a new id, written as the body of the
     * endpoint that records such a fact (for an exit with its {@code investmentId}, for a raise with its
     * {@code fundId}). A problem of the corrected fact names its field {@code replacement.<field>}.
     */
    public record Correction(String kind, String factId, String reason, Replacement replacement) {
        public ReverseSeedFact toCommand() {
            Input in = new Input();
            SeedFactKind factKind = in.choice("kind", kind, SeedFactKind.class);
            String id = in.factKey("factId", factId);
            String why = in.reason("reason", reason);
            SeedFactCommand corrected = null;
            if (replacement != null && factKind != null) {
                try {
                    corrected = replacement.toCommand(factKind);
                } catch (Input.InvalidInput invalid) {
                    invalid.within("replacement").problems().forEach(in::add);
                } catch (RuleViolation violation) {
                    in.add(violation.within("replacement"));
                }
            }
            in.orThrow();
            return new ReverseSeedFact(factKind, id, why, corrected);
        }
    }

    /**
     * The corrected fact of a correction: the fields of the body that records a fact of its kind (only those of the
     * correction's kind are read).
     */
    public record Replacement(String investmentId, String fundId, String projectId, String enterpriseName,
                              String instrument, String amount, String equityPct, String investedOn, String exitId,
                              String route, String proceeds, String exitedOn, String raiseId, String increase,
                              String raisedOn, String roundId, String investor, String postMoney, String closedOn) {

        SeedFactCommand toCommand(SeedFactKind kind) {
            return switch (kind) {
                case INVESTMENT -> new Investment(investmentId, fundId, projectId, enterpriseName, instrument, amount,
                        equityPct, investedOn).toCommand();
                case EXIT -> new Exit(exitId, investmentId, route, proceeds, exitedOn).toCommand();
                case COMMITMENT_RAISE -> new CommitmentRaise(raiseId, fundId, increase, raisedOn).toCommand();
                case FOLLOW_ON_ROUND -> new FollowOnRound(roundId, projectId, investor, amount, postMoney, closedOn)
                        .toCommand();
            };
        }
    }

    /** A version of the per-project cap (ADMIN). */
    public record ProjectCap(String effectiveFrom, String cap) {
        public SetProjectCap toCommand() {
            Input in = new Input();
            SetProjectCap command = new SetProjectCap(in.date("effectiveFrom", effectiveFrom),
                    in.positiveAmount("cap", cap));
            in.orThrow();
            return command;
        }
    }

    /** A scale target (ADMIN): committed capital of {@code targetScale} by {@code targetDate}. */
    public record ScaleTarget(String targetScale, String targetDate) {
        public SetScaleTarget toCommand() {
            Input in = new Input();
            SetScaleTarget command = new SetScaleTarget(in.positiveAmount("targetScale", targetScale),
                    in.date("targetDate", targetDate));
            in.orThrow();
            return command;
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
