package cn.cq.fundledger.credit.domain;

import cn.cq.fundledger.core.Ratio;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The fuse: the loss-rate thresholds at which a bank is warned and suspended, in versions (the first is the
 * program's opening one), and the decision a default's loss calls for.
 */
public final class FusePolicy {

    /** Thresholds in force from {@code effectiveFrom}; the suspension threshold is never below the warning one. */
    public record Thresholds(LocalDate effectiveFrom, Ratio warning, Ratio suspension) {
        public Thresholds {
            Objects.requireNonNull(effectiveFrom, "effectiveFrom");
            Objects.requireNonNull(warning, "warning");
            Objects.requireNonNull(suspension, "suspension");
        }
    }

    /** What the fuse decides after a loss: warn the bank (it crossed the warning threshold), suspend it, both. */
    public record Decision(boolean warn, boolean suspend, Thresholds thresholds) {
    }

    private final List<Thresholds> versions = new ArrayList<>();

    /** The opening thresholds first, then each version recorded. */
    public void add(Thresholds thresholds) {
        versions.add(thresholds);
    }

    public List<Thresholds> versions() {
        return List.copyOf(versions);
    }

    /** A version recorded after the opening one for that date, if any. */
    public Optional<Thresholds> recorded(LocalDate effectiveFrom) {
        return versions.stream().skip(1).filter(v -> v.effectiveFrom().equals(effectiveFrom)).findFirst();
    }

    /** The thresholds in force on a date: the latest effective on or before it, else the opening ones. */
    public Thresholds on(LocalDate date) {
        return latestOn(date).orElse(versions.get(0));
    }

    /** The latest version effective on or before the date, if any. */
    public Optional<Thresholds> latestOn(LocalDate date) {
        return versions.stream().filter(v -> !v.effectiveFrom().isAfter(date))
                .max(Comparator.comparing(Thresholds::effectiveFrom));
    }

    /**
     * After a loss dated {@code date} moved the bank's losses from {@code lostBefore} to its current losses: warn it
     * when its loss rate reaches the warning threshold in force and did not before (once per crossing); suspend it
     * when the rate reaches the suspension threshold and it is not suspended already.
     */
    public Decision decide(BankLosses bank, cn.cq.fundledger.core.Money lostBefore, LocalDate date) {
        Thresholds thresholds = on(date);
        BankLosses before = bank.withLost(lostBefore);
        boolean warn = bank.lossRateAtLeast(thresholds.warning()) && !before.lossRateAtLeast(thresholds.warning());
        boolean suspend = !bank.suspended() && bank.lossRateAtLeast(thresholds.suspension());
        return new Decision(warn, suspend, thresholds);
    }
}
