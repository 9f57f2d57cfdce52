package cn.cq.fundledger.system.web;

import cn.cq.fundledger.core.Recorded;
import cn.cq.fundledger.core.RuleViolation;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.ui.Model;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * What the pages of forms ({@code /record}, {@code /policy}) share: a form is shown at {@code <base>/<id>} and sent
 * there; a fact recorded leads back to the empty form saying so (so that a reload sends nothing again), a refusal
 * shows the form again with the values sent and the API's problems beside their fields, with the API's status.
 */
abstract class FormPages {

    protected final Forms forms;
    private final String base;
    private final List<Form.Purpose> purposes;

    FormPages(Forms forms, String base, Form.Purpose... purposes) {
        this.forms = forms;
        this.base = base;
        this.purposes = List.of(purposes);
    }

    /** The form, empty or filled from the link's parameters (a bank to reinstate), or the fact just recorded. */
    protected String show(String id, Map<String, String> parameters, Model model) {
        Form form = form(id);
        Object recorded = model.asMap().get("recorded");
        forms.show(model, form, base + "/" + id, fieldsOf(form, parameters),
                recorded instanceof Recorded r ? new Forms.Outcome(r, 200, List.of()) : null);
        return view();
    }

    protected String send(String id, Map<String, String> parameters, RedirectAttributes redirect,
                          HttpServletResponse response, Model model) {
        Form form = form(id);
        Map<String, String> values = fieldsOf(form, parameters);
        Forms.Outcome outcome = forms.send(form, values);
        if (!outcome.refused()) {
            redirect.addFlashAttribute("recorded", outcome.recorded());
            return "redirect:" + base + "/" + id;
        }
        response.setStatus(outcome.status());
        forms.show(model, form, base + "/" + id, values, outcome);
        return view();
    }

    /** The form's page: {@code record/form} or {@code policy/form}. */
    private String view() {
        return base.substring(1) + "/form";
    }

    private Form form(String id) {
        return forms.find(id, purposes.toArray(Form.Purpose[]::new)).orElseThrow(() -> RuleViolation.notFound("form",
                "unknown-form", "there is no form '" + id + "' here"));
    }

    /** The values of the form's own fields (not the CSRF token, nor the language). */
    private static Map<String, String> fieldsOf(Form form, Map<String, String> parameters) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Form.Field field : form.fields()) {
            if (parameters.containsKey(field.name())) {
                values.put(field.name(), parameters.get(field.name()));
            }
        }
        return values;
    }
}
