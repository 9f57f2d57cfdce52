package cn.cq.fundledger.campaign;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * The bad values of the campaign, by the kind of field they are sent in, and what the ledger must answer to each.
 * Pure data: the integration test sends them through every endpoint and import kind.
 *
 * <p>The agreed limits (core.Input): ids and districts at most 64 characters, names and file names at most 200,
 * reasons at most 500; no control character anywhere. Too long: 400 {@code max-length}; a control character: 400
 * {@code control-character}; in an import, a row error with that column and rule (the file answers 422).
 */
final class Catalogue {

    static final int ID_MAX = 64;
    static final int NAME_MAX = 200;
    static final int REASON_MAX = 500;
    static final int FACT_KEY_MAX = cn.cq.fundledger.core.Input.MAX_FACT_KEY;

    /** Text that may be taken as it is, and must then be stored and answered exactly as sent. */
    static final String SQL = "'; DROP TABLE domain_event_entry; --";
    static final String SCRIPT = "<script>alert(1)</script>";

    /** 2^63 fen, one fen more than a long holds. */
    static final String TWO_TO_THE_63_FEN = "92233720368547758.08";

    private Catalogue() {
    }

    /** How the ledger reads a field, which decides the bad values worth sending in it. */
    enum Kind {
        /** The id of the fact being recorded (at most 64). */
        ID(ID_MAX),
        /** The id of a fact recorded before (at most 64); an unknown one is refused by a ledger rule. */
        REF(ID_MAX),
        /** The key of a fact a correction names (id, or fund/partner@date: at most 276); unknown ones are refused. */
        FACT_KEY(FACT_KEY_MAX),
        DISTRICT(ID_MAX),
        NAME(NAME_MAX),
        REASON(REASON_MAX),
        /** An amount greater than zero. */
        AMOUNT(0),
        /** An amount of zero or more. */
        AMOUNT_OR_ZERO(0),
        /** A percentage from 0 to 100. */
        PERCENT(0),
        INTEGER(0),
        DATE(0),
        CHOICE(0);

        final int maxLength;

        Kind(int maxLength) {
            this.maxLength = maxLength;
        }

        boolean isText() {
            return maxLength > 0;
        }
    }

    /** A field of a request (or a column of an import), its kind, and for a choice a value that is not one. */
    record Field(String name, Kind kind, boolean optional, String notAChoice) {
        static Field of(String name, Kind kind) {
            return new Field(name, kind, false, null);
        }

        static Field optional(String name, Kind kind) {
            return new Field(name, kind, true, null);
        }

        static Field choice(String name, String notAChoice) {
            return new Field(name, Kind.CHOICE, false, notAChoice);
        }
    }

    /** What the ledger must answer to a case. */
    sealed interface Expect permits Refused, Either, Taken {
    }

    /** Refused with {@code status}, naming {@code field} (or the import column) and one of {@code rules}; nothing written. */
    record Refused(int status, String field, Set<String> rules) implements Expect {
        static Refused of(int status, String field, String... rules) {
            return new Refused(status, field, Set.of(rules));
        }
    }

    /**
     * Either refused cleanly (4xx problem+json naming {@code field}, nothing written) or taken and stored exactly as
     * {@code stored} (a JSON string, or a number: fen, basis points, months).
     */
    record Either(String field, Object stored) implements Expect {
    }

    /** Taken, and stored exactly as {@code stored}. */
    record Taken(String field, Object stored) implements Expect {
    }

    /** Marks a field left out of the body altogether. */
    static final Object ABSENT = new Object() {
        @Override
        public String toString() {
            return "(absent)";
        }
    };

    /**
     * One bad value: a label for the report, the JSON value sent ({@link #ABSENT}, null, a string, a number, a list or
     * a map), and the answer expected. {@code overLimit}: text beyond its length limit. While the limits are pending
     * such text is stored, and a projection then stops at its column's width (VARCHAR(64)): every read after it waits
     * in vain, so these cases run last.
     */
    record Case(String label, Object value, Expect expect, boolean overLimit) {
        Case(String label, Object value, Expect expect) {
            this(label, value, expect, false);
        }

        boolean isText() {
            return value instanceof String;
        }

        /** Whether the case may be taken, so that its template must be one the ledger would record. */
        boolean mayBeTaken() {
            return !(expect instanceof Refused);
        }
    }

