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

    /** The longest id (of a loan, a bank, a fund, an enterprise ...) or district name. */
    public static final int MAX_ID = 64;
    /** The longest name (of a bank, an enterprise, a company, a fund, a partner, an investor) or file name. */
    public static final int MAX_NAME = 200;
    /** The longest reason a correction may give (it is shown with the reversed fact wherever it is read). */
    public static final int MAX_REASON = 500;

    /** An identifier or a district: required, at most {@link #MAX_ID} characters, no control character. */
    public String id(String field, String value) {
        return text(field, value, MAX_ID);
    }

    /** An identifier that may be left out (null when blank). */
    public String optionalId(String field, String value) {
        return isBlank(value) ? null : id(field, value);
    }

    /** A name: required, at most {@link #MAX_NAME} characters, no control character. */
    public String name(String field, String value) {
        return text(field, value, MAX_NAME);
    }

    /**
     * The longest key of a recorded fact that a correction may name: an id, or an id joined with a name and
     * a date (an equity commitment is {@code <fund>/<partner>@<date>}).
     */
    public static final int MAX_FACT_KEY = MAX_ID + 1 + MAX_NAME + 1 + 10;

    /** The key of a recorded fact: required, at most {@link #MAX_FACT_KEY} characters, no control character. */
    public String factKey(String field, String value) {
        return text(field, value, MAX_FACT_KEY);
    }

    /** A correction's reason: required, at most {@link #MAX_REASON} characters, no control character. */
    public String reason(String field, String value) {
        return text(field, value, MAX_REASON);
    }

    /** Whether a field was left out or blank. */
    public static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    /**
     * Required text, stripped of surrounding blanks, of at most {@code max} characters and free of control
     * characters (see {@link #problemWith}).
     */
    public String text(String field, String value, int max) {
        if (isBlank(value)) {
            problems.add(RuleViolation.invalid(field, "required", field + " is required"));
            return null;
        }
        String text = value.strip();
        RuleViolation problem = problemWith(field, text, max);
        if (problem != null) {
            problems.add(problem);
            return null;
        }
        return text;
    }

    /**
     * What is wrong with a text for a field of at most {@code max} characters, or null: too long (rule
     * {@code max-length}), or holding a character that has no place in a ledger's text (rule
     * {@code control-character}): control characters (NUL, tab, line breaks, escape ...), line and paragraph
     * separators, invisible direction overrides that make text read differently from how it is stored, and
     * broken UTF-16 (a lone surrogate). Lengths count characters as people do (code points).
     */
    public static RuleViolation problemWith(String field, String text, int max) {
        int length = text.codePointCount(0, text.length());
        if (length > max) {
            return RuleViolation.invalid(field, "max-length", field + " is at most " + max + " characters, was "
                    + length);
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean brokenSurrogate = Character.isHighSurrogate(c)
                    ? i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(++i))
                    : Character.isLowSurrogate(c);
            if (brokenSurrogate || isForbidden(c)) {
                return RuleViolation.invalid(field, "control-character", field + " holds a control or invisible "
                        + "character (U+" + String.format("%04X", (int) c) + ") at position " + (i + 1)
                        + "; only printable text is accepted");
            }
        }
        return null;
    }

    /** Checks a text outside a request record, throwing the problem (a file name, a path segment). */
    public static String checked(String field, String text, int max) {
        RuleViolation problem = problemWith(field, text, max);
        if (problem != null) {
            throw problem;
        }
        return text;
    }

    private static boolean isForbidden(char c) {
        return Character.getType(c) == Character.CONTROL
                || c == 0x2028 || c == 0x2029                 // line and paragraph separators
                || (c >= 0x202A && c <= 0x202E)               // direction embeddings and overrides
                || (c >= 0x2066 && c <= 0x2069)               // direction isolates
                || c == 0xFEFF;                               // a byte order mark inside text
    }

    public Money amount(String field, String value) {
        if (text(field, value, MAX_ID) == null) {
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
        if (text(field, value, MAX_ID) == null) {
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
        if (text(field, value, MAX_ID) == null) {
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
        if (text(field, value, MAX_ID) == null) {
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
        if (text(field, value, MAX_ID) == null) {
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
