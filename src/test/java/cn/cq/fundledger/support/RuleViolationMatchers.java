package cn.cq.fundledger.support;

import cn.cq.fundledger.core.RuleViolation;
import java.util.Objects;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeDiagnosingMatcher;

/** Hamcrest matchers for refusals in aggregate fixture tests: kind, field and rule of a {@link RuleViolation}. */
public final class RuleViolationMatchers {

    private RuleViolationMatchers() {
    }

    /** A {@link RuleViolation} of the given kind, naming the given field and rule. */
    public static Matcher<RuleViolation> violation(RuleViolation.Kind kind, String field, String rule) {
        return new TypeSafeDiagnosingMatcher<>() {
            @Override
            protected boolean matchesSafely(RuleViolation actual, Description mismatch) {
                boolean matches = actual.kind() == kind && Objects.equals(actual.field(), field)
                        && Objects.equals(actual.rule(), rule);
                if (!matches) {
                    mismatch.appendText("was " + actual.kind() + " field=" + actual.field() + " rule="
                            + actual.rule() + " (\"" + actual.getMessage() + "\")");
                }
                return matches;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("RuleViolation " + kind + " field=" + field + " rule=" + rule);
            }
        };
    }

    public static Matcher<RuleViolation> invalid(String field, String rule) {
        return violation(RuleViolation.Kind.INVALID, field, rule);
    }

    public static Matcher<RuleViolation> refused(String field, String rule) {
        return violation(RuleViolation.Kind.REFUSED, field, rule);
    }

    public static Matcher<RuleViolation> conflict(String field, String rule) {
        return violation(RuleViolation.Kind.CONFLICT, field, rule);
    }

    public static Matcher<RuleViolation> notFound(String field, String rule) {
        return violation(RuleViolation.Kind.NOT_FOUND, field, rule);
    }
}
