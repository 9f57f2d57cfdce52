package cn.cq.fundledger.system.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The operators' forms ({@code /record}, OPERATOR): one for every fact the API records, one for the correction of
 * every kind of fact (with its reason, and optionally the corrected fact), from every program
 * ({@link ProgramOperations}); each sends the API's own command ({@link Form}).
 */
@Page
@RequestMapping("/record")
public class RecordPages extends FormPages {

    public RecordPages(Forms forms) {
        super(forms, "/record", Form.Purpose.RECORD, Form.Purpose.CORRECT);
    }

    @GetMapping
    public String index(Model model) {
        model.addAttribute("facts", forms.sections(Form.Purpose.RECORD));
        model.addAttribute("corrections", forms.sections(Form.Purpose.CORRECT));
        return "record/index";
    }

    @GetMapping("/{id}")
    public String form(@PathVariable String id, @RequestParam Map<String, String> parameters, Model model) {
        model.addAttribute("back", "/record");
        return show(id, parameters, model);
    }

    @PostMapping("/{id}")
    public String record(@PathVariable String id, @RequestParam Map<String, String> parameters,
                         RedirectAttributes redirect, HttpServletResponse response, Model model) {
        model.addAttribute("back", "/record");
        return send(id, parameters, redirect, response, model);
    }
}
