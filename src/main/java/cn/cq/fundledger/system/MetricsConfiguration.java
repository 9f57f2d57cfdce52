package cn.cq.fundledger.system;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.CapacityMonitor;
import org.axonframework.micrometer.EventProcessorLatencyMonitor;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.micrometer.MessageCountingMonitor;
import org.axonframework.micrometer.MessageTimerMonitor;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.MultiMessageMonitor;
import org.axonframework.queryhandling.QueryMessage;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon's Micrometer monitors for the command and query buses and every event processor, with one change: the
 * capacity of each (the share of time it was busy) is measured over the last {@value #CAPACITY_WINDOW_SECONDS}
 * seconds instead of Axon's ten minutes. Axon keeps one entry per message for its window, events a processor
 * ignores included: ten minutes of a replay at a few thousand events a second per processor is millions of
 * entries, hundreds of megabytes of a 512 MB heap and a collector that never rests (issue 14).
 */
@Configuration
public class MetricsConfiguration {

    static final long CAPACITY_WINDOW_SECONDS = 10;

    @Bean
    public static GlobalMetricRegistry globalMetricRegistry(MeterRegistry meterRegistry) {
        return new LedgerMetricRegistry(meterRegistry, Clock.SYSTEM);
    }

    /** Axon's registry with a short capacity window; everything else as Axon registers it. */
    static final class LedgerMetricRegistry extends GlobalMetricRegistry {

        private final MeterRegistry registry;
        private final Clock clock;

        LedgerMetricRegistry(MeterRegistry registry, Clock clock) {
            super(registry);
            this.registry = registry;
            this.clock = clock;
        }

        private CapacityMonitor capacity(String name, Function<Message<?>, Iterable<Tag>> tags) {
            return CapacityMonitor.buildMonitor(name, registry, CAPACITY_WINDOW_SECONDS, TimeUnit.SECONDS, clock, tags);
        }

        @Override
        public MessageMonitor<? super EventMessage<?>> registerEventProcessor(String eventProcessorName) {
            return registerEventProcessor(eventProcessorName, m -> List.of(), m -> List.of());
        }

        @Override
        public MessageMonitor<? super EventMessage<?>> registerEventProcessor(String name,
                Function<Message<?>, Iterable<Tag>> tags, Function<Message<?>, Iterable<Tag>> latencyTags) {
            return new MultiMessageMonitor<>(List.of(
                    MessageTimerMonitor.buildMonitor(name, registry, tags),
                    EventProcessorLatencyMonitor.builder().meterNamePrefix(name).meterRegistry(registry)
                            .tagsBuilder(latencyTags).build(),
                    capacity(name, tags),
                    MessageCountingMonitor.buildMonitor(name, registry, tags)));
        }

        @Override
        public MessageMonitor<? super CommandMessage<?>> registerCommandBus(String commandBusName) {
            return handlerMonitor(commandBusName, m -> List.of());
        }

        @Override
        public MessageMonitor<? super CommandMessage<?>> registerCommandBus(String commandBusName,
                                                                            Function<Message<?>, Iterable<Tag>> tags) {
            return handlerMonitor(commandBusName, tags);
        }

        @Override
        public MessageMonitor<? super QueryMessage<?, ?>> registerQueryBus(String queryBusName) {
            return handlerMonitor(queryBusName, m -> List.of());
        }

        @Override
        public MessageMonitor<? super QueryMessage<?, ?>> registerQueryBus(String queryBusName,
                                                                           Function<Message<?>, Iterable<Tag>> tags) {
            return handlerMonitor(queryBusName, tags);
        }

        private MessageMonitor<Message<?>> handlerMonitor(String name, Function<Message<?>, Iterable<Tag>> tags) {
            return new MultiMessageMonitor<>(MessageTimerMonitor.buildMonitor(name, registry, tags),
                    capacity(name, tags), MessageCountingMonitor.buildMonitor(name, registry, tags));
        }
    }
}
