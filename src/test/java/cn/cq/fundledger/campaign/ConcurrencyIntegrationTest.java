package cn.cq.fundledger.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import cn.cq.fundledger.support.EventStoreProbe;
import cn.cq.fundledger.support.LedgerApi.Answer;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Eight callers at once, each sending a command that only some of them can have: the program's rules hold exactly
 * (so many recorded, the others refused by the rule, none lost to a conflict or a failure), the published figures
 * keep their invariants, and a replay of the history rebuilds the very same figures.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.datasource.url=jdbc:h2:mem:campaign-concurrency;DB_CLOSE_DELAY=-1",
                "fundledger.reference-data.load=false"})
@Import(CheapPasswords.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConcurrencyIntegrationTest {

    private static final int CALLERS = 8;
    private static final long WAN = 10_000_00L;

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;

    Wire wire;
    EventStoreProbe store;
    ExecutorService callers;

    @BeforeAll
    void setUp() {
        wire = new Wire(http);
        store = new EventStoreProbe(jdbc);
        callers = Executors.newFixedThreadPool(CALLERS);
        ok("admin", "/api/credit/risk-sharing", Map.of("effectiveFrom", "2017-01-01", "fundSharePct", "80"));
    }

    @AfterAll
    void tearDown() {
        callers.shutdownNow();
    }

    @Test
    void eightLoansOfOneMillionOnAThreeMillionLine() {
        ok("operator", "/api/credit/banks", Map.of("bankId", "CB1", "name", "重庆银行"));
        ok("operator", "/api/credit/evaluations", Map.of("enterpriseId", "CE1", "enterpriseName", "重庆某科技有限公司",
                "district", "江北区", "grade", "C", "evaluatedOn", "2024-01-10"));
        long before = store.count();

        List<Answer> answers = atOnce(i -> () -> wire.postJson("operator", "/api/credit/loans", Map.of(
                "loanId", "CL-" + i, "bankId", "CB1", "enterpriseId", "CE1", "district", "江北区", "principal", "100万",
                "annualRatePct", "3.65", "termMonths", "12", "issuedOn", "2024-03-01")));

        assertExactly(answers, 3, "principal", "credit-line-exceeded");
        assertThat(store.count()).as("one LoanIssued event per loan recorded").isEqualTo(before + 3);
        JsonNode totals = totals("2024-12-31");
        assertThat(totals.at("/creditLoans/loans").asLong()).isEqualTo(3);
        assertThat(totals.at("/creditLoans/enterprises").asLong()).isEqualTo(1);
        assertThat(totals.at("/creditLoans/issuedFen").asLong()).isEqualTo(300 * WAN);
        assertThat(totals.at("/creditLoans/outstandingFen").asLong()).as("within the grade C line of 300万")
                .isEqualTo(300 * WAN);
        int recorded = 0;
        for (int i = 1; i <= CALLERS; i++) {
            Answer loan = wire.get("finance", "/api/credit/loans/CL-" + i + "?asOf=2024-12-31");
            assertThat(loan.status()).isIn(200, 404);
            recorded += loan.status() == 200 ? 1 : 0;
        }
        assertThat(recorded).as("loans the ledger shows").isEqualTo(3);
        replayRebuildsTheSameFigures();
    }

    @Test
    void eightClaimsOnOnePoolArePaidOldestFirst() {
        String district = "沙坪坝区";
        ok("operator", "/api/credit/pool-contributions", Map.of("contributionId", "PC-1", "district", district,
                "source", "city", "amount", "24万", "contributedOn", "2024-01-15"));
        ok("operator", "/api/credit/banks", Map.of("bankId", "PB1", "name", "重庆农村商业银行"));
        for (int i = 1; i <= CALLERS; i++) {
            ok("operator", "/api/credit/evaluations", Map.of("enterpriseId", "PE-" + i, "enterpriseName", "企业" + i,
                    "district", district, "grade", "E", "evaluatedOn", "2024-01-10"));
            ok("operator", "/api/credit/loans", Map.of("loanId", "PL-" + i, "bankId", "PB1", "enterpriseId", "PE-" + i,
                    "district", district, "principal", "10万", "annualRatePct", "3.65", "termMonths", "12",
                    "issuedOn", "2024-03-01"));
        }
        for (int i = 1; i <= CALLERS; i++) {
            ok("operator", "/api/credit/loans/PL-" + i + "/default", Map.of("overdueSince", "2024-05-01",
                    "declaredOn", "2024-06-01"));
        }

        // each claim asks for the fund's 80% of 10万: 8万; the pool holds 24万
        List<Answer> answers = atOnce(i -> () -> wire.postJson("operator", "/api/credit/loans/PL-" + i + "/claims",
                Map.of("claimId", "PK-" + i, "claimedOn", "2024-07-01")));

        assertThat(answers).as("a claim is never refused for want of money: it waits")
                .allSatisfy(a -> assertThat(a.status()).as(a.body()).isEqualTo(201));
        List<String> recordedOrder = claimsInRecordedOrder();
        assertThat(recordedOrder).as("each claim recorded once").hasSize(CALLERS).doesNotHaveDuplicates();
        poolHolds(district, 0, 24 * WAN, 40 * WAN, recordedOrder.subList(0, 3));

        // 16万 more: the two oldest waiting claims are paid, in the order they were recorded
        ok("operator", "/api/credit/pool-contributions", Map.of("contributionId", "PC-2", "district", district,
                "source", "district", "amount", "16万", "contributedOn", "2024-08-01"));
        poolHolds(district, 0, 40 * WAN, 24 * WAN, recordedOrder.subList(0, 5));
        replayRebuildsTheSameFigures();
    }

    @Test
    void eightSeedInvestmentsForTheFundsLastMillion() {
        ok("operator", "/api/seed/funds", Map.of("fundId", "CSF1", "name", "璧山种子基金", "partner", "璧山区",
                "citySharePct", "40", "committed", "100万", "establishedOn", "2019-01-01"));
        long invested = seedInvested();

        List<Answer> answers = atOnce(i -> () -> wire.postJson("operator", "/api/seed/investments", Map.of(
                "investmentId", "CSI-" + i, "fundId", "CSF1", "projectId", "CSP-" + i, "enterpriseName", "项目公司" + i,
                "instrument", "equity", "amount", "30万", "equityPct", "5", "investedOn", "2020-03-01")));

        assertExactly(answers, 3, "amount", "commitment-exceeded");
        JsonNode fund = wire.get("finance", "/api/seed/funds/CSF1?asOf=2020-12-31").json();
        assertThat(fund.get("investedFen").asLong()).isEqualTo(90 * WAN);
        assertThat(fund.get("investedFen").asLong()).as("within the commitment")
                .isLessThanOrEqualTo(fund.get("committedFen").asLong());
        assertThat(fund.get("projects").asLong()).isEqualTo(3);
        assertThat(seedInvested() - invested).isEqualTo(90 * WAN);
        replayRebuildsTheSameFigures();
    }

    @Test
    void eightSeedInvestmentsInOneProjectUnderItsCap() {
        ok("operator", "/api/seed/funds", Map.of("fundId", "CSF2", "name", "南川种子基金", "partner", "南川区",
                "citySharePct", "40", "committed", "1000万", "establishedOn", "2019-01-01"));
        long invested = seedInvested();

        // the cap in force on 2020-03-01 is 80万 a project
        List<Answer> answers = atOnce(i -> () -> wire.postJson("operator", "/api/seed/investments", Map.of(
                "investmentId", "CSQ-" + i, "fundId", "CSF2", "projectId", "CSP-X", "enterpriseName", "项目公司X",
                "instrument", "loan", "amount", "30万", "investedOn", "2020-03-01")));

        assertExactly(answers, 2, "amount", "project-cap-exceeded");
        JsonNode project = wire.get("finance", "/api/seed/projects/CSP-X?asOf=2020-12-31").json();
        assertThat(project.get("investedFen").asLong()).isEqualTo(60 * WAN);
        assertThat(project.get("investedFen").asLong()).as("within the cap")
                .isLessThanOrEqualTo(project.get("capInForceFen").asLong());
        assertThat(seedInvested() - invested).isEqualTo(60 * WAN);
        replayRebuildsTheSameFigures();
    }

    @Test
    void eightDealsForTheCapitalCalled() {
        ok("operator", "/api/equity/commitments", Map.of("fundId", "CEF1", "fundName", "成果转化基金",
                "partner", "市引导基金", "committedYuan", "1亿", "committedOn", "2019-01-01"));
        ok("operator", "/api/equity/funds/CEF1/calls", Map.of("callId", "CEC-1", "amountYuan", "1000万",
                "calledOn", "2019-02-01"));

        List<Answer> answers = atOnce(i -> () -> wire.postJson("operator", "/api/equity/deals", Map.of(
                "dealId", "CED-" + i, "fundId", "CEF1", "projectId", "CEP-" + i, "company", "公司" + i,
                "amountYuan", "300万", "stakePct", "10", "closedOn", "2019-03-01")));

        assertExactly(answers, 3, "amountYuan", "deal-exceeds-called-capital");
        JsonNode fund = wire.get("finance", "/api/reports/equity/funds/CEF1?asOf=2019-12-31").json();
        assertThat(fund.get("investedFen").asLong()).isEqualTo(900 * WAN);
        assertThat(fund.get("investedFen").asLong()).as("within the capital called")
                .isLessThanOrEqualTo(fund.get("calledFen").asLong());
        assertThat(fund.get("deals").asLong()).isEqualTo(3);
        JsonNode totals = totals("2019-12-31");
        assertThat(totals.at("/equityFund/investedFen").asLong()).isEqualTo(900 * WAN);
        assertThat(totals.at("/equityFund/projects").asLong()).isEqualTo(3);
        replayRebuildsTheSameFigures();
    }

    // ------------------------------------------------------------------ helpers

    /** Sends the eight commands at once: every caller waits at a barrier until all are ready, then sends. */
    private List<Answer> atOnce(IntFunction<java.util.function.Supplier<Answer>> command) {
        CyclicBarrier ready = new CyclicBarrier(CALLERS);
        List<Future<Answer>> futures = new ArrayList<>();
        for (int i = 1; i <= CALLERS; i++) {
            java.util.function.Supplier<Answer> send = command.apply(i);
            futures.add(callers.submit(() -> {
                ready.await(30, TimeUnit.SECONDS);
                return send.get();
            }));
        }
        List<Answer> answers = new ArrayList<>();
        for (Future<Answer> future : futures) {
            try {
                answers.add(future.get(60, TimeUnit.SECONDS));
            } catch (Exception e) {
                throw new AssertionError("a caller did not get an answer", e);
            }
        }
        return answers;
    }

    /** {@code recorded} answers 201; every other one is refused by {@code rule}, naming {@code field}. */
    private static void assertExactly(List<Answer> answers, int recorded, String field, String rule) {
        List<Integer> statuses = answers.stream().map(Answer::status).toList();
        assertThat(statuses).as("no conflict, no failure: %s", statuses).containsOnly(201, 422);
        assertThat(statuses.stream().filter(s -> s == 201).count()).as("recorded").isEqualTo(recorded);
        answers.stream().filter(a -> a.status() == 422).forEach(a ->
                Problems.names(Problems.problem(a, 422), field, java.util.Set.of(rule)));
    }

    private List<String> claimsInRecordedOrder() {
        JsonNode page = wire.get("auditor", "/api/audit/events?type=CompensationClaimed&size=100").json();
        List<String> order = new ArrayList<>();
        List<Long> positions = new ArrayList<>();
        page.get("events").forEach(e -> {
            order.add(e.at("/payload/claimId").asText());
            positions.add(e.get("position").asLong());
        });
        assertThat(positions).as("events listed in the order recorded").isSorted();
        return order;
    }

    /** The pool's figures, its claims each once, and exactly {@code paid} paid. */
    private void poolHolds(String district, long balance, long compensated, long waiting, List<String> paid) {
        JsonNode pool = null;
        for (JsonNode p : wire.get("finance", "/api/credit/pools?asOf=2024-12-31").json()) {
            if (p.get("district").asText().equals(district)) {
                pool = p;
            }
        }
        assertThat(pool).as("the %s pool", district).isNotNull();
        assertThat(pool.get("balanceFen").asLong()).as("balance").isEqualTo(balance).isNotNegative();
        assertThat(pool.get("compensatedFen").asLong()).as("paid").isEqualTo(compensated);
        assertThat(pool.get("waitingClaimsFen").asLong()).as("waiting").isEqualTo(waiting);
        assertThat(pool.get("compensatedFen").asLong() + pool.get("waitingClaimsFen").asLong())
                .as("paid + waiting = claimed").isEqualTo(CALLERS * 8 * WAN);
        assertThat(pool.get("contributedFen").asLong() - pool.get("compensatedFen").asLong()
                + pool.get("recoveredFen").asLong()).as("balance = contributed - paid + recovered").isEqualTo(balance);
        JsonNode claims = wire.get("finance", "/api/credit/pools/" + org.springframework.web.util.UriUtils
                .encodePathSegment(district, java.nio.charset.StandardCharsets.UTF_8) + "/claims?asOf=2024-12-31").json();
        List<String> ids = new ArrayList<>();
        List<String> paidIds = new ArrayList<>();
        claims.forEach(c -> {
            ids.add(c.get("claimId").asText());
            if (!c.get("paidOn").isNull()) {
                paidIds.add(c.get("claimId").asText());
            }
        });
        assertThat(ids).as("each claim once").hasSize(CALLERS).doesNotHaveDuplicates();
        assertThat(paidIds).as("the oldest claims are the ones paid").containsExactlyInAnyOrderElementsOf(paid);
    }

    private long seedInvested() {
        return totals("2020-12-31").at("/seedFund/investedFen").asLong();
    }

    private JsonNode totals(String asOf) {
        Answer answer = wire.get("finance", "/api/totals?asOf=" + asOf);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.headers().getFirst("X-Ledger-Consistent")).isEqualTo("true");
        return answer.json();
    }

    /**
     * Every figure this class reads, before and after a replay of the whole history, must be the same; and the
     * auditors' verification (the hash chain, and the projections rebuilt into a fresh copy) must pass.
     */
    private void replayRebuildsTheSameFigures() {
        Map<String, String> before = figures();
        Answer started = wire.post("auditor", "/api/audit/replay", "application/json", "{}".getBytes());
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            JsonNode progress = wire.get("auditor", "/api/audit/replay").json();
            return !progress.get("replaying").asBoolean()
                    && progress.get("done").asLong() == progress.get("total").asLong();
        });
        assertThat(figures()).isEqualTo(before);
        JsonNode verification = wire.get("auditor", "/api/audit/verify").json();
        assertThat(verification.get("chainValid").asBoolean()).as(verification.toString()).isTrue();
        assertThat(verification.get("projectionsMatch").asBoolean()).as(verification.toString()).isTrue();
    }

    private Map<String, String> figures() {
        Map<String, String> figures = new LinkedHashMap<>();
        for (String path : List.of("/api/totals?asOf=2024-12-31", "/api/credit/pools?asOf=2024-12-31",
                "/api/reports/credit/pools?asOf=2024-12-31", "/api/reports/credit/portfolio/district?asOf=2024-12-31",
                "/api/reports/credit/loan-book?asOf=2024-12-31&size=1000", "/api/reports/seed/portfolio/fund?asOf=2024-12-31",
                "/api/reports/equity/funds?asOf=2024-12-31", "/api/reports/equity/deals?asOf=2024-12-31")) {
            Answer answer = wire.get("auditor", path);
            assertThat(answer.status()).as(path + ": " + answer.body()).isEqualTo(200);
            figures.put(path, answer.body());
        }
        return figures;
    }

    private void ok(String user, String path, Map<String, ?> body) {
        Answer answer = wire.postJson(user, path, body);
        assertThat(answer.status()).as(path + " " + body + ": " + answer.body()).isIn(200, 201);
    }
}
