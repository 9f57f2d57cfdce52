package cn.cq.fundledger.audit.web;

import cn.cq.fundledger.audit.EventHistory;
import cn.cq.fundledger.audit.EventIndexProjection;
import cn.cq.fundledger.audit.Replay;
import cn.cq.fundledger.core.RuleViolation;
import cn.cq.fundledger.system.web.Consistent;
import cn.cq.fundledger.system.web.Page;
import cn.cq.fundledger.system.web.Table;
import java.security.Principal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The auditors' pages ({@code /audit}, AUDITOR and ADMIN): the verification of the history and the figures, the
 * event history filtered and paged, its export, and the replay of every projection with its progress. Each does
 * what the API's {@link AuditController} does, by calling it or the services it calls ({@link EventHistory},
 * {@link Replay}).
 */
@Page
@RequestMapping("/audit")
public class AuditPages {

    /** Events a page of the history shows unless asked otherwise. */
    static final int PAGE_SIZE = 50;

    private final AuditController api;
    private final EventHistory history;
    private final Replay replay;
    private final Consistent consistent;

    public AuditPages(AuditController api, EventHistory history, Replay replay, Consistent consistent) {
        this.api = api;
        this.history = history;
        this.replay = replay;
        this.consistent = consistent.reading(EventIndexProjection.PROCESSING_GROUP);
    }

    @GetMapping
    public String index(Model model) {
        model.addAttribute("replay", replay.progress());
        return "audit/index";
    }

    /** GET /api/audit/verify, as a page: the chain, the projections compared, the first broken event. */
    @GetMapping("/verification")
    public String verification(Model model) {
        AuditController.Verification verification = api.verify();
        Table differences = new Table("differences", "audit.differences", List.of("audit.column.table",
                "audit.column.liveRows", "audit.column.replayedRows", "audit.column.firstDifference"));
        verification.differences().forEach(d -> differences.row(d.table(), d.liveRows(), d.replayedRows(),
                d.firstDifference()));
        model.addAttribute("verification", verification);
        model.addAttribute("differences", differences);
        return "audit/verification";
    }

    /** GET /api/audit/events, as a page: the same filters, a page of events as a table (CSV, XLSX). */
    @GetMapping("/events")
    public String events(@RequestParam(required = false) String type, @RequestParam(required = false) String aggregate,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate businessFrom,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate businessTo,
            @RequestParam(required = false) Instant recordedFrom, @RequestParam(required = false) Instant recordedTo,
            @RequestParam(required = false) String user, @RequestParam(required = false) String correlationId,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "" + PAGE_SIZE) int size,
            Model model) {
        if (page < 0 || size < 1 || size > 1000) {
            throw RuleViolation.invalid("size", "range", "page must be 0 or more and size 1 to 1000");
        }
        EventHistory.Filter filter = new EventHistory.Filter(blankToNull(type), blankToNull(aggregate), businessFrom,
                businessTo, recordedFrom, recordedTo, blankToNull(user), blankToNull(correlationId));
        EventHistory.Page events = consistent.answer(() -> history.page(filter, page, size)).getBody();
        Table table = new Table("events", "audit.events", List.of("audit.column.position", "audit.column.type",
                "audit.column.aggregate", "audit.column.businessDate", "audit.column.recordedAt",
                "audit.column.user", "audit.column.source", "audit.column.correlationId", "audit.column.payload",
                "audit.column.hash"));
        for (EventHistory.HistoryEvent e : events.events()) {
            table.row(e.position(), e.type(), e.aggregateType() + " " + e.aggregateId(),
                    e.businessDate() == null ? null : e.businessDate().toString(), e.recordedAt(), e.user(), e.source(),
                    e.correlationId(), e.payload() == null ? null : e.payload().toString(), e.hash());
        }
        model.addAttribute("filter", filter);
        model.addAttribute("exportHref", exportHref(filter));
        model.addAttribute("events", events);
        model.addAttribute("table", table);
        model.addAttribute("pages", (events.total() + size - 1) / size);
        return "audit/events";
    }

    /** GET /api/audit/events/export under the pages' session: JSON Lines of the filtered history, streamed. */
    @GetMapping("/events/export")
    public ResponseEntity<StreamingResponseBody> export(@RequestParam(required = false) String type,
            @RequestParam(required = false) String aggregate,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate businessFrom,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate businessTo,
            @RequestParam(required = false) Instant recordedFrom, @RequestParam(required = false) Instant recordedTo,
            @RequestParam(required = false) String user, @RequestParam(required = false) String correlationId) {
        return api.export(blankToNull(type), blankToNull(aggregate), businessFrom, businessTo, recordedFrom,
                recordedTo, blankToNull(user), blankToNull(correlationId));
    }

    /** POST /api/audit/replay: starts rebuilding every projection, then follows it on the replay page. */
    @PostMapping("/replay")
    public String startReplay(Principal who) {
        api.startReplay(who);
        return "redirect:/audit/replay";
    }

    @GetMapping("/replay")
    public String replayPage(Model model) {
        Replay.Progress progress = replay.progress();
        Table processors = new Table("processors", "audit.processors", List.of("audit.column.processor",
                "audit.column.replaying", "audit.column.processed"));
        progress.processors().forEach(p -> processors.row(p.processor(), p.replaying() ? "✓" : "", p.position()));
        model.addAttribute("replay", progress);
        model.addAttribute("processors", processors);
        return "audit/replay";
    }

    /** Where the replay stands, for the progress bar: events taken in of the events to take in. */
    public record ReplayStatus(long applied, long total, boolean running) {
    }

    @GetMapping("/replay/progress")
    @ResponseBody
    public ReplayStatus replayProgress() {
        Replay.Progress progress = replay.progress();
        return new ReplayStatus(progress.done(), progress.total(), progress.replaying());
    }

    /** The export of the events a filter selects: its link names the filters given, and only those. */
    static String exportHref(EventHistory.Filter f) {
        UriComponentsBuilder link = UriComponentsBuilder.fromPath("/audit/events/export");
        java.util.Map<String, Object> given = new java.util.LinkedHashMap<>();
        given.put("type", f.type());
        given.put("aggregate", f.aggregateId());
        given.put("businessFrom", f.businessFrom());
        given.put("businessTo", f.businessTo());
        given.put("recordedFrom", f.recordedFrom());
        given.put("recordedTo", f.recordedTo());
        given.put("user", f.user());
        given.put("correlationId", f.correlationId());
        given.forEach((name, value) -> {
            if (value != null) {
                link.queryParam(name, value.toString());
            }
        });
        return link.encode().build().toUriString();
    }

    /** An empty filter field of the form means no filter, as a parameter left out of the API's query does. */
    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
