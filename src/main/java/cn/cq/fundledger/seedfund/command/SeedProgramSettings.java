package cn.cq.fundledger.seedfund.command;

import cn.cq.fundledger.core.Money;
import cn.cq.fundledger.core.Ratio;
import cn.cq.fundledger.seedfund.api.ProjectCapSet;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;

/**
 * The standing policies a seed program's ledger is opened with (recorded in
 * {@link cn.cq.fundledger.seedfund.api.SeedProgramOpened}). The defaults are the published ones: the program
 * records from 2015-01-01 (seed funds are managed since 2015); a local fund is 40% city money unless said
 * otherwise; a project may receive at most 80万 of seed money in all under the 2020–2024 rules, 200万 under the
 * October 2024 rules (from 2024-10-27); the target is a seed fund scale of 3亿 by 2024-12-31.
 */
public record SeedProgramSettings(LocalDate programStart, Ratio defaultCityShare, List<ProjectCapSet> projectCaps,
                                  Money targetScale, LocalDate targetDate) {

    public SeedProgramSettings {
        projectCaps = projectCaps.stream().sorted(Comparator.comparing(ProjectCapSet::effectiveFrom)).toList();
        if (!defaultCityShare.isAtMostHundredPercent()) {
            throw new IllegalArgumentException("the default city share must be at most 100%");
        }
        if (projectCaps.isEmpty() || projectCaps.get(0).effectiveFrom().isAfter(programStart)) {
            throw new IllegalArgumentException("a project cap must be in force from the program's start " + programStart);
        }
        if (projectCaps.stream().anyMatch(c -> !c.cap().isPositive())) {
            throw new IllegalArgumentException("project caps must be greater than zero");
        }
        if (new HashSet<>(projectCaps.stream().map(ProjectCapSet::effectiveFrom).toList()).size() != projectCaps.size()) {
            throw new IllegalArgumentException("two project caps take effect on the same day");
        }
        if (!targetScale.isPositive()) {
            throw new IllegalArgumentException("the scale target must be greater than zero");
        }
    }

    public static SeedProgramSettings published() {
        LocalDate start = LocalDate.of(2015, 1, 1);
        return new SeedProgramSettings(start, Ratio.ofBasisPoints(4000),
                List.of(new ProjectCapSet(start, Money.parse("80万")),
                        new ProjectCapSet(LocalDate.of(2024, 10, 27), Money.parse("200万"))),
                Money.parse("3亿"), LocalDate.of(2024, 12, 31));
    }
}