    private static final String[] CONTROLS = {"\u0000", "\u0007", "\u001b[31m", "\n"};
    private static final String[] CONTROL_NAMES = {"a NUL character", "a BEL character", "an ESC sequence",
            "a newline"};

    /**
     * The cases every field is sent: left out and the kind's typical mistake; for text, too long and with a control
     * character (which one rotates with {@code index}, so that across the endpoints every one is sent); when
     * {@code wrongType}, a JSON array or object instead of text (alternating).
     */
    static List<Case> basicCases(Field f, int index, boolean wrongType, IntFunction<String> unique) {
        String n = f.name();
        List<Case> cases = new ArrayList<>();
        if (!f.optional()) {
            cases.add(new Case("missing", ABSENT, Refused.of(400, n, "required")));
        }
        if (wrongType) {
            cases.add(index % 2 == 0 ? new Case("an array instead of text", List.of("A1"), Refused.of(400, n))
                    : new Case("an object instead of text", Map.of("value", "A1"), Refused.of(400, n)));
        }
        Kind kind = f.kind();
        if (kind.isText()) {
            int c = index % CONTROLS.length;
            cases.add(new Case(CONTROL_NAMES[c] + " inside", "A" + CONTROLS[c] + unique.apply(0),
                    Refused.of(400, n, "control-character")));
            cases.add(new Case((kind.maxLength + 1) + " characters", pad(unique.apply(0), kind.maxLength + 1),
                    Refused.of(400, n, "max-length"), true));
            return cases;
        }
        cases.add(switch (kind) {
            case AMOUNT, AMOUNT_OR_ZERO -> new Case("three decimals (1000.005)", "1000.005",
                    Refused.of(400, n, "amount-format"));
            case PERCENT -> new Case("above 100 (101)", "101", Refused.of(400, n, "ratio-range"));
            case INTEGER -> new Case("1e9", "1e9", Refused.of(400, n, "integer-format"));
            case DATE -> new Case("February 30th", "2024-02-30", Refused.of(400, n, "date-format"));
            case CHOICE -> new Case("not a choice (" + f.notAChoice() + ")", f.notAChoice(),
                    Refused.of(400, n, "choice"));
            default -> throw new IllegalStateException(kind.name());
        });
        return cases;
    }

