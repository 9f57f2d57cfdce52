package cn.cq.fundledger.credit.whatif;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The what-if scenarios finance staff saved under a name (table {@code what_if_scenario}): the request body as
 * JSON, who saved it and when. Saving under a taken name replaces the scenario. Not a fact of the ledger: no event,
 * no read model.
 */
@Component
public class SavedScenarios {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public SavedScenarios(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A saved scenario: its name, the request body (JSON), who saved it and when. */
    public record Saved(String name, String body, String savedBy, Instant savedAt) {
    }

    private static final RowMapper<Saved> ROW = (rs, i) -> new Saved(rs.getString(1), rs.getString(2),
            rs.getString(3), rs.getTimestamp(4).toInstant());

    /** Saves (or replaces) a scenario; true when the name was new. */
    @Transactional
    public boolean save(String name, String body, String savedBy) {
        Timestamp now = Timestamp.from(clock.instant());
        if (jdbc.update("UPDATE what_if_scenario SET body = ?, saved_by = ?, saved_at = ? WHERE name = ?", body,
                savedBy, now, name) > 0) {
            return false;
        }
        try {
            jdbc.update("INSERT INTO what_if_scenario (name, body, saved_by, saved_at) VALUES (?,?,?,?)", name, body,
                    savedBy, now);
            return true;
        } catch (DuplicateKeyException savedMeanwhile) {
            jdbc.update("UPDATE what_if_scenario SET body = ?, saved_by = ?, saved_at = ? WHERE name = ?", body,
                    savedBy, now, name);
            return false;
        }
    }

    public Optional<Saved> find(String name) {
        return jdbc.query("SELECT name, body, saved_by, saved_at FROM what_if_scenario WHERE name = ?", ROW, name)
                .stream().findFirst();
    }

    /** Every saved scenario, by name. */
    public List<Saved> all() {
        return jdbc.query("SELECT name, body, saved_by, saved_at FROM what_if_scenario ORDER BY name", ROW);
    }

    /** Deletes a saved scenario; true when there was one. */
    public boolean delete(String name) {
        return jdbc.update("DELETE FROM what_if_scenario WHERE name = ?", name) > 0;
    }
}
