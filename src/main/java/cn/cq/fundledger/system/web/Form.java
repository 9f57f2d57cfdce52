package cn.cq.fundledger.system.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A form of the operations pages that records a fact ({@code /record}), corrects one, or sets a policy
 * ({@code /policy}). Its fields are the fields of the API's request record, in the record's order, so the form
 * sends what the endpoint's JSON body holds: the values are bound to the record as the API binds its body (by
 * Jackson, by name), and the record's own {@code toCommand} checks them and makes the command. A form therefore
 * refuses what the API refuses, with the same fields, rules and messages.
 *
 * <p>A correction's form adds the fields of the corrected fact's form under {@code replacement.}, all optional: when
 * any is filled they are sent as the correction's {@code replacement} object, as the API takes it.
 */
public final class Form {

    /** Where a form is offered: among the facts to record, the corrections, or the policies. */
    public enum Purpose { RECORD, CORRECT, POLICY }

    /** How a field is entered: a line of text, a date, one of a few values, or a correction's reason. */
    public enum Widget { TEXT, DATE, CHOICE, REASON }

    /** The group of a correction's replacement fields. */
    public static final String REPLACEMENT = "replacement";

    /**
     * One field: its name in the request ({@code principal}, or {@code replacement.principal} in a correction),
     * how it is entered, and the values it may take (for a choice, lower case as the API writes them).
     */
    public record Field(String name, Widget widget, List<String> choices) {

        /** The field's name without its group: what its label and hint are looked up by. */
        public String simpleName() {
            return name.substring(name.indexOf('.') + 1);
        }

        public boolean inReplacement() {
            return name.startsWith(REPLACEMENT + ".");
        }

        /** The id of its input element. */
        public String htmlId() {
            return "field-" + name.replace('.', '-');
        }
    }

    private final String id;
    private final Purpose purpose;
    private final Class<? extends Record> request;
    private final BiFunction<Object, Map<String, String>, Object> command;
    private final List<Field> fields = new ArrayList<>();
    private final Map<String, String> fixed = new LinkedHashMap<>();
    private final Set<String> body;
    private Form corrects;

    private Form(String id, Purpose purpose, Class<? extends Record> request,
                 BiFunction<Object, Map<String, String>, Object> command) {
        this.id = id;
        this.purpose = purpose;
        this.request = request;
        this.command = command;
        this.body = Arrays.stream(request.getRecordComponents()).map(RecordComponent::getName)
                .collect(Collectors.toUnmodifiableSet());
        for (RecordComponent component : request.getRecordComponents()) {
            if (component.getType() == String.class) {
                fields.add(new Field(component.getName(), widgetOf(component.getName()), List.of()));
            }
        }
    }

    /** A form sending the request record {@code R} through its {@code toCommand}. */
    @SuppressWarnings("unchecked")
    public static <R extends Record> Form of(String id, Purpose purpose, Class<R> request, Function<R, ?> toCommand) {
        return new Form(id, purpose, request, (r, values) -> toCommand.apply((R) r));
    }

    /**
     * A form whose command also takes a value that the API reads from the path rather than the body (a bank to
     * reinstate): declare it with {@link #pathField}.
     */
    @SuppressWarnings("unchecked")
    public static <R extends Record> Form of(String id, Purpose purpose, Class<R> request,
                                             BiFunction<R, Map<String, String>, ?> toCommand) {
        return new Form(id, purpose, request, (r, values) -> toCommand.apply((R) r, values));
    }

    /** A correction of the facts of {@code fact}'s form: {@code kind} fixed, the fact's fields as replacement. */
    public static <R extends Record> Form correction(String id, Class<R> request, Function<R, ?> toCommand,
                                                     String kind, Form fact) {
        Form form = of(id, Purpose.CORRECT, request, toCommand).fixed("kind", kind);
        form.corrects = fact;
        fact.fields.stream().filter(f -> !f.inReplacement())
                .forEach(f -> form.fields.add(new Field(REPLACEMENT + "." + f.name(), f.widget(), f.choices())));
        return form;
    }

    /** The field takes one of the enum's constants (written in lower case, as the API's documentation does). */
    public Form choice(String field, Class<? extends Enum<?>> values) {
        List<String> choices = Arrays.stream(values.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT))
                .toList();
        fields.replaceAll(f -> f.simpleName().equals(field) ? new Field(f.name(), Widget.CHOICE, choices) : f);
        if (corrects == null && fields.stream().noneMatch(f -> f.simpleName().equals(field))) {
            throw new IllegalArgumentException(id + ": no field " + field);
        }
        return this;
    }

    /** The field is sent with this value and not shown (a correction's kind). */
    public Form fixed(String field, String value) {
        if (!body.contains(field)) {
            throw new IllegalArgumentException(id + ": no field " + field);
        }
        fixed.put(field, value);
        fields.removeIf(f -> f.name().equals(field));
        return this;
    }

    /** A field the API takes in the path, not the body; shown first. */
    public Form pathField(String field) {
        fields.add(0, new Field(field, widgetOf(field), List.of()));
        return this;
    }

    public String id() {
        return id;
    }

    public Purpose purpose() {
        return purpose;
    }

    /** For a correction, the form of the facts it corrects; otherwise null. */
    public Form corrects() {
        return corrects;
    }

    public List<Field> fields() {
        return List.copyOf(fields);
    }

    /** The fields of the request itself (not a correction's replacement). */
    public List<Field> mainFields() {
        return fields.stream().filter(f -> !f.inReplacement()).toList();
    }

    public List<Field> replacementFields() {
        return fields.stream().filter(Field::inReplacement).toList();
    }

    /**
     * The command of the values sent: the request record bound from them as the API binds its JSON body, then the
     * record's own checks ({@code toCommand}), which throw the API's refusals.
     */
    public Object command(Map<String, String> values, ObjectMapper json) {
        Map<String, Object> sent = new LinkedHashMap<>();
        Map<String, String> replacement = new LinkedHashMap<>();
        for (Field field : fields) {
            String value = values.get(field.name());
            if (field.inReplacement()) {
                if (value != null && !value.isBlank()) {
                    replacement.put(field.simpleName(), value);
                }
            } else if (body.contains(field.name())) {
                sent.put(field.name(), value);
            }
        }
        sent.putAll(fixed);
        if (!replacement.isEmpty()) {
            sent.put(REPLACEMENT, replacement);
        }
        return command.apply(json.convertValue(sent, request), values);
    }

    /** Dates are the fields the API names so: {@code issuedOn}, {@code effectiveFrom}, {@code targetDate}, ... */
    private static Widget widgetOf(String field) {
        if (field.equals("reason")) {
            return Widget.REASON;
        }
        return field.endsWith("On") || field.endsWith("From") || field.endsWith("Since") || field.endsWith("Date")
                ? Widget.DATE : Widget.TEXT;
    }

    @Override
    public String toString() {
        return "Form " + id;
    }
}