    /** Every case the campaign knows for a field of this kind (the basic ones included). */
    static List<Case> deepCases(Field f, IntFunction<String> unique) {
        String n = f.name();
        List<Case> cases = new ArrayList<>();
        if (!f.optional()) {
            cases.add(new Case("missing", ABSENT, Refused.of(400, n, "required")));
            cases.add(new Case("null", null, Refused.of(400, n, "required")));
            cases.add(new Case("blank", "   ", Refused.of(400, n, "required")));
        }
        cases.add(new Case("an array instead of text", List.of("A1"), Refused.of(400, n)));
        cases.add(new Case("an object instead of text", Map.of("value", "A1"), Refused.of(400, n)));
        Kind kind = f.kind();
        if (kind.isText()) {
            int max = kind.maxLength;
            cases.add(new Case("at the limit (" + max + " characters)", pad(unique.apply(0), max),
                    kind == Kind.REF || kind == Kind.FACT_KEY ? new Either(n, null) : new Taken(n, null)));
            cases.add(new Case((max + 1) + " characters", pad(unique.apply(0), max + 1),
                    Refused.of(400, n, "max-length"), true));
            cases.add(new Case("10,000 characters", pad(unique.apply(0), 10_000), Refused.of(400, n, "max-length"),
                    true));
            for (int c = 0; c < CONTROLS.length; c++) {
                cases.add(new Case(CONTROL_NAMES[c] + " inside", "A" + CONTROLS[c] + unique.apply(0),
                        Refused.of(400, n, "control-character")));
            }
            String sql = SQL + " " + unique.apply(0);
            String script = SCRIPT + unique.apply(0);
            cases.add(new Case("SQL text", sql, new Either(n, sql)));
            cases.add(new Case("script text", script, new Either(n, script)));
            long number = Math.abs((long) unique.apply(0).hashCode()) % 1_000_000 + 1_000_000;
            cases.add(new Case("a JSON number", number, new Either(n, Long.toString(number))));
            return cases;
        }
        switch (kind) {
            case AMOUNT, AMOUNT_OR_ZERO -> {
                String format = "amount-format";
                cases.add(new Case("three decimals (1000.005)", "1000.005", Refused.of(400, n, format)));
                cases.add(new Case("negative (-5)", "-5", kind == Kind.AMOUNT ? Refused.of(400, n, "amount-positive")
                        : Refused.of(400, n, "amount-not-negative")));
                if (kind == Kind.AMOUNT) {
                    cases.add(new Case("zero", "0", Refused.of(400, n, "amount-positive")));
                }
                cases.add(new Case("2^63 fen (" + TWO_TO_THE_63_FEN + ")", TWO_TO_THE_63_FEN, Refused.of(400, n, format)));
                cases.add(new Case("1e30", "1e30", Refused.of(400, n, format)));
                cases.add(new Case("1e9", "1e9", Refused.of(400, n, format)));
                cases.add(new Case("NaN", "NaN", Refused.of(400, n, format)));
                cases.add(new Case("Infinity", "Infinity", Refused.of(400, n, format)));
                cases.add(new Case("full-width digits (１２３)", "１２３", new Either(n, 12_300L)));
                cases.add(new Case("a JSON number 1e30", new java.math.BigDecimal("1E+30"), Refused.of(400, n, format)));
                cases.add(new Case("a control character inside", "1\u000700", Refused.of(400, n, format,
                        "control-character")));
            }
            case PERCENT -> {
                String format = "percent-format";
                cases.add(new Case("NaN", "NaN", Refused.of(400, n, format)));
                cases.add(new Case("Infinity", "Infinity", Refused.of(400, n, format)));
                cases.add(new Case("1e9", "1e9", Refused.of(400, n, format)));
                cases.add(new Case("negative (-5)", "-5", Refused.of(400, n, format)));
                cases.add(new Case("above 100 (101)", "101", Refused.of(400, n, "ratio-range")));
                cases.add(new Case("three decimals (30.001)", "30.001", Refused.of(400, n, format)));
                cases.add(new Case("full-width digits (３０)", "３０", new Either(n, 3_000L)));
            }
            case INTEGER -> {
                String format = "integer-format";
                cases.add(new Case("1e9", "1e9", Refused.of(400, n, format)));
                cases.add(new Case("NaN", "NaN", Refused.of(400, n, format)));
                cases.add(new Case("above 2^31 (99999999999)", "99999999999", Refused.of(400, n, format)));
                cases.add(new Case("a fraction (12.5)", "12.5", Refused.of(400, n, format)));
                cases.add(new Case("full-width digits (１２)", "１２", new Either(n, 12L)));
            }
            case DATE -> {
                String format = "date-format";
                cases.add(new Case("February 30th", "2024-02-30", Refused.of(400, n, format)));
                cases.add(new Case("month 13", "2024-13-01", Refused.of(400, n, format)));
                cases.add(new Case("two-digit year (24-1-1)", "24-1-1", Refused.of(400, n, format)));
                cases.add(new Case("year 10000", "10000-01-01", Refused.of(400, n, format)));
                cases.add(new Case("year 9999", "9999-12-31", new Either(n, "9999-12-31")));
                cases.add(new Case("full-width digits", "２０２４-０１-１０", new Either(n, "2024-01-10")));
                cases.add(new Case("a JSON number (20240110)", 20240110, Refused.of(400, n, format)));
                cases.add(new Case("a NUL character inside", "2024-01\u0000-10", Refused.of(400, n, format,
                        "control-character")));
            }
            case CHOICE -> {
                cases.add(new Case("not a choice (" + f.notAChoice() + ")", f.notAChoice(), Refused.of(400, n, "choice")));
                cases.add(new Case("a JSON number", 1, Refused.of(400, n, "choice")));
                cases.add(new Case("a NUL character inside", "A\u0000", Refused.of(400, n, "choice",
                        "control-character")));
            }
            default -> throw new IllegalStateException(kind.name());
        }
        return cases;
    }

    /** {@code start} made exactly {@code length} characters long, with x's. */
    static String pad(String start, int length) {
        if (start.length() >= length) {
            return start.substring(0, length);
        }
        return start + "x".repeat(length - start.length());
    }
}
