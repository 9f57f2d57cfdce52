package cn.cq.fundledger.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Positions become visible out of order when transactions commit out of order: the chain waits at a gap instead
 * of sealing past it (which would later call the late event "slipped in"), and seals across a gap only once it
 * has stayed empty for the timeout.
 */
class EventChainGapTest {

    private JdbcDataSource dataSource;
    private JdbcTemplate jdbc;
    private TransactionTemplate transactions;
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @BeforeEach
    void store() {
        dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/common", "classpath:db/migration/h2")
                .load().migrate();
        jdbc = new JdbcTemplate(dataSource);
        transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    private EventChain chain() {
        Clock clock = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        };
        return new EventChain(jdbc, transactions, Duration.ofSeconds(60), clock);
    }

    private void event(long position) {
        jdbc.update("INSERT INTO DomainEventEntry (globalIndex, aggregateIdentifier, sequenceNumber, type, "
                        + "eventIdentifier, metaData, payload, payloadType, timeStamp) VALUES (?,?,?,?,?,?,?,?,?)",
                position, "agg", position, "Test", "event-" + position, "{}".getBytes(StandardCharsets.UTF_8),
                ("{\"n\":" + position + "}").getBytes(StandardCharsets.UTF_8), "Test", now.toString());
    }

    /** An appending transaction under way elsewhere: it holds the append lock, as every append does. */
    private java.sql.Connection appendUnderWay() throws java.sql.SQLException {
        java.sql.Connection appender = dataSource.getConnection();
        appender.setAutoCommit(false);
        appender.createStatement().executeQuery("SELECT id FROM event_append_lock WHERE id = 1 FOR UPDATE").next();
        return appender;
    }

    @Test
    void whileAnAppendIsUnderWayTheChainWaitsAtAGapUntilTheEarlierEventIsCommitted() throws Exception {
        EventChain chain = chain();
        event(1);
        event(2);
        try (java.sql.Connection appender = appendUnderWay()) {
            event(4); // 3 is still being committed (as the serialised appends allow only after a crash or by hand)
            assertThat(chain.seal()).isEqualTo(2);
            now = now.plusSeconds(30);
            assertThat(chain.seal()).isZero();
            event(3);
            appender.rollback();
        }
        assertThat(chain.seal()).isEqualTo(2);
        EventChain.ChainCheck check = chain.verify();
        assertThat(check.valid()).isTrue();
        assertThat(check.sealed()).isEqualTo(4);
    }

    @Test
    void aGapThatStaysEmptyIsSealedAcrossAndAnEventAppearingInItLaterIsFlagged() throws Exception {
        EventChain chain = chain();
        event(1);
        try (java.sql.Connection appender = appendUnderWay()) {
            event(3); // 2 rolled back, or still committing: the chain cannot tell while an append is under way
            assertThat(chain.seal()).isEqualTo(1);
            now = now.plusSeconds(61);
            assertThat(chain.seal()).isEqualTo(1);
            appender.rollback();
        }
        assertThat(chain.verify().valid()).isTrue();

        event(2);
        EventChain.ChainCheck check = chain.verify();
        assertThat(check.valid()).isFalse();
        assertThat(check.firstBroken().position()).isEqualTo(2);
        assertThat(check.firstBroken().reason()).contains("appeared inside the already sealed history");
    }

    @Test
    void anEmptyChainWaitsForTheFirstPositionToo() throws Exception {
        EventChain chain = chain();
        try (java.sql.Connection appender = appendUnderWay()) {
            event(2); // 1 is still being committed
            assertThat(chain.seal()).isZero();
            event(1);
            appender.rollback();
        }
        assertThat(chain.seal()).isEqualTo(2);
        assertThat(chain.verify().valid()).isTrue();
    }

    @Test
    void whenNoAppendIsUnderWayEveryGapIsFinalAndSealedAcrossAtOnce() {
        EventChain chain = chain();
        event(1);
        event(7002); // a crashed import's positions 2..7001 will never be committed
        event(7003);
        assertThat(chain.seal()).isEqualTo(3);
        EventChain.ChainCheck check = chain.verify();
        assertThat(check.valid()).isTrue();
        assertThat(check.sealed()).isEqualTo(3);
    }
}
