package cn.cq.fundledger.system;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The event store: Axon's JDBC storage engine on the ledger's own tables (schema in db/migration), with
 * appends serialised ({@link SerialAppendStorageEngine}) so that gaps in the positions are always final and
 * never tracked, reading events for processors and replays {@code fundledger.event-store.batch-size} at a
 * time (Axon's default of 100 makes every projection do ten times the round trips).
 */
@Configuration
public class EventStoreConfiguration {

    @Bean
    public EventStorageEngine eventStorageEngine(Serializer defaultSerializer,
                                                 PersistenceExceptionResolver persistenceExceptionResolver,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 org.axonframework.config.Configuration configuration,
                                                 ConnectionProvider connectionProvider,
                                                 TransactionManager transactionManager,
                                                 @Value("${fundledger.event-store.batch-size:1000}") int batchSize) {
        JdbcEventStorageEngine.Builder builder = JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(new EventSchema())
                .batchSize(batchSize)
                // appends are serialised (SerialAppendStorageEngine): every gap is final, none is tracked
                .gapTimeout(1)
                .maxGapOffset(1)
                .gapCleaningThreshold(1);
        return new SerialAppendStorageEngine(builder, transactionManager);
    }
}
