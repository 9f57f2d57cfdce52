package cn.cq.fundledger.audit.web;

import cn.cq.fundledger.audit.EventChain;
import cn.cq.fundledger.audit.ProjectionCheck;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
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

    public AuditController(EventChain chain, ProjectionCheck projections) {
        this.chain = chain;
        this.projections = projections;
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
}
