package cn.cq.fundledger.core;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Reads the text fields of a request or an imported row into typed values, collecting every problem
 * (field and rule) instead of stopping at the first, so that the caller learns all of them at once.
 */
public final class Input {

    private static final DateTimeFormatter ISO_DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd")
            .withResolverStyle(ResolverStyle.STRICT);

    private final List<RuleViolation> problems = new ArrayList<>();

    public String text(String field, String value) {
        if (value == null || value.isBlank()) {
            problems.add(RuleViolation.invalid(field, "required", field + " is required"));
            return null;
        }
        return value.strip();
    }

    public String optionalText(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    public Money amount(String field, String value) {
        if (text(field, value) == null) {
            return null;
        }
        try {
            return Money.parse(value);
        } catch (IllegalArgumentException e) {
            problems.add(RuleViolation.invalid(field, "amount-format", field + ": " + e.getMessage()));
            return null;
        }
    }

    /** An amount that must be greater than zero. */
    public Money positiveAmount(String field, String value) {
        Money amount = amount(field, value);
        if (amount != null && !amount.isPositive()) {
            problems.add(RuleViolation.invalid(field, "amount-positive", field + " must be greater than zero, was "
                    + value.strip()));
            return null;
        }
        return amount;
    }

    /** An amount that may be zero but not negative. */
    public Money nonNegativeAmount(String field, String value) {
        Money amount = amount(field, value);
        if (amount != null && amount.isNegative()) {
            problems.add(RuleViolation.invalid(field, "amount-not-negative", field + " cannot be negative, was "
                    + value.strip()));
            return null;
        }
        return amount;
    }

    public Ratio percent(String field, String value) {
        if (text(field, value) == null) {
            return null;
        }
        try {
            return Ratio.parsePercent(value);
        } catch (IllegalArgumentException e) {
            problems.add(RuleViolation.invalid(field, "percent-format", field + ": " + e.getMessage()));
            return null;
        }
    }

    /** A percentage from 0 to 100 inclusive. */
    public Ratio percentUpToHundred(String field, String value) {
        Ratio ratio = percent(field, value);
        if (ratio != null && !ratio.isAtMostHundredPercent()) {
            problems.add(RuleViolation.invalid(field, "ratio-range", field + " must be between 0 and 100, was "
                    + value.strip()));
            return null;
        }
        return ratio;
    }

    public LocalDate date(String field, String value) {
        if (text(field, value) == null) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip(), ISO_DATE);
        } catch (DateTimeParseException e) {
            problems.add(RuleViolation.invalid(field, "date-format", field + ": '" + value.strip()
                    + "' is not a date of the form yyyy-MM-dd"));
            return null;
        }
    }

    public Integer integer(String field, String value) {
        if (text(field, value) == null) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            problems.add(RuleViolation.invalid(field, "integer-format", field + ": '" + value.strip()
                    + "' is not a whole number"));
            return null;
        }
    }

    /** One of an enum's constants, written in any case ("city", "CITY"). */
    public <E extends Enum<E>> E choice(String field, String value, Class<E> type) {
        if (text(field, value) == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            String allowed = Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining(", "));
            problems.add(RuleViolation.invalid(field, "choice", field + ": '" + value.strip() + "' is not one of "
                    + allowed));
            return null;
        }
    }

    public void add(RuleViolation problem) {
        problems.add(problem);
    }

    public List<RuleViolation> problems() {
        return List.copyOf(problems);
    }

    public boolean isValid() {
        return problems.isEmpty();
    }

    /** Throws every problem found so far at once, if there is any. */
    public void orThrow() {
        if (!problems.isEmpty()) {
            throw new InvalidInput(problems());
        }
    }

    /** Several fields of one request or row are wrong. */
    public static final class InvalidInput extends RuntimeException {
        private final List<RuleViolation> problems;

        public InvalidInput(List<RuleViolation> problems) {
            super(problems.stream().map(RuleViolation::getMessage).collect(Collectors.joining("; ")));
            this.problems = List.copyOf(problems);
        }

        public List<RuleViolation> problems() {
            return problems;
        }

        /** The same problems, about the fields of a part of the request, e.g. {@code replacement.principal}. */
        public InvalidInput within(String part) {
            return new InvalidInput(problems.stream().map(p -> p.within(part)).toList());
        }
    }
}
