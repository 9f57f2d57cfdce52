package cn.cq.fundledger.importer.reference;

import cn.cq.fundledger.core.Money;
import cn.cq.fundledger.importer.reference.CreditHistory.Enterprise;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Commercial loans that banks granted to the program's enterprises on the strength of their knowledge-value
 * credit. Each goes to an enterprise evaluated on or before its date (in good standing, in its district),
 * and the principal of each period adds up exactly to the published cumulative figures: 134.51亿 by
 * 2023-06-30, 148.1亿 by 2024-04-14, 163.45亿 by 2025-08-31.
 */
final class GuidedLoans {

    record Checkpoint(LocalDate asOf, int loans, long guidedFen) {
    }

    /** Published principal; the counts are not published, these are the generator's choice. */
    static final List<Checkpoint> CHECKPOINTS = List.of(
            new Checkpoint(LocalDate.of(2023, 6, 30), 3_600, Money.parse("134.51亿").fen()),
            new Checkpoint(LocalDate.of(2024, 4, 14), 3_980, Money.parse("148.1亿").fen()),
            new Checkpoint(LocalDate.of(2025, 8, 31), 4_410, Money.parse("163.45亿").fen()));

    private static final LocalDate FIRST = LocalDate.of(2017, 4, 1);
    private static final long MIN = 30 * CreditHistory.WAN;
    private static final long MAX = 3_000 * CreditHistory.WAN;

    private GuidedLoans() {
    }

    static void generate(Dice dice, Bundle out, List<Enterprise> enterprises) {
        List<Enterprise> byFirstEvaluation = new ArrayList<>(enterprises);
        byFirstEvaluation.sort(Comparator.comparing(Enterprise::firstEvaluation).thenComparing(e -> e.number));
        double[] bankWeights = Chongqing.BANKS.stream().mapToDouble(Chongqing.Bank::weight).toArray();
        LocalDate from = FIRST;
        int countBefore = 0;
        long sumBefore = 0;
        int number = 0;
        for (Checkpoint c : CHECKPOINTS) {
            int count = c.loans() - countBefore;
            ExactSum sum = new ExactSum(c.guidedFen() - sumBefore, count, MIN, MAX);
            for (LocalDate d : CreditHistory.LOAN_TIMELINE.draw(dice, from, c.asOf(), count)) {
                Enterprise e = borrower(dice, byFirstEvaluation, d);
                double u = dice.unit();
                long step = u < 0.6 ? 10 * CreditHistory.WAN : CreditHistory.WAN;
                long wish = Math.max(step, Math.round(sum.mean() * dice.spread(0.7) / step) * step);
                long principal = sum.take(wish, MAX);
                Chongqing.Bank bank = Chongqing.BANKS.get(dice.weighted(bankWeights));
                out.add("guided-loans", d, Bundle.id("G", 6, ++number), bank.id(), e.id, e.district.name(),
                        CreditHistory.yuan(principal), d.toString());
            }
            if (!sum.done()) {
                throw new IllegalStateException("guided loans do not add up to " + c);
            }
            countBefore = c.loans();
            sumBefore = c.guidedFen();
            from = c.asOf().plusDays(1);
        }
    }

    /** An enterprise evaluated by the date and in good standing on it. */
    private static Enterprise borrower(Dice dice, List<Enterprise> byFirstEvaluation, LocalDate d) {
        int low = 0;
        int high = byFirstEvaluation.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (byFirstEvaluation.get(mid).firstEvaluation().isAfter(d)) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        int known = low;
        for (int attempt = 0; attempt < 200 && known > 0; attempt++) {
            Enterprise e = byFirstEvaluation.get(dice.index(known));
            if (e.activeOn(d)) {
                return e;
            }
        }
        for (int i = known - 1; i >= 0; i--) {
            if (byFirstEvaluation.get(i).activeOn(d)) {
                return byFirstEvaluation.get(i);
            }
        }
        throw new IllegalStateException("no evaluated enterprise on " + d);
    }
}
