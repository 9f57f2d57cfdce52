package cn.cq.fundledger.credit.query;

import static org.assertj.core.api.Assertions.assertThat;

import cn.cq.fundledger.core.Money;
import cn.cq.fundledger.core.Ratio;
import cn.cq.fundledger.credit.api.CompensationClaimed;
import cn.cq.fundledger.credit.api.CompensationPaid;
import cn.cq.fundledger.credit.api.Grade;
import cn.cq.fundledger.credit.api.GuidedLoanRecorded;
import cn.cq.fundledger.credit.api.LoanDefaulted;
import cn.cq.fundledger.credit.api.LoanIssued;
import cn.cq.fundledger.credit.api.LoanRepaid;
import cn.cq.fundledger.credit.api.PoolContributionReceived;
import cn.cq.fundledger.credit.api.PoolSource;
import cn.cq.fundledger.credit.api.RecoveryRecorded;
import cn.cq.fundledger.system.ProjectionWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The credit projection called handler by handler (no Spring, no Axon processor): each event's effect on
 * the figures, as of the business dates around it.
 */
class CreditLedgerProjectionTest {

    private static final long WAN = 1_000_000L;
    private static final Instant RECORDED = Instant.parse("2024-05-01T08:00:00Z");

    private CreditLedgerProjection projection;
    private CreditQueries queries;
    private JdbcTemplate jdbc;

