package cn.cq.fundledger.core;

import java.time.LocalDate;

/** Checks shared by command handlers; each throws a {@link RuleViolation} naming the field. */
public final class Require {

    private Require() {
    }

    public static String text(String value, String field) {
        if (value == null || value.isBlank()) {
            throw RuleViolation.invalid(field, "required", field + " is required");
        }
        return value;
    }

    /** The longest reason a correction may give (it is shown with the reversed fact wherever it is read). */
    public static final int MAX_REASON = 500;

    /** A correction's reason: mandatory, at most {@link #MAX_REASON} characters; returned stripped. */
    public static String reason(String value) {
        String reason = text(value, "reason").strip();
        if (reason.length() > MAX_REASON) {
            throw RuleViolation.invalid("reason", "too-long", "reason: at most " + MAX_REASON + " characters, was "
                    + reason.length());
        }
        return reason;
    }

    public static <T> T present(T value, String field) {
        if (value == null) {
            throw RuleViolation.invalid(field, "required", field + " is required");
        }
        return value;
    }

    public static Money positive(Money amount, String field) {
        present(amount, field);
        if (!amount.isPositive()) {
            throw RuleViolation.invalid(field, "amount-positive", field + " must be greater than zero, was " + amount);
        }
        return amount;
    }

    public static Money notNegative(Money amount, String field) {
        present(amount, field);
        if (amount.isNegative()) {
            throw RuleViolation.invalid(field, "amount-not-negative", field + " cannot be negative, was " + amount);
        }
        return amount;
    }

    public static Ratio atMostHundredPercent(Ratio ratio, String field) {
        present(ratio, field);
        if (!ratio.isAtMostHundredPercent()) {
            throw RuleViolation.invalid(field, "ratio-range", field + " must be between 0% and 100%, was " + ratio);
        }
        return ratio;
    }

    public static LocalDate notBefore(LocalDate date, LocalDate earliest, String field, String what) {
        present(date, field);
        if (date.isBefore(earliest)) {
            throw RuleViolation.refused(field, "date-order",
                    field + " " + date + " is before " + what + " (" + earliest + ")");
        }
        return date;
    }
}
