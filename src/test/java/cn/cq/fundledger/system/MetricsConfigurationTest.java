package cn.cq.fundledger.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.monitoring.MessageMonitor;
import org.junit.jupiter.api.Test;

/** A processor's capacity is the share of the last ten seconds it was busy: older work is forgotten. */
class MetricsConfigurationTest {

    @Test
    void capacityIsMeasuredOverTheLastTenSeconds() {
        MockClock clock = new MockClock();
        SimpleMeterRegistry meters = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
        MetricsConfiguration.LedgerMetricRegistry registry =
                new MetricsConfiguration.LedgerMetricRegistry(meters, clock);
        @SuppressWarnings("unchecked")
        MessageMonitor<EventMessage<?>> monitor = (MessageMonitor<EventMessage<?>>) registry
                .registerEventProcessor("credit-ledger");

        MessageMonitor.MonitorCallback handling = monitor.onMessageIngested(GenericEventMessage.asEventMessage("e"));
        clock.add(5, TimeUnit.SECONDS);
        handling.reportSuccess();
        assertThat(meters.get("credit-ledger.capacity").gauge().value()).isEqualTo(0.5);
        assertThat(meters.get("credit-ledger.successCounter").counter().count()).isEqualTo(1);

        clock.add(11, TimeUnit.SECONDS);
        assertThat(meters.get("credit-ledger.capacity").gauge().value()).as("ten seconds later, forgotten")
                .isZero();
    }
}
