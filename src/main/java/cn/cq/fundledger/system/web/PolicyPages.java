package cn.cq.fundledger.system.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The administrators' policies ({@code /policy}, ADMIN): every program's policies in force and their history (the
 * tables of {@link ProgramOperations#policies()}), and the forms that add a version or reinstate a suspended bank,
 * each sending the API's own command ({@link Form}).
 */
@Page
@RequestMapping("/policy")
public class PolicyPages extends FormPages {

    public PolicyPages(Forms forms) {
        super(forms, "/policy", Form.Purpose.POLICY);
    }

    /** A program's part of the policy page. */
    public record Section(String program, List<Table> tables, List<Form> forms) {
    }

    @GetMapping
    public String index(Model model) {
        List<Section> sections = forms.programs().stream().map(p -> new Section(p.program(), p.policies(),
                p.forms().stream().filter(f -> f.purpose() == Form.Purpose.POLICY).toList()))
                .filter(s -> !s.tables().isEmpty() || !s.forms().isEmpty()).toList();
        model.addAttribute("sections", sections);
        // every table of the page, for its CSV and XLSX downloads (TableFiles)
        model.addAttribute("tables", sections.stream().flatMap(s -> s.tables().stream()).toList());
        return "policy/index";
    }

    @GetMapping("/{id}")
    public String form(@PathVariable String id, @RequestParam Map<String, String> parameters, Model model) {
        model.addAttribute("back", "/policy");
        return show(id, parameters, model);
    }

    @PostMapping("/{id}")
    public String record(@PathVariable String id, @RequestParam Map<String, String> parameters,
                         RedirectAttributes redirect, HttpServletResponse response, Model model) {
        model.addAttribute("back", "/policy");
        return send(id, parameters, redirect, response, model);
    }
}
