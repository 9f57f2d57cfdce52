package cn.cq.fundledger.credit.web;

import cn.cq.fundledger.core.Input;
import cn.cq.fundledger.core.RuleViolation;
import cn.cq.fundledger.credit.api.PoolSource;
import cn.cq.fundledger.credit.api.SetFuseThresholds;
import cn.cq.fundledger.credit.api.SetRiskSharingRatio;
import cn.cq.fundledger.credit.domain.FusePolicy;
import cn.cq.fundledger.credit.domain.RiskSharingPolicy;
import cn.cq.fundledger.credit.whatif.ParallelCreditModel;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A what-if scenario as finance staff write it (the body of {@code POST /api/what-if/credit}): the fields of
 * {@code /api/credit/risk-sharing}, {@code /api/credit/fuse-thresholds} and {@code /api/credit/pool-contributions}, in
 * lists. {@code riskSharing} and {@code fuseThresholds}, when given, replace every recorded version; absent (null) they
 * keep the recorded ones. {@code extraPoolContributions} are added to the recorded contributions. {@code asOf}: the
 * dates to compare at (default today).
 */
public record WhatIfRequest(List<CreditRequests.RiskSharing> riskSharing,
                            List<CreditRequests.FuseThresholds> fuseThresholds,
                            List<ExtraPoolContribution> extraPoolContributions, List<String> asOf) {

    /** At most this many versions, contributions or dates in one scenario. */
    public static final int MAX_ENTRIES = 200;
    public static final int MAX_DATES = 24;

    /** Money a scenario adds to a district's pool (like a contribution, without an id: it was never recorded). */
    public record ExtraPoolContribution(String district, String source, String amount, String contributedOn) {
    }

    /** The banks and districts the ledger knows, which a scenario may name. */
    public record Known(Set<String> banks, Set<String> districts) {
    }

    /** A checked scenario and its dates (ascending, without repeats). */
    public record Parsed(ParallelCreditModel.Scenario scenario, List<LocalDate> asOf) {
    }

    /** The scenario checked field by field; every problem is reported at once, naming e.g. riskSharing[1].fundSharePct. */
    public Parsed parse(Known known, LocalDate today) {
        Input in = new Input();
        List<RiskSharingPolicy.Version> ratios = ratios(in, known);
        List<FusePolicy.Thresholds> thresholds = thresholds(in);
        List<ParallelCreditModel.ExtraContribution> extras = extras(in, known);
        List<LocalDate> dates = dates(in, today);
        in.orThrow();
        return new Parsed(new ParallelCreditModel.Scenario(ratios, thresholds, extras), dates);
    }

    private List<RiskSharingPolicy.Version> ratios(Input in, Known known) {
        if (riskSharing == null) {
            return null;
        }
        if (!sized(in, "riskSharing", riskSharing.size())) {
            return List.of();
        }
        List<RiskSharingPolicy.Version> versions = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < riskSharing.size(); i++) {
            String at = "riskSharing[" + i + "]";
            CreditRequests.RiskSharing entry = riskSharing.get(i);
            if (entry == null) {
                in.add(RuleViolation.invalid(at, "required", at + " is empty"));
                continue;
            }
            try {
                SetRiskSharingRatio version = entry.toCommand();
                if (version.bankId() != null && !known.banks().contains(version.bankId())) {
                    in.add(RuleViolation.refused(at + ".bankId", "unknown-bank", at + ".bankId: bank "
                            + version.bankId() + " is not registered"));
                } else if (!seen.add(version.effectiveFrom() + "/" + version.bankId())) {
                    in.add(RuleViolation.invalid(at + ".effectiveFrom", "duplicate-version", at + ": a version "
                            + (version.bankId() == null ? "for every bank" : "for bank " + version.bankId())
                            + " from " + version.effectiveFrom() + " is given twice"));
                } else {
                    versions.add(new RiskSharingPolicy.Version(version.effectiveFrom(), version.fundShare(),
                            version.bankId()));
                }
            } catch (Input.InvalidInput invalid) {
                invalid.within(at).problems().forEach(in::add);
            }
        }
        if (in.isValid() && versions.stream().noneMatch(v -> v.bankId() == null)) {
            in.add(RuleViolation.invalid("riskSharing", "general-version-required", "riskSharing replaces every "
                    + "recorded version: give at least one version without bankId, for the banks without one of "
                    + "their own"));
        }
        return versions;
    }

    private List<FusePolicy.Thresholds> thresholds(Input in) {
        if (fuseThresholds == null) {
            return null;
        }
        if (!sized(in, "fuseThresholds", fuseThresholds.size())) {
            return List.of();
        }
        List<FusePolicy.Thresholds> versions = new ArrayList<>();
        Set<LocalDate> seen = new HashSet<>();
        for (int i = 0; i < fuseThresholds.size(); i++) {
            String at = "fuseThresholds[" + i + "]";
            CreditRequests.FuseThresholds entry = fuseThresholds.get(i);
            if (entry == null) {
                in.add(RuleViolation.invalid(at, "required", at + " is empty"));
                continue;
            }
            try {
                SetFuseThresholds version = entry.toCommand();
                if (version.suspension().compareTo(version.warning()) < 0) {
                    in.add(RuleViolation.invalid(at + ".suspensionPct", "threshold-order", at + ": the suspension "
                            + "threshold " + version.suspension() + " is below the warning threshold "
                            + version.warning()));
                } else if (!seen.add(version.effectiveFrom())) {
                    in.add(RuleViolation.invalid(at + ".effectiveFrom", "duplicate-version", at + ": thresholds from "
                            + version.effectiveFrom() + " are given twice"));
                } else {
                    versions.add(new FusePolicy.Thresholds(version.effectiveFrom(), version.warning(),
                            version.suspension()));
                }
            } catch (Input.InvalidInput invalid) {
                invalid.within(at).problems().forEach(in::add);
            }
        }
        return versions;
    }

    private List<ParallelCreditModel.ExtraContribution> extras(Input in, Known known) {
        if (extraPoolContributions == null) {
            return List.of();
        }
        if (extraPoolContributions.size() > MAX_ENTRIES) {
            in.add(RuleViolation.invalid("extraPoolContributions", "too-many", "extraPoolContributions: at most "
                    + MAX_ENTRIES + " entries, there are " + extraPoolContributions.size()));
            return List.of();
        }
        List<ParallelCreditModel.ExtraContribution> extras = new ArrayList<>();
        for (int i = 0; i < extraPoolContributions.size(); i++) {
            String at = "extraPoolContributions[" + i + "]";
            ExtraPoolContribution entry = extraPoolContributions.get(i);
            if (entry == null) {
                in.add(RuleViolation.invalid(at, "required", at + " is empty"));
                continue;
            }
            Input one = new Input();
            String district = one.id("district", entry.district());
            PoolSource source = one.choice("source", entry.source(), PoolSource.class);
            cn.cq.fundledger.core.Money amount = one.positiveAmount("amount", entry.amount());
            LocalDate on = one.date("contributedOn", entry.contributedOn());
            if (district != null && !known.districts().contains(district)) {
                one.add(RuleViolation.refused("district", "unknown-district", "district " + district + " has no "
                        + "pool, loan or evaluation in the ledger"));
            }
            if (one.isValid()) {
                extras.add(new ParallelCreditModel.ExtraContribution(district, source, amount, on));
            } else {
                one.problems().forEach(p -> in.add(p.within(at)));
            }
        }
        return extras;
    }

    private List<LocalDate> dates(Input in, LocalDate today) {
        if (asOf == null || asOf.isEmpty()) {
            return List.of(today);
        }
        if (asOf.size() > MAX_DATES) {
            in.add(RuleViolation.invalid("asOf", "too-many", "asOf: at most " + MAX_DATES + " dates, there are "
                    + asOf.size()));
            return List.of();
        }
        TreeSet<LocalDate> dates = new TreeSet<>();
        for (int i = 0; i < asOf.size(); i++) {
            LocalDate date = in.date("asOf[" + i + "]", asOf.get(i));
            if (date != null) {
                dates.add(date);
            }
        }
        return List.copyOf(dates);
    }

    private static boolean sized(Input in, String field, int size) {
        if (size == 0) {
            in.add(RuleViolation.invalid(field, "empty", field + " replaces every recorded version: give at least "
                    + "one, or leave " + field + " out to keep the recorded versions"));
            return false;
        }
        if (size > MAX_ENTRIES) {
            in.add(RuleViolation.invalid(field, "too-many", field + ": at most " + MAX_ENTRIES + " versions, there "
                    + "are " + size));
            return false;
        }
        return true;
    }
}
