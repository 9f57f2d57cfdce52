package cn.cq.fundledger.core;

/**
 * A command broke a rule of the ledger: nothing was recorded. Names the field the caller should look at,
 * a stable rule code (for programs) and a sentence (for people).
 */
public class RuleViolation extends RuntimeException {

    /** How the refusal should reach the caller. */
    public enum Kind {
        /** The request itself is malformed: a missing field, an amount with three decimals. */
        INVALID,
        /** The fact the command refers to does not exist. */
        NOT_FOUND,
        /** The id is already taken by a different fact. */
        CONFLICT,
        /** Well-formed, but the ledger's rules refuse it (over the credit line, expired grade, ...). */
        REFUSED
    }

    private final String field;
    private final String rule;
    private final Kind kind;

    public RuleViolation(Kind kind, String field, String rule, String message) {
        super(message);
        this.kind = kind;
        this.field = field;
        this.rule = rule;
    }

    public static RuleViolation invalid(String field, String rule, String message) {
        return new RuleViolation(Kind.INVALID, field, rule, message);
    }

    public static RuleViolation notFound(String field, String rule, String message) {
        return new RuleViolation(Kind.NOT_FOUND, field, rule, message);
    }

    public static RuleViolation conflict(String field, String rule, String message) {
        return new RuleViolation(Kind.CONFLICT, field, rule, message);
    }

    public static RuleViolation refused(String field, String rule, String message) {
        return new RuleViolation(Kind.REFUSED, field, rule, message);
    }

    public String field() {
        return field;
    }

    public String rule() {
        return rule;
    }

    public Kind kind() {
        return kind;
    }

    /** The same refusal, about a field of a part of the request, e.g. {@code replacement.principal}. */
    public RuleViolation within(String part) {
        RuleViolation nested = new RuleViolation(kind, field == null || field.isEmpty() ? part : part + "." + field,
                rule, part + ": " + getMessage());
        nested.setStackTrace(getStackTrace());
        return nested;
    }
}
