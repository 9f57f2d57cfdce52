package cn.cq.fundledger.credit.command;

import cn.cq.fundledger.core.Money;
import cn.cq.fundledger.core.Ratio;
import cn.cq.fundledger.credit.api.Grade;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;

/**
 * The standing policies a credit program's ledger is opened with (recorded in
 * {@link cn.cq.fundledger.credit.api.CreditProgramOpened}). The defaults are the published ones: credit lines
 * A 500万, B 400万, C 300万, D 160万, E 80万; a grade valid one year; loans of at most 12 months; the
 * program began on 2017-01-01. The fuse is not published for Chongqing: Hubei's copy of the program warns
 * at a 5% loss rate and suspends at 8%, and so do we unless configured otherwise.
 */
public record CreditProgramSettings(LocalDate programStart, Map<Grade, Money> creditLines, int gradeValidityMonths,
                                    int maxTermMonths, Ratio fuseWarning, Ratio fuseSuspension) {

    public CreditProgramSettings {
        creditLines = Map.copyOf(creditLines);
        for (Grade grade : Grade.values()) {
            if (!creditLines.containsKey(grade)) {
                throw new IllegalArgumentException("no credit line configured for grade " + grade);
            }
        }
        if (gradeValidityMonths <= 0 || maxTermMonths <= 0) {
            throw new IllegalArgumentException("grade validity and maximum term must be positive");
        }
        if (fuseSuspension.compareTo(fuseWarning) < 0 || !fuseSuspension.isAtMostHundredPercent()) {
            throw new IllegalArgumentException("fuse thresholds: warning <= suspension <= 100% required");
        }
    }

    public static CreditProgramSettings published() {
        Map<Grade, Money> lines = new EnumMap<>(Grade.class);
        lines.put(Grade.A, Money.parse("500万"));
        lines.put(Grade.B, Money.parse("400万"));
        lines.put(Grade.C, Money.parse("300万"));
        lines.put(Grade.D, Money.parse("160万"));
        lines.put(Grade.E, Money.parse("80万"));
        return new CreditProgramSettings(LocalDate.of(2017, 1, 1), lines, 12, 12, Ratio.ofBasisPoints(500),
                Ratio.ofBasisPoints(800));
    }
}
