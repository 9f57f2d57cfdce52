package cn.cq.fundledger.system;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code projections} in {@code /actuator/health}: DOWN while a processor is halted on an event it cannot take in
 * (so the whole ledger reports DOWN), with, per processor and segment, the position, the error state, the error
 * (abbreviated) and since when. The details are shown to ADMIN and AUDITOR only
 * ({@code management.endpoint.health.show-details}); anyone sees the status. Not part of the liveness or
 * readiness probes: a restart or another node would meet the same event.
 */
@Component
public class ProjectionsHealthIndicator implements HealthIndicator {

    private final ProjectionMonitor monitor;

    public ProjectionsHealthIndicator(ProjectionMonitor monitor) {
        this.monitor = monitor;
    }

    @Override
    public Health health() {
        ProjectionMonitor.Overview overview = monitor.overview();
        Health.Builder health = overview.halted() ? Health.down() : Health.up();
        health.withDetail("head", overview.head());
        for (ProjectionMonitor.Processor processor : overview.processors()) {
            Map<String, Object> segments = new LinkedHashMap<>();
            for (ProjectionMonitor.Segment segment : processor.segments()) {
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("position", segment.position());
                details.put("errorState", segment.errorState());
                if (segment.errorState()) {
                    details.put("error", segment.error());
                    details.put("since", segment.since());
                }
                segments.put(Integer.toString(segment.segment()), details);
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("status", processor.halted() ? "HALTED" : processor.running() ? "RUNNING" : "STOPPED");
            if (processor.halted() && processor.lastError() != null) {
                details.put("eventPosition", processor.lastError().eventPosition());
                details.put("eventType", processor.lastError().eventType());
                details.put("attempts", processor.lastError().attempts());
            }
            details.put("segments", segments);
            health.withDetail(processor.processor(), details);
        }
        return health.build();
    }
}
