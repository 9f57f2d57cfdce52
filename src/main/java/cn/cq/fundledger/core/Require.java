package cn.cq.fundledger.core;

import java.time.LocalDate;

/** Checks shared by command handlers; each throws a {@link RuleViolation} naming the field. */
public final class Require {

    private Require() {
    }

    /**
     * An identifier or district: required, at most {@link Input#MAX_ID} characters, no control character
     * (the same rule as {@link Input#id}, checked again where the command is handled so that no path can
     * store a text the read models cannot hold).
     */
    public static String text(String value, String field) {
        return limited(value, field, Input.MAX_ID);
    }

    /** A name: required, at most {@link Input#MAX_NAME} characters, no control character. */
    public static String name(String value, String field) {
        return limited(value, field, Input.MAX_NAME);
    }

    /** The key of a recorded fact that a correction names: at most {@link Input#MAX_FACT_KEY} characters. */
    public static String factKey(String value, String field) {
        return limited(value, field, Input.MAX_FACT_KEY);
    }

    /** The longest reason a correction may give (it is shown with the reversed fact wherever it is read). */
    public static final int MAX_REASON = Input.MAX_REASON;

    /** A correction's reason: mandatory, at most {@link #MAX_REASON} characters; returned stripped. */
    public static String reason(String value) {
        return limited(value, "reason", MAX_REASON).strip();
    }

    private static String limited(String value, String field, int max) {
        if (value == null || value.isBlank()) {
            throw RuleViolation.invalid(field, "required", field + " is required");
        }
        Input.checked(field, value.strip(), max);
        return value;
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
