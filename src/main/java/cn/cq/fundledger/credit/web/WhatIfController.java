package cn.cq.fundledger.credit.web;

import cn.cq.fundledger.core.Input;
import cn.cq.fundledger.credit.whatif.CreditWhatIf;
import cn.cq.fundledger.credit.whatif.WhatIfAnswer;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What-if: the credit history replayed under another risk-sharing policy, side by side with the facts. Records no
 * event and changes no read model; saved scenarios live in a table of their own. FINANCE and ADMIN.
 */
@RestController
@RequestMapping("/api/what-if/credit")
@Tag(name = "What-if", description = "The credit history replayed under another policy, beside the recorded one")
public class WhatIfController {

    private final CreditWhatIf whatIf;
    private final WhatIfScenarios scenarios;

    public WhatIfController(CreditWhatIf whatIf, WhatIfScenarios scenarios) {
        this.whatIf = whatIf;
        this.scenarios = scenarios;
    }

    @PostMapping
    @Operation(summary = "Replay the credit history under a scenario and compare it with the recorded figures",
            description = "riskSharing and fuseThresholds, when given, replace every recorded version (same fields and "
                    + "meaning as /api/credit/risk-sharing and /api/credit/fuse-thresholds); extraPoolContributions "
                    + "are added to the recorded contributions; asOf lists the dates to compare at (default today). "
                    + "Recorded facts the scenario's rules would have refused are kept and listed in findings. Records "
                    + "nothing. FINANCE, ADMIN.")
    public ResponseEntity<WhatIfAnswer> run(@RequestBody WhatIfRequest request) {
        WhatIfRequest.Parsed parsed = scenarios.parse(request);
        return answer(whatIf.run(List.of(new CreditWhatIf.Named(null, parsed.scenario())), parsed.asOf()));
    }

    @GetMapping("/scenarios")
    @Operation(summary = "The saved scenarios, by name")
    public List<WhatIfScenarios.SavedView> saved() {
        return scenarios.all();
    }

    @GetMapping("/scenarios/{name}")
    @Operation(summary = "One saved scenario")
    public WhatIfScenarios.SavedView saved(@PathVariable String name) {
        return scenarios.view(name);
    }

    @PutMapping("/scenarios/{name}")
    @Operation(summary = "Save a scenario under a name (replacing one of that name)",
            description = "The body is that of POST /api/what-if/credit; it is checked as when run. 201 for a new name, "
                    + "200 when it replaced a saved scenario.")
    public ResponseEntity<WhatIfScenarios.SavedView> save(@PathVariable String name,
                                                          @RequestBody WhatIfRequest request) {
        boolean created = scenarios.save(name, request);
        return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK).body(scenarios.view(name));
    }

    @DeleteMapping("/scenarios/{name}")
    @Operation(summary = "Delete a saved scenario")
    public ResponseEntity<Void> delete(@PathVariable String name) {
        scenarios.delete(name);
        return ResponseEntity.noContent().build();
    }

    /** The dates to run a saved scenario at, instead of its own. */
    public record Dates(List<String> asOf) {
    }

    @PostMapping("/scenarios/{name}/run")
    @Operation(summary = "Run a saved scenario", description = "An optional body {\"asOf\": [...]} replaces the "
            + "scenario's saved dates.")
    public ResponseEntity<WhatIfAnswer> runSaved(@PathVariable String name,
                                                 @RequestBody(required = false) Dates dates) {
        WhatIfScenarios.Named named = scenarios.named(name, dates == null ? null : dates.asOf());
        return answer(whatIf.run(List.of(named.scenario()), named.asOf()));
    }

    /** Two saved scenarios to compare, and the dates (default: the first scenario's own). */
    public record Comparison(String first, String second, List<String> asOf) {
    }

    /** Two scenarios' answers from the same history: their actual figures are the same. */
    public record Compared(WhatIfAnswer first, WhatIfAnswer second) {
    }

    @PostMapping("/comparisons")
    @Operation(summary = "Compare two saved scenarios", description = "Both run over the same history in one pass: "
            + "{\"first\": name, \"second\": name, \"asOf\": [...]}.")
    public ResponseEntity<Compared> compare(@RequestBody Comparison comparison) {
        Input in = new Input();
        String first = in.name("first", comparison.first());
        String second = in.name("second", comparison.second());
        in.orThrow();
        WhatIfScenarios.Named one = scenarios.named(first, comparison.asOf(), "first");
        WhatIfScenarios.Named other = scenarios.named(second, one.asOf().stream().map(Object::toString).toList(),
                "second");
        CreditWhatIf.Run run = whatIf.run(List.of(one.scenario(), other.scenario()), one.asOf());
        return headers(run).body(new Compared(run.answers().get(0), run.answers().get(1)));
    }

    private static ResponseEntity<WhatIfAnswer> answer(CreditWhatIf.Run run) {
        return headers(run).body(run.answers().get(0));
    }

    private static ResponseEntity.BodyBuilder headers(CreditWhatIf.Run run) {
        return ResponseEntity.ok().header("X-Ledger-Position", Long.toString(run.position()))
                .header("X-Ledger-Consistent", Boolean.toString(run.consistent()));
    }
}
