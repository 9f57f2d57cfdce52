package cn.cq.fundledger.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.BatchUpdateException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** A row the database refuses fails its batch with a {@link ProjectionFailure} naming the event of that row. */
class ProjectionWriterTest {

    private JdbcTemplate jdbc;
    private ProjectionWriter writer;

    @BeforeEach
    void table() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("CREATE TABLE loan (loan_id VARCHAR(8) NOT NULL)");
        writer = new ProjectionWriter(jdbc);
    }

    @Test
    void theEventWhoseRowIsRefusedIsNamed() {
        List<TrackedEventMessage<?>> batch = List.of(event(3, "L1"), event(4, "L".repeat(100)), event(5, "L3"));

        ResultMessage<?> result = process(batch);

        assertThat(result.isExceptional()).isTrue();
        assertThat(result.exceptionResult()).isInstanceOf(ProjectionFailure.class);
        ProjectionFailure failure = (ProjectionFailure) result.exceptionResult();
        assertThat(failure.event().position()).isEqualTo(4L);
        assertThat(failure.event().eventId()).isEqualTo(batch.get(1).getIdentifier());
        assertThat(failure.event().eventType()).isEqualTo("String");
        assertThat(failure.getMessage()).startsWith("event 4 (String " + batch.get(1).getIdentifier() + ")")
                .contains("Value too long");
    }

    @Test
    void aBatchThatFitsIsWrittenAtCommit() {
        ResultMessage<?> result = process(List.of(event(3, "L1"), event(4, "L2")));

        assertThat(result.isExceptional()).isFalse();
        assertThat(jdbc.queryForList("SELECT loan_id FROM loan", String.class)).containsExactly("L1", "L2");
    }

    @Test
    void theRefusedRowIsReadFromTheUpdateCountsOfEitherKindOfDriver() {
        int failed = Statement.EXECUTE_FAILED;
        // a driver that goes on after a failure (H2) marks the row; one that stops (PostgreSQL) counts those before
        assertThat(ProjectionWriter.failedRow(new BatchUpdateException(new int[]{1, failed, 1}), 3)).isEqualTo(1);
        assertThat(ProjectionWriter.failedRow(new BatchUpdateException(new int[]{1, 1}), 3)).isEqualTo(2);
        assertThat(ProjectionWriter.failedRow(new RuntimeException(new BatchUpdateException(new int[]{failed}, null)), 3))
                .isZero();
        // without counts: the only row of a batch of one, else not known
        assertThat(ProjectionWriter.failedRow(new RuntimeException("no counts"), 1)).isZero();
        assertThat(ProjectionWriter.failedRow(new RuntimeException("no counts"), 2)).isEqualTo(-1);
        assertThat(ProjectionWriter.failedRow(new BatchUpdateException(new int[]{1, 1, 1}), 3)).isEqualTo(-1);
    }

    /**
     * Handles the events as a processor's batch does: one unit of work, the rows written when it commits (without
     * the processor's transaction, which would roll back the rows of a failed batch).
     */
    private ResultMessage<?> process(List<TrackedEventMessage<?>> batch) {
        BatchingUnitOfWork<TrackedEventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(batch);
        return unitOfWork.executeWithResult(() -> {
            String loanId = (String) CurrentUnitOfWork.get().getMessage().getPayload();
            writer.insert("INSERT INTO loan (loan_id) VALUES (?)", loanId);
            return null;
        });
    }

    private static TrackedEventMessage<?> event(long position, String loanId) {
        return new GenericTrackedEventMessage<>(new GlobalSequenceTrackingToken(position),
                GenericEventMessage.asEventMessage(loanId));
    }
}
