package cn.cq.fundledger.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import cn.cq.fundledger.core.RuleViolation;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.CachingEventSourcingRepository;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.modelling.command.AggregateAnnotationCommandHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A refusal that changed nothing keeps the program's state in the cache (before: every refused command made the
 * next one rebuild the program from its whole history); a failure after an event was applied, or any other
 * failure, still drops it, since the state in memory may then differ from what is stored.
 */
class ProgramCacheTest {

    record Open(@TargetAggregateIdentifier String id) {
    }

    record Refuse(@TargetAggregateIdentifier String id) {
    }

    record ApplyThenRefuse(@TargetAggregateIdentifier String id) {
    }

    record Crash(@TargetAggregateIdentifier String id) {
    }

    record Opened(String id) {
    }

    record Counted(String id) {
    }

    static class Probe {
        @AggregateIdentifier
        String id;
        int counted;

        Probe() {
        }

        @CommandHandler
        Probe(Open command) {
            apply(new Opened(command.id()));
        }

        @CommandHandler
        void handle(Refuse command) {
            throw RuleViolation.refused("amount", "some-rule", "refused before anything was applied");
        }

        @CommandHandler
        void handle(ApplyThenRefuse command) {
            apply(new Counted(command.id()));
            throw RuleViolation.refused("amount", "some-rule", "refused after an event was applied");
        }

        @CommandHandler
        void handle(Crash command) {
            throw new IllegalStateException("not a refusal");
        }

        @EventSourcingHandler
        void on(Opened event) {
            id = event.id();
        }

        @EventSourcingHandler
        void on(Counted event) {
            counted++;
        }
    }

    ProgramCache cache;
    CommandGateway commands;

    @BeforeEach
    void setUp() {
        cache = new ProgramCache();
        EmbeddedEventStore store = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        CachingEventSourcingRepository<Probe> repository = CachingEventSourcingRepository.builder(Probe.class)
                .eventStore(store).cache(cache).build();
        SimpleCommandBus bus = SimpleCommandBus.builder().build();
        AggregateAnnotationCommandHandler.<Probe>builder().aggregateType(Probe.class).repository(repository).build()
                .subscribe(bus);
        commands = DefaultCommandGateway.builder().commandBus(bus).build();
        commands.sendAndWait(new Open("P"));
        assertThat(cache.containsKey("P")).isTrue();
    }

    @Test
    void aRefusalThatAppliedNothingKeepsTheState() {
        assertThatThrownBy(() -> commands.sendAndWait(new Refuse("P"))).isInstanceOf(RuleViolation.class);
        assertThat(cache.containsKey("P")).isTrue();
    }

    @Test
    void aRefusalAfterAnEventWasAppliedDropsTheState() {
        assertThatThrownBy(() -> commands.sendAndWait(new ApplyThenRefuse("P"))).isInstanceOf(RuleViolation.class);
        assertThat(cache.containsKey("P")).isFalse();
    }

    @Test
    void anyOtherFailureDropsTheState() {
        assertThatThrownBy(() -> commands.sendAndWait(new Crash("P"))).isInstanceOf(IllegalStateException.class);
        assertThat(cache.containsKey("P")).isFalse();
    }

    @Test
    void removalsOutsideARollbackAlwaysDrop() {
        assertThat(cache.remove("P")).isTrue();
        assertThat(cache.containsKey("P")).isFalse();
    }
}
