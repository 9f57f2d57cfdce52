package cn.cq.fundledger.seedfund.api;

import cn.cq.fundledger.core.Money;
import cn.cq.fundledger.core.Ratio;
import java.time.LocalDate;
import java.util.List;

/**
 * The seed guidance fund's ledger was opened with its standing policies: the first day it records, the
 * city's share of a local fund when none is given, the versions of the per-project cap (published: 80万 from
 * the program's start, 200万 from 2024-10-27) and the scale target (3亿 by 2024-12-31). Recorded once,
 * before any other seed fact, so that a replay never depends on the configuration of the day.
 */
public record SeedProgramOpened(LocalDate programStart, Ratio defaultCityShare, List<ProjectCapSet> projectCaps,
                                Money targetScale, LocalDate targetDate) {

    public SeedProgramOpened {
        projectCaps = List.copyOf(projectCaps);
    }
}
