package cn.cq.fundledger.audit.web;

import cn.cq.fundledger.audit.EventChain;
import cn.cq.fundledger.audit.ProjectionCheck;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import cn.cq.fundledger.audit.EventHistory;
import cn.cq.fundledger.audit.EventIndexProjection;
import cn.cq.fundledger.audit.Replay;
import cn.cq.fundledger.audit.Verifications;
import org.springframework.web.bind.annotation.PostMapping;
import cn.cq.fundledger.core.RuleViolation;
import cn.cq.fundledger.system.ProjectionConsistency;
import cn.cq.fundledger.system.ProjectionHalted;
import cn.cq.fundledger.system.ProjectionMonitor;
import cn.cq.fundledger.system.web.Consistent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Auditors' checks of the history (AUDITOR, ADMIN). */
@RestController
@RequestMapping("/api/audit")
@Tag(name = "Audit", description = "Verification of the event history and of the figures built from it")
public class AuditController {

    private final EventChain chain;
    private final ProjectionCheck projections;
    private final EventHistory history;
    private final Consistent consistent;
    private final Replay replay;
    private final ProjectionConsistency consistency;
    private final ProjectionMonitor monitor;
    private final Verifications verifications;

    public AuditController(EventChain chain, ProjectionCheck projections, EventHistory history, Consistent consistent,
                           Replay replay, ProjectionConsistency consistency, ProjectionMonitor monitor,
                           Verifications verifications) {
        this.chain = chain;
        this.projections = projections;
        this.history = history;
        // the history is read from the event index (and the event store and chain beside it)
        this.consistent = consistent.reading(EventIndexProjection.PROCESSING_GROUP);
        this.replay = replay;
        this.consistency = consistency;
        this.monitor = monitor;
        this.verifications = verifications;
    }

    @GetMapping("/processors")
    @Operation(summary = "Where every projection stands",
            description = "Each processor with its segments: position, lag behind the head of the event store, "
                    + "claimed, caught up, replaying, error state; halted when it cannot take in an event, and its "
                    + "latest error: message, the event (position, id, type), first and last seen, attempts, and "
                    + "resolvedAt once it got past it. Answers whatever state the projections are in.")
    public ProjectionMonitor.Overview processors() {
        return monitor.overview();
    }

    @PostMapping("/replay")
    @Operation(summary = "Rebuild every projection from the event store",
            description = "Answers 202 at once with the progress; GET /api/audit/replay follows it (events done of "
                    + "total, rate, seconds left). Queries keep answering meanwhile, with X-Ledger-Rebuilding: true.")
    public ResponseEntity<Replay.Progress> startReplay(java.security.Principal who) {
        return ResponseEntity.accepted().body(replay.start(who.getName()));
    }

    @GetMapping("/replay")
    @Operation(summary = "The progress of the latest replay")
    public Replay.Progress replayProgress() {
        return replay.progress();
    }

