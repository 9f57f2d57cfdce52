package cn.cq.fundledger.support;

import org.springframework.jdbc.core.JdbcTemplate;

/** Looks straight into the event store, as an auditor's SQL would. */
public final class EventStoreProbe {

    private final JdbcTemplate jdbc;

    public EventStoreProbe(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public long count() {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry", Long.class);
        return n == null ? 0 : n;
    }
}
