package cn.cq.fundledger.credit.api;

import cn.cq.fundledger.core.Money;
import cn.cq.fundledger.core.Ratio;
import java.time.LocalDate;
import java.util.Map;

/**
 * The knowledge-value credit program's ledger was opened with its standing policies: the credit line of
 * each grade, how long a grade stays valid and the longest loan term. Recorded once, before any other
 * credit fact, so that a replay never depends on the configuration of the day. The fuse thresholds are the
 * first version of that policy, in force from the program's start.
 */
public record CreditProgramOpened(LocalDate programStart, Map<Grade, Money> creditLines, int gradeValidityMonths,
                                  int maxTermMonths, Ratio fuseWarning, Ratio fuseSuspension) {
}