    @BeforeEach
    void freshSchema() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/common", "classpath:db/migration/h2")
                .load().migrate();
        jdbc = new JdbcTemplate(dataSource);
        projection = new CreditLedgerProjection(new ProjectionWriter(jdbc), jdbc);
        queries = new CreditQueries(jdbc);
    }

    @Test
    void aLoanIsIssuedOutstandingAndRepaidOnItsBusinessDates() {
        LoanIssued loan = loan("L1", "E1", 300);
        projection.on(loan, message(loan), RECORDED);
        LoanRepaid repaid = new LoanRepaid("R1", "L1", "B1", "渝北区", Money.ofFen(100 * WAN), Money.ofFen(5 * WAN),
                date("2023-06-01"), Money.ofFen(200 * WAN));
        projection.on(repaid, message(repaid), RECORDED);

        assertThat(queries.totals(date("2023-01-31")).loans()).isZero();
        CreditFigures feb = queries.totals(date("2023-02-01"));
        assertThat(feb.loans()).isEqualTo(1);
        assertThat(feb.enterprises()).isEqualTo(1);
        assertThat(feb.issued()).isEqualTo(300 * WAN);
        assertThat(feb.outstanding()).isEqualTo(300 * WAN);
        CreditFigures june = queries.totals(date("2023-06-01"));
        assertThat(june.outstanding()).isEqualTo(200 * WAN);
        assertThat(june.interest()).isEqualTo(5 * WAN);
    }

    @Test
    void enterprisesAreCountedOnceAndLoansEveryTime() {
        for (String id : new String[]{"L1", "L2"}) {
            LoanIssued loan = loan(id, "E1", 100);
            projection.on(loan, message(loan), RECORDED);
        }
        LoanIssued other = loan("L3", "E2", 100);
        projection.on(other, message(other), RECORDED);
        CreditFigures figures = queries.totals(date("2024-12-31"));
        assertThat(figures.loans()).isEqualTo(3);
        assertThat(figures.enterprises()).isEqualTo(2);
    }

    @Test
    void aDefaultMovesPrincipalFromOutstandingToDefaultedAndClaimsWaitUntilPaid() {
        LoanIssued loan = loan("L1", "E1", 100);
        projection.on(loan, message(loan), RECORDED);
        LoanDefaulted defaulted = new LoanDefaulted("L1", "B1", "E1", "渝北区", date("2023-08-01"), date("2023-09-01"),
                Money.ofFen(100 * WAN));
        projection.on(defaulted, message(defaulted), RECORDED);
        CompensationClaimed claimed = new CompensationClaimed("K1", "L1", "B1", "渝北区", date("2023-09-10"),
                Money.ofFen(100 * WAN), Ratio.ofBasisPoints(8000), Money.ofFen(80 * WAN), Money.ofFen(20 * WAN));
        projection.on(claimed, message(claimed), RECORDED);
        PoolContributionReceived contribution = new PoolContributionReceived("C1", "渝北区", PoolSource.CITY,
                Money.ofFen(90 * WAN), date("2023-10-01"));
        projection.on(contribution, message(contribution), RECORDED);
        CompensationPaid paid = new CompensationPaid("K1", "L1", "B1", "渝北区", Money.ofFen(80 * WAN),
                date("2023-10-01"), "C1");
        projection.on(paid, message(paid), RECORDED);
        RecoveryRecorded recovery = new RecoveryRecorded("V1", "L1", "B1", "渝北区", Money.ofFen(10 * WAN),
                Money.ofFen(8 * WAN), Money.ofFen(2 * WAN), date("2023-12-01"));
        projection.on(recovery, message(recovery), RECORDED);

        CreditFigures waiting = queries.totals(date("2023-09-30"));
        assertThat(waiting.outstanding()).isZero();
        assertThat(waiting.defaulted()).isEqualTo(100 * WAN);
        assertThat(waiting.waiting()).isEqualTo(80 * WAN);
        assertThat(waiting.compensated()).isZero();
        CreditFigures paidOff = queries.totals(date("2023-10-01"));
        assertThat(paidOff.waiting()).isZero();
        assertThat(paidOff.compensated()).isEqualTo(80 * WAN);
        assertThat(paidOff.poolBalance()).isEqualTo(10 * WAN);
        CreditFigures recovered = queries.totals(date("2023-12-01"));
        assertThat(recovered.recovered()).isEqualTo(10 * WAN);
        assertThat(recovered.poolRecovered()).isEqualTo(8 * WAN);
        assertThat(recovered.poolBalance()).isEqualTo(18 * WAN);
        assertThat(recovered.defaulted()).as("recoveries do not reduce the defaulted principal").isEqualTo(100 * WAN);
    }

    @Test
    void guidedLoansAreCountedApartFromKnowledgeValueLoans() {
        GuidedLoanRecorded guided = new GuidedLoanRecorded("G1", "B1", "E1", "渝北区", Money.ofFen(465 * WAN),
                date("2023-06-07"));
        projection.on(guided, message(guided), RECORDED);
        CreditFigures figures = queries.totals(date("2023-12-31"));
        assertThat(figures.guidedLoans()).isEqualTo(1);
        assertThat(figures.guided()).isEqualTo(465 * WAN);
        assertThat(figures.loans()).isZero();
        assertThat(figures.issued()).isZero();
    }

    @Test
    void theSameEventsGiveTheSameRowsAfterAReset() {
        LoanIssued loan = loan("L1", "E1", 100);
        EventMessage<?> message = message(loan);
        projection.on(loan, message, RECORDED);
        var before = jdbc.queryForList("SELECT * FROM credit_movement ORDER BY event_id");
        projection.reset();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM credit_movement", Long.class)).isZero();
        projection.on(loan, message, RECORDED);
        assertThat(jdbc.queryForList("SELECT * FROM credit_movement ORDER BY event_id")).isEqualTo(before);
    }

    private static LoanIssued loan(String id, String enterprise, long wan) {
        return new LoanIssued(id, "B1", enterprise, "渝北区", Money.ofFen(wan * WAN), Ratio.ofBasisPoints(365), 12,
                date("2023-02-01"), Grade.A, Ratio.ofBasisPoints(8000));
    }

    private static EventMessage<?> message(Object payload) {
        return GenericEventMessage.asEventMessage(payload);
    }

    private static LocalDate date(String text) {
        return LocalDate.parse(text);
    }
}
