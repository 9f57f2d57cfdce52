package cn.cq.fundledger.seedfund.query;

import cn.cq.fundledger.core.Money;
import cn.cq.fundledger.core.Ratio;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The two figures of the seed reports that are not sums of movements: the mark of a stake and the follow-on
 * capital attracted. Both are functions of the investments and rounds dated on or before the report's date,
 * so they do not depend on the order in which the facts were recorded.
 *
 * <ul>
 *   <li><b>Mark.</b> An active equity stake is worth stake × the post-money valuation of its project's latest
 *   round closed on or after the investment's date (rounded half-even to the fen, as {@link Money#split}); a
 *   stake without such a round, and a loan, is held at cost. An exited investment is worth nothing more.</li>
 *   <li><b>Follow-on attracted.</b> A round follows the seed investments of its project dated on or before the
 *   round's date; its amount is attributed to them in proportion to their amounts (half-even to the fen, the
 *   last one taking the remainder, so the parts add up to the round). A round with no seed money before it
 *   attracted nothing and is reported apart.</li>
 * </ul>
 */
final class SeedValuation {

    private SeedValuation() {
    }

    /** An investment as of a date. {@code exited} is true once it exited by any route on or before the date. */
    record Holding(String investmentId, String fundId, String projectId, String enterpriseName, String instrument,
                   long amountFen, Integer equityBp, LocalDate investedOn, boolean exited) {
    }

    record Round(String roundId, String projectId, String investor, long amountFen, long postMoneyFen,
                 LocalDate closedOn) {
    }

    record Mark(long valueFen, String roundId) {
    }

    /** Follow-on capital attributed to each investment, and the capital of rounds with no seed money before them. */
    record FollowOn(Map<String, Long> byInvestment, long unlinkedFen) {
        long of(String investmentId) {
            return byInvestment.getOrDefault(investmentId, 0L);
        }
    }

    static Mark mark(Holding holding, List<Round> roundsOfProject) {
        if (holding.exited()) {
            return new Mark(0, null);
        }
        if (holding.equityBp() == null) {
            return new Mark(holding.amountFen(), null);
        }
        Optional<Round> latest = roundsOfProject.stream()
                .filter(r -> r.projectId().equals(holding.projectId()) && !r.closedOn().isBefore(holding.investedOn()))
                .max(Comparator.comparing(Round::closedOn).thenComparing(Round::roundId));
        return latest.map(r -> new Mark(Money.ofFen(r.postMoneyFen()).split(Ratio.ofBasisPoints(holding.equityBp()))
                        .first().fen(), r.roundId()))
                .orElseGet(() -> new Mark(holding.amountFen(), null));
    }

    /**
     * One round's capital attributed to one investment ({@code holding}), or, for a round with no seed money before
     * it in its project, to none ({@code holding} null).
     */
    record Attribution(Round round, Holding holding, long amountFen) {
    }

    static FollowOn followOn(List<Holding> holdings, List<Round> rounds) {
        Map<String, Long> attributed = new LinkedHashMap<>();
        long unlinked = 0;
        for (Attribution a : attribute(holdings, rounds)) {
            if (a.holding() == null) {
                unlinked += a.amountFen();
            } else {
                attributed.merge(a.holding().investmentId(), a.amountFen(), Long::sum);
            }
        }
        return new FollowOn(attributed, unlinked);
    }

    /** Every round's capital, attributed to the investments it follows (the parts of {@link #followOn}). */
    static List<Attribution> attribute(List<Holding> holdings, List<Round> rounds) {
        Map<String, List<Holding>> byProject = new HashMap<>();
        for (Holding h : holdings) {
            byProject.computeIfAbsent(h.projectId(), p -> new ArrayList<>()).add(h);
        }
        List<Attribution> attributions = new ArrayList<>();
        for (Round round : rounds) {
            List<Holding> before = byProject.getOrDefault(round.projectId(), List.of()).stream()
                    .filter(h -> !h.investedOn().isAfter(round.closedOn()))
                    .sorted(Comparator.comparing(Holding::investedOn).thenComparing(Holding::investmentId))
                    .toList();
            if (before.isEmpty()) {
                attributions.add(new Attribution(round, null, round.amountFen()));
                continue;
            }
            long seed = before.stream().mapToLong(Holding::amountFen).sum();
            long left = round.amountFen();
            for (int i = 0; i < before.size(); i++) {
                Holding h = before.get(i);
                long share = i == before.size() - 1 ? left : proportion(round.amountFen(), h.amountFen(), seed);
                left -= share;
                attributions.add(new Attribution(round, h, share));
            }
        }
        return attributions;
    }

    /** {@code amount × part / whole}, rounded half-even to a whole fen. */
    static long proportion(long amount, long part, long whole) {
        return new BigDecimal(BigInteger.valueOf(amount).multiply(BigInteger.valueOf(part)))
                .divide(BigDecimal.valueOf(whole), 0, RoundingMode.HALF_EVEN).longValueExact();
    }

    /** {@code numerator / denominator} with four decimals (half-even), or null when the denominator is zero. */
    static String multiple(long numerator, long denominator) {
        return denominator == 0 ? null : BigDecimal.valueOf(numerator)
                .divide(BigDecimal.valueOf(denominator), 4, RoundingMode.HALF_EVEN).toPlainString();
    }

    /** {@code part / whole} in basis points (half-even); zero when the whole is zero. */
    static int basisPoints(long part, long whole) {
        return whole == 0 ? 0 : BigDecimal.valueOf(part).multiply(BigDecimal.valueOf(Ratio.ONE))
                .divide(BigDecimal.valueOf(whole), 0, RoundingMode.HALF_EVEN).intValueExact();
    }

    /** {@code part / whole} as a percentage with two decimals: "46.67%"; "0%" when the whole is zero. */
    static String percent(long part, long whole) {
        return whole == 0 ? "0%" : BigDecimal.valueOf(part).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(whole), 2, RoundingMode.HALF_EVEN).toPlainString() + "%";
    }
}
