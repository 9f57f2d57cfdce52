package cn.cq.fundledger.system;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

/**
 * A projection that cannot handle an event must not skip it: the error propagates, the processor's batch
 * rolls back, and the processor retries from its last token (with back-off) until the cause is fixed.
 * A ledger's figures are complete or visibly stuck, never silently short: every processor's failures are
 * recorded in {@link Halts} ({@link HaltWatch}), which the health check, the reads and the auditors' processor
 * view report.
 */
@Configuration
public class EventProcessingSetup {

    @Autowired
    public void configure(EventProcessingConfigurer configurer, Halts halts) {
        configurer.registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance());
        configurer.registerDefaultHandlerInterceptor((c, processor) -> new HaltWatch(processor, halts, c));
    }
}