    @GetMapping("/events")
    @Operation(summary = "Browse the event history, filtered and paged",
            description = "Filters: type (e.g. LoanIssued), aggregate (e.g. kv-credit), businessFrom/businessTo "
                    + "(dates), recordedFrom/recordedTo (instants), user, correlationId. Each event shows its payload, "
                    + "business date, recorded time, user, correlation id and chain hash.")
    public ResponseEntity<EventHistory.Page> events(@RequestParam(required = false) String type,
            @RequestParam(required = false) String aggregate,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate businessFrom,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate businessTo,
            @RequestParam(required = false) Instant recordedFrom, @RequestParam(required = false) Instant recordedTo,
            @RequestParam(required = false) String user, @RequestParam(required = false) String correlationId,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "100") int size) {
        if (page < 0 || size < 1 || size > 1000) {
            throw RuleViolation.invalid("size", "range", "page must be 0 or more and size 1 to 1000");
        }
        EventHistory.Filter filter = new EventHistory.Filter(type, aggregate, businessFrom, businessTo, recordedFrom,
                recordedTo, user, correlationId);
        return consistent.answer(() -> history.page(filter, page, size));
    }

    @GetMapping(path = "/events/export", produces = "application/x-ndjson")
    @Operation(summary = "Export the history (or a filtered part) as JSON Lines, streamed",
            description = "One event a line in global order, with the stored payload and metadata byte for byte (as "
                    + "strings), identifiers, type, timestamp, business date, user, correlation id and the chain's "
                    + "previousHash and hash. Same filters as /events.")
    public ResponseEntity<StreamingResponseBody> export(@RequestParam(required = false) String type,
            @RequestParam(required = false) String aggregate,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate businessFrom,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate businessTo,
            @RequestParam(required = false) Instant recordedFrom, @RequestParam(required = false) Instant recordedTo,
            @RequestParam(required = false) String user, @RequestParam(required = false) String correlationId) {
        chain.seal();
        EventHistory.Filter filter = new EventHistory.Filter(type, aggregate, businessFrom, businessTo, recordedFrom,
                recordedTo, user, correlationId);
        // the index the export reads must hold every event stored (and sealed) before the request
        long head = consistency.head();
        ProjectionConsistency.Wait wait = consistency.await(Set.of(EventIndexProjection.PROCESSING_GROUP), head,
                consistency.defaultWait());
        if (!wait.complete() && !wait.halted().isEmpty()) {
            throw new ProjectionHalted(wait.halted(), head);
        }
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"fund-ledger-events.jsonl\"")
                .contentType(MediaType.parseMediaType("application/x-ndjson"))
                .body(out -> history.export(filter, out));
    }

    /** The answer of a verification. */
    public record Verification(long events, boolean chainValid, EventChain.BrokenEvent firstBrokenEvent,
                               String chainHead, boolean projectionsMatch,
                               List<ProjectionCheck.Difference> differences) {
    }

    @GetMapping("/verify")
    @Operation(summary = "Verify the history and the figures",
            description = "Checks the hash chain over every stored event (naming the first changed, deleted or "
                    + "moved event) and replays the whole history into a fresh, separate copy of the projections, "
                    + "comparing every row with the live ones.")
    public Verification verify() {
        EventChain.ChainCheck check = chain.verify();
        ProjectionCheck.Result replay = projections.replayAndCompare();
        return new Verification(check.events(), check.valid(), check.firstBroken(), check.head(), replay.match(),
                replay.differences());
    }

    /** The body of POST /api/audit/verifications (optional): which check to run. */
    public record VerificationRequest(String scope) {
    }

    @PostMapping("/verifications")
    @Operation(summary = "Start a verification as a job",
            description = "scope 'full' (default): the whole hash chain, then the whole history replayed into a "
                    + "separate copy of the projections and every row compared, as GET /api/audit/verify. scope "
                    + "'since-last': the chain since the last verified point only (fast). Answers 202 at once with the "
                    + "job and its URL (Location); GET it from any node for its phase, progress and findings. One job "
                    + "runs at a time on a node: another is refused with 409 verification-running.")
    public ResponseEntity<Verifications.Job> startVerification(
            @org.springframework.web.bind.annotation.RequestBody(required = false) VerificationRequest request,
            java.security.Principal who) {
        Verifications.Job job = verifications.start(request == null ? null : request.scope(), who.getName());
        return ResponseEntity.accepted().location(java.net.URI.create(job.url())).body(job);
    }

    @GetMapping("/verifications")
    @Operation(summary = "The latest verifications, newest first (at most 50)")
    public List<Verifications.Job> verificationJobs() {
        return verifications.latest();
    }

    @GetMapping("/verifications/{id}")
    @Operation(summary = "A verification: its state (running, done, failed, abandoned), phase and progress, findings")
    public Verifications.Job verification(@org.springframework.web.bind.annotation.PathVariable String id) {
        return verifications.find(id).orElseThrow(() -> RuleViolation.notFound("id", "unknown-verification",
                "no verification has the id '" + (id.length() > 40 ? id.substring(0, 40) + "…" : id) + "'"));
    }
}
