package cn.cq.fundledger.credit.domain;

import cn.cq.fundledger.core.Ratio;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The versions of the government–bank risk-sharing ratio (the fund's share of a loss), general or for one bank.
 * A loan takes the version in force on its issue date: the bank's own version, if one is in force, beats the
 * general one; each is the latest effective on or before the date.
 */
public final class RiskSharingPolicy {

    /** One version: from {@code effectiveFrom}, the fund bears {@code fundShare}; {@code bankId} null: all banks. */
    public record Version(LocalDate effectiveFrom, Ratio fundShare, String bankId) {
        public Version {
            Objects.requireNonNull(effectiveFrom, "effectiveFrom");
            Objects.requireNonNull(fundShare, "fundShare");
        }
    }

    private final List<Version> versions = new ArrayList<>();

    public void add(Version version) {
        versions.add(version);
    }

    public List<Version> versions() {
        return List.copyOf(versions);
    }

    /** The version recorded for that date and bank (or all banks), if any. */
    public Optional<Version> recorded(LocalDate effectiveFrom, String bankId) {
        return versions.stream().filter(v -> v.effectiveFrom().equals(effectiveFrom)
                && Objects.equals(v.bankId(), bankId)).findFirst();
    }

    /** The fund's share for a loan of this bank issued on this date, if any version is in force then. */
    public Optional<Ratio> fundShareOn(String bankId, LocalDate date) {
        return latestOf(bankId, date).or(() -> latestOf(null, date)).map(Version::fundShare);
    }

    /**
     * The version of one scope (a bank's own, or with {@code bankId} null the general one) in force on a date: the
     * latest of that scope effective on or before it.
     */
    public Optional<Version> latestOf(String bankId, LocalDate date) {
        return versions.stream().filter(v -> Objects.equals(bankId, v.bankId()) && !v.effectiveFrom().isAfter(date))
                .max(Comparator.comparing(Version::effectiveFrom));
    }
}
