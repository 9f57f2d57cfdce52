package cn.cq.fundledger.credit.web;

import cn.cq.fundledger.core.Input;
import cn.cq.fundledger.core.RuleViolation;
import cn.cq.fundledger.credit.query.CreditLedgerProjection;
import cn.cq.fundledger.credit.query.CreditQueries;
import cn.cq.fundledger.credit.whatif.CreditWhatIf;
import cn.cq.fundledger.credit.whatif.SavedScenarios;
import cn.cq.fundledger.system.RequestContext;
import cn.cq.fundledger.system.web.BusinessCalendar;
import cn.cq.fundledger.system.web.Consistent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * What-if scenarios as the API and the page take them: checked against the banks and districts the ledger knows,
 * saved under a name, read back and run again. A saved scenario is checked again when it runs.
 */
@Component
public class WhatIfScenarios {

    private final CreditQueries queries;
    private final SavedScenarios saved;
    private final BusinessCalendar calendar;
    private final ObjectMapper json;
    private final Consistent consistent;

    public WhatIfScenarios(CreditQueries queries, SavedScenarios saved, BusinessCalendar calendar, ObjectMapper json,
                           Consistent consistent) {
        this.queries = queries;
        this.saved = saved;
        this.calendar = calendar;
        this.json = json;
        this.consistent = consistent.reading(CreditLedgerProjection.PROCESSING_GROUP);
    }

    /** A saved scenario as the API shows it: the request body it was saved with. */
    public record SavedView(String name, String savedBy, Instant savedAt, JsonNode scenario) {
    }

    /** A scenario ready to run, with its dates. */
    public record Named(CreditWhatIf.Named scenario, List<LocalDate> asOf) {
    }

    public WhatIfRequest.Parsed parse(WhatIfRequest request) {
        if (request == null) {
            throw RuleViolation.invalid(null, "required", "the request body is empty: send a scenario");
        }
        // read once the credit projection holds every fact recorded before: a bank or district recorded a moment ago
        // is known to the scenario that names it
        WhatIfRequest.Known known = consistent.answer(() -> new WhatIfRequest.Known(queries.bankIds(),
                queries.districts())).getBody();
        return request.parse(known, calendar.asOf(null));
    }

    /** Checks and saves a scenario; true when the name is new. */
    public boolean save(String name, WhatIfRequest request) {
        String checked = name(name, "name");
        parse(request);
        try {
            return saved.save(checked, json.writeValueAsString(request), RequestContext.currentUser());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a scenario could not be written as JSON", e);
        }
    }

    public List<SavedView> all() {
        return saved.all().stream().map(this::view).toList();
    }

    public SavedView view(String name) {
        return view(find(name, "name"));
    }

    public void delete(String name) {
        if (!saved.delete(name(name, "name"))) {
            throw unknown(name, "name");
        }
    }

    /** A saved scenario, checked, at the dates given (null or empty: its own dates). */
    public Named named(String name, List<String> asOf) {
        return named(name, asOf, "name");
    }

    /** The same, naming {@code field} when the name is unknown (e.g. first, second). */
    public Named named(String name, List<String> asOf, String field) {
        WhatIfRequest request = request(find(name, field));
        if (asOf != null && !asOf.isEmpty()) {
            request = new WhatIfRequest(request.riskSharing(), request.fuseThresholds(),
                    request.extraPoolContributions(), asOf);
        }
        WhatIfRequest.Parsed parsed = parse(request);
        return new Named(new CreditWhatIf.Named(name, parsed.scenario()), parsed.asOf());
    }

    /** The request a saved scenario was saved with. */
    public WhatIfRequest request(String name) {
        return request(find(name, "name"));
    }

    private SavedScenarios.Saved find(String name, String field) {
        return saved.find(name(name, field)).orElseThrow(() -> unknown(name, field));
    }

    private WhatIfRequest request(SavedScenarios.Saved scenario) {
        try {
            return json.readValue(scenario.body(), WhatIfRequest.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("saved scenario " + scenario.name() + " cannot be read", e);
        }
    }

    private SavedView view(SavedScenarios.Saved scenario) {
        try {
            return new SavedView(scenario.name(), scenario.savedBy(), scenario.savedAt(),
                    json.readTree(scenario.body()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("saved scenario " + scenario.name() + " cannot be read", e);
        }
    }

    private static String name(String name, String field) {
        Input in = new Input();
        String checked = in.name(field, name);
        in.orThrow();
        return checked;
    }

    private static RuleViolation unknown(String name, String field) {
        return RuleViolation.notFound(field, "unknown-scenario", "no scenario is saved under the name '" + name + "'");
    }
}
