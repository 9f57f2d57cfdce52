package cn.cq.fundledger.system.web;

import cn.cq.fundledger.core.Input;
import cn.cq.fundledger.core.Recorded;
import cn.cq.fundledger.core.RuleViolation;
import cn.cq.fundledger.system.ProblemHandler;
import cn.cq.fundledger.system.WriteGate;
import cn.cq.fundledger.system.web.PageErrors.Shown;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * The forms of every program ({@link ProgramOperations}) and what sending one does: its command goes through the
 * same command gateway as the API's, and a refusal comes back as the API's field, rule and message, to be shown
 * beside the field at fault; nothing is recorded then. Templates call it as {@code @forms} for titles.
 */
@Component("forms")
public class Forms {

    private final List<ProgramOperations> programs;
    private final CommandGateway commands;
    private final ObjectMapper json;
    private final MessageSource messages;

    public Forms(List<ProgramOperations> programs, CommandGateway commands, ObjectMapper json,
                 MessageSource messages) {
        this.programs = programs;
        this.commands = commands;
        this.json = json;
        this.messages = messages;
    }

    /** A program and its forms of some purposes, for an index page. */
    public record Section(String program, List<Form> forms) {
    }

    public List<ProgramOperations> programs() {
        return programs;
    }

    public List<Section> sections(Form.Purpose purpose) {
        return programs.stream().map(p -> new Section(p.program(), p.forms().stream()
                .filter(f -> f.purpose() == purpose).toList())).filter(s -> !s.forms().isEmpty()).toList();
    }

    public Optional<Form> find(String id, Form.Purpose... purposes) {
        List<Form.Purpose> wanted = List.of(purposes);
        return programs.stream().flatMap(p -> p.forms().stream())
                .filter(f -> f.id().equals(id) && wanted.contains(f.purpose())).findFirst();
    }

    /** A form's title in the page's language: its own, or for a correction "correct: <the fact's title>". */
    public String title(Form form) {
        Locale locale = LocaleContextHolder.getLocale();
        if (form.corrects() != null) {
            return messages.getMessage("form.correction.title", new Object[]{title(form.corrects())}, locale);
        }
        return messages.getMessage("form." + form.id() + ".title", null, form.id(), locale);
    }

    /** A sentence under the form's title, if the bundles hold one (a correction's is every correction's). */
    public String lead(Form form) {
        return message("form." + (form.corrects() != null ? "correction" : form.id()) + ".lead");
    }

    /**
     * A field's label: the form's own word for it ({@code form.<id>.<field>}), else the common one
     * ({@code record.field.<field>}); a replacement field is labelled as in the corrected fact's form.
     */
    public String label(Form form, Form.Field field) {
        Form owner = field.inReplacement() && form.corrects() != null ? form.corrects() : form;
        String label = message("form." + owner.id() + "." + field.simpleName());
        if (label == null) {
            label = message("record.field." + field.simpleName());
        }
        return label != null ? label : field.simpleName();
    }

    /** How to write a field (an amount, a percentage, an id of a particular shape), if the bundles say. */
    public String hint(Form form, Form.Field field) {
        String hint = message("form." + form.id() + "." + field.simpleName() + ".hint");
        return hint != null ? hint : message("record.hint." + field.simpleName());
    }

    /** One of a choice's values in words ({@code record.choice.<field>.<value>}), else as the API writes it. */
    public String choice(Form.Field field, String value) {
        String word = message("record.choice." + field.simpleName() + "." + value);
        return word != null ? word + " (" + value + ")" : value;
    }

    private String message(String key) {
        return messages.getMessage(key, null, null, LocaleContextHolder.getLocale());
    }

    /** What sending a form did: the fact recorded (or found recorded already), or the refusal and its status. */
    public record Outcome(Recorded recorded, int status, List<Shown> problems) {

        public boolean refused() {
            return recorded == null;
        }

        /** The problems by the field they name; those naming no field of the form are under "". */
        public Map<String, List<Shown>> byField(Form form) {
            Map<String, List<Shown>> byField = new LinkedHashMap<>();
            for (Shown problem : problems) {
                String field = form.fields().stream().anyMatch(f -> f.name().equals(problem.field()))
                        ? problem.field() : "";
                byField.computeIfAbsent(field, k -> new java.util.ArrayList<>()).add(problem);
            }
            return byField;
        }
    }

    public Outcome send(Form form, Map<String, String> values) {
        try {
            Recorded recorded = commands.sendAndWait(form.command(values, json));
            return new Outcome(recorded, 200, List.of());
        } catch (CommandExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause && refusal(cause) != null) {
                return refusal(cause);
            }
            throw e;
        } catch (RuntimeException e) {
            Outcome refused = refusal(e);
            if (refused == null) {
                throw e;
            }
            return refused;
        }
    }

    /** A refusal as the API answers it (ProblemHandler): its status and every field, rule and message. */
    private static Outcome refusal(RuntimeException e) {
        if (e instanceof Input.InvalidInput invalid) {
            return new Outcome(null, 400, invalid.problems().stream()
                    .map(p -> new Shown(p.field(), p.rule(), p.getMessage())).toList());
        }
        if (e instanceof RuleViolation v) {
            return new Outcome(null, ProblemHandler.statusCode(v.kind()),
                    List.of(new Shown(v.field(), v.rule(), v.getMessage())));
        }
        if (e instanceof WriteGate.Busy busy) {
            return new Outcome(null, 503, List.of(new Shown(null, "import-running", busy.getMessage())));
        }
        return null;
    }

    /**
     * Shows a form: its fields with the values sent, the refusal's problems beside their fields, or the fact just
     * recorded. {@code action} is where the form is sent.
     */
    public void show(Model model, Form form, String action, Map<String, String> values, Outcome outcome) {
        model.addAttribute("form", form);
        model.addAttribute("action", action);
        model.addAttribute("values", values == null ? Map.of() : values);
        model.addAttribute("errors", outcome == null || !outcome.refused() ? Map.of() : outcome.byField(form));
        model.addAttribute("outcome", outcome);
    }
}
