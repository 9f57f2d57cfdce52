package cn.cq.fundledger.campaign;

import static cn.cq.fundledger.campaign.Catalogue.ABSENT;
import static org.assertj.core.api.Assertions.assertThat;

import cn.cq.fundledger.campaign.Catalogue.Case;
import cn.cq.fundledger.campaign.Catalogue.Either;
import cn.cq.fundledger.campaign.Catalogue.Expect;
import cn.cq.fundledger.campaign.Catalogue.Field;
import cn.cq.fundledger.campaign.Catalogue.Kind;
import cn.cq.fundledger.campaign.Catalogue.Refused;
import cn.cq.fundledger.campaign.Catalogue.Taken;
import cn.cq.fundledger.support.EventStoreProbe;
import cn.cq.fundledger.support.LedgerApi.Answer;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The bad-input catalogue (issue 11, build 5): the bad values of {@link Catalogue}, sent through every REST endpoint
 * that records something and every import kind. Each case must be refused with 4xx problem+json naming the culprit
 * (for an import: a row error naming the column and rule; the file answers 422), show none of the ledger's insides,
 * and write nothing; text that may be taken as it is (SQL, script, a JSON number) must otherwise be stored and answered
 * exactly as sent. The endpoints come from the request mappings: a POST endpoint the catalogue does not cover fails
 * {@link #everyPostEndpointIsInTheCatalogue()}, a kind of import or a column it does not cover fails
 * {@link #everyImportKindIsInTheCatalogue()}.
 *
 * <p>Every endpoint gets its template (which must be recorded: the control case), the body-level cases, an unknown
 * id in its path, and the basic cases of each field (missing, the kind's typical mistake, too long, a control
 * character; one field a JSON array or object). Every case of a kind of field ({@link Catalogue#deepCases}) is sent
 * once per program, to the first field of that kind; in imports, once per kind of column. A case that may be taken is
 * built on a fresh template (new ids, the facts it needs recorded first); a refusal uses fixed facts.
 *
 * <p>Written against the agreed contract, not all of it in main yet: the text limits and control characters
 * (core.Input), 413 for bodies beyond their bound, and all-or-nothing imports whatever the refused row. Those cases
 * fail until it lands; over-long text runs last ({@link #overLimitCatalogue()}). The ledger is
 * {@link CatalogueContext}'s.
 */
@CatalogueContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadInputCatalogueIntegrationTest {

    private static final String DISTRICT = "渝北区";
    private static final String LATIN_1_NAME = "Crédit Agricole";

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    Wire wire;
    EventStoreProbe store;
    final AtomicInteger ids = new AtomicInteger();

    // facts the templates stand on, recorded once
    String suspendedBank;
    String undefaultedLoan;
    String defaultedLoan;
    String staticGuidedLoan;
    String staticRound;
    String staticSeedInvestment;
    String staticEquityFund;
    String staticEquityDeal;
    String recoveredLoan;

    @BeforeAll
    void recordTheFactsTheTemplatesStandOn() {
        wire = new Wire(http);
        store = new EventStoreProbe(jdbc);
        // credit: one ratio, a bank, an enterprise of grade A (line 500万) with a loan, a pool, a compensated loan
        ok("admin", "/api/credit/risk-sharing", Map.of("effectiveFrom", "2017-01-01", "fundSharePct", "80"));
        ok("operator", "/api/credit/banks", Map.of("bankId", "B1", "name", "重庆银行"));
        evaluate("E1", "A");
        ok("operator", "/api/credit/pool-contributions", Map.of("contributionId", "C0", "district", DISTRICT,
                "source", "city", "amount", "100万", "contributedOn", "2024-01-15"));
        ok("operator", "/api/credit/loans", loan("L1", "B1", "E1", "50万"));
        String compensated = defaultedLoan();
        ok("operator", "/api/credit/loans/" + compensated + "/claims", Map.of("claimId", "K-" + compensated,
                "claimedOn", "2024-06-05"));
        ok("operator", "/api/credit/loans/" + compensated + "/recoveries", Map.of("recoveryId", "V0",
                "amount", "1", "recoveredOn", "2024-07-01"));
        recoveredLoan = compensated;
        undefaultedLoan = freshLoan();
        defaultedLoan = defaultedLoan();
        suspendedBank = bankOf(defaultedLoan);
        staticGuidedLoan = guidedLoan();
        // seed: a fund of 1亿 with an investment in project SP1
        ok("operator", "/api/seed/funds", Map.of("fundId", "SF1", "name", "两江种子基金", "partner", "两江新区",
                "citySharePct", "40", "committed", "1亿", "establishedOn", "2016-01-15"));
        staticSeedInvestment = seedInvestment();
        staticRound = round();
        // equity: a fund of 1亿, 5000万 called, a deal to mark, a deal exited for 2000万 to distribute
        ok("operator", "/api/equity/commitments", Map.of("fundId", "EF1", "fundName", "成果转化基金",
                "partner", "市引导基金", "committedYuan", "1亿", "committedOn", "2019-01-01"));
        ok("operator", "/api/equity/funds/EF1/calls", Map.of("callId", "EC1", "amountYuan", "5000万",
                "calledOn", "2019-02-01"));
        ok("operator", "/api/equity/deals", deal("ED1", "1000万"));
        ok("operator", "/api/equity/deals", deal("ED9", "1000万"));
        ok("operator", "/api/equity/deals/ED9/exits", Map.of("exitId", "EX9", "proceedsYuan", "2000万",
                "exitedOn", "2020-01-01"));
        staticEquityDeal = equityDeal();
        staticEquityFund = equityFund();
    }

    // ------------------------------------------------------------------ the endpoints and their templates

    /** A request the ledger would take, built fresh (new ids, facts it needs recorded first) or from fixed facts. */
    record Request(String path, Map<String, Object> body) {
    }

    /** An endpoint that records something: its pattern, the user allowed to call it, its fields, its template. */
    record Endpoint(String pattern, String user, List<Field> fields, Function<Boolean, Request> template) {
    }

    List<Endpoint> endpoints() {
        return List.of(
                // ---- credit
                new Endpoint("/api/credit/banks", "operator", List.of(Field.of("bankId", Kind.ID),
                        Field.of("name", Kind.NAME)),
                        fresh -> at("/api/credit/banks", "bankId", uid("B"), "name", "重庆农村商业银行")),
                new Endpoint("/api/credit/banks/{bankId}/reinstatement", "admin", List.of(
                        Field.of("reinstatedOn", Kind.DATE), Field.of("reason", Kind.REASON)),
                        fresh -> at("/api/credit/banks/" + (fresh ? bankOf(defaultedLoan()) : suspendedBank)
                                + "/reinstatement", "reinstatedOn", "2024-07-01", "reason", "复核后恢复")),
                new Endpoint("/api/credit/fuse-thresholds", "admin", List.of(Field.of("effectiveFrom", Kind.DATE),
                        Field.of("warningPct", Kind.PERCENT), Field.of("suspensionPct", Kind.PERCENT)),
                        fresh -> at("/api/credit/fuse-thresholds", "effectiveFrom", farDate(), "warningPct", "5",
                                "suspensionPct", "80")),
                new Endpoint("/api/credit/guided-loans", "operator", List.of(Field.of("loanId", Kind.ID),
                        Field.of("bankId", Kind.REF), Field.of("enterpriseId", Kind.REF), Field.of("district", Kind.REF),
                        Field.of("principal", Kind.AMOUNT), Field.of("issuedOn", Kind.DATE)),
                        fresh -> at("/api/credit/guided-loans", "loanId", uid("G"), "bankId", "B1",
                                "enterpriseId", "E1", "district", DISTRICT, "principal", "1万", "issuedOn", "2024-03-01")),
                new Endpoint("/api/credit/corrections", "operator", List.of(Field.choice("kind", "moon"),
                        Field.of("factId", Kind.FACT_KEY), Field.of("reason", Kind.REASON)),
                        fresh -> at("/api/credit/corrections", "kind", "guided_loan", "factId",
                                fresh ? guidedLoan() : staticGuidedLoan, "reason", "录入错误")),
                new Endpoint("/api/credit/evaluations", "operator", List.of(Field.of("enterpriseId", Kind.ID),
                        Field.of("enterpriseName", Kind.NAME), Field.of("district", Kind.DISTRICT),
                        Field.choice("grade", "F"), Field.of("evaluatedOn", Kind.DATE)),
                        fresh -> at("/api/credit/evaluations", "enterpriseId", uid("E"), "enterpriseName", "重庆某科技有限公司",
                                "district", DISTRICT, "grade", "C", "evaluatedOn", "2024-01-10")),
                new Endpoint("/api/credit/risk-sharing", "admin", List.of(Field.of("effectiveFrom", Kind.DATE),
                        Field.of("fundSharePct", Kind.PERCENT), Field.optional("bankId", Kind.REF)),
                        fresh -> at("/api/credit/risk-sharing", "effectiveFrom", farDate(), "fundSharePct", "80",
                                "bankId", "B1")),
                new Endpoint("/api/credit/pool-contributions", "operator", List.of(Field.of("contributionId", Kind.ID),
                        Field.of("district", Kind.DISTRICT), Field.choice("source", "moon"),
                        Field.of("amount", Kind.AMOUNT), Field.of("contributedOn", Kind.DATE)),
                        fresh -> at("/api/credit/pool-contributions", "contributionId", uid("C"), "district", DISTRICT,
                                "source", "district", "amount", "1万", "contributedOn", "2024-03-01")),
                new Endpoint("/api/credit/loans", "operator", List.of(Field.of("loanId", Kind.ID),
                        Field.of("bankId", Kind.REF), Field.of("enterpriseId", Kind.REF), Field.of("district", Kind.REF),
                        Field.of("principal", Kind.AMOUNT), Field.of("annualRatePct", Kind.PERCENT),
                        Field.of("termMonths", Kind.INTEGER), Field.of("issuedOn", Kind.DATE)),
                        fresh -> new Request("/api/credit/loans", new LinkedHashMap<>(loan(uid("L"), "B1", "E1", "1万")))),
                new Endpoint("/api/credit/loans/{loanId}/repayments", "operator", List.of(
                        Field.of("repaymentId", Kind.ID), Field.of("principal", Kind.AMOUNT_OR_ZERO),
                        Field.of("interest", Kind.AMOUNT_OR_ZERO), Field.of("paidOn", Kind.DATE)),
                        fresh -> at("/api/credit/loans/L1/repayments", "repaymentId", uid("R"), "principal", "1",
                                "interest", "0.5", "paidOn", "2024-04-01")),
                new Endpoint("/api/credit/loans/{loanId}/default", "operator", List.of(
                        Field.of("overdueSince", Kind.DATE), Field.of("declaredOn", Kind.DATE)),
                        fresh -> at("/api/credit/loans/" + (fresh ? freshLoan() : undefaultedLoan) + "/default",
                                "overdueSince", "2024-05-01", "declaredOn", "2024-06-01")),
                new Endpoint("/api/credit/loans/{loanId}/claims", "operator", List.of(Field.of("claimId", Kind.ID),
                        Field.of("claimedOn", Kind.DATE)),
                        fresh -> at("/api/credit/loans/" + (fresh ? defaultedLoan() : defaultedLoan) + "/claims",
                                "claimId", uid("K"), "claimedOn", "2024-06-05")),
                new Endpoint("/api/credit/loans/{loanId}/recoveries", "operator", List.of(
                        Field.of("recoveryId", Kind.ID), Field.of("amount", Kind.AMOUNT),
                        Field.of("recoveredOn", Kind.DATE)),
                        fresh -> at("/api/credit/loans/" + recoveredLoan + "/recoveries", "recoveryId", uid("V"),
                                "amount", "1", "recoveredOn", "2024-07-01")),
                // ---- seed
                new Endpoint("/api/seed/funds", "operator", List.of(Field.of("fundId", Kind.ID),
                        Field.of("name", Kind.NAME), Field.of("partner", Kind.NAME),
                        Field.optional("citySharePct", Kind.PERCENT), Field.of("committed", Kind.AMOUNT),
                        Field.of("establishedOn", Kind.DATE)),
                        fresh -> at("/api/seed/funds", "fundId", uid("SF"), "name", "璧山种子基金", "partner", "璧山区",
                                "citySharePct", "40", "committed", "3000万", "establishedOn", "2016-01-15")),
                new Endpoint("/api/seed/funds/{fundId}/commitment-raises", "operator", List.of(
                        Field.of("raiseId", Kind.ID), Field.of("increase", Kind.AMOUNT), Field.of("raisedOn", Kind.DATE)),
                        fresh -> at("/api/seed/funds/SF1/commitment-raises", "raiseId", uid("SR"), "increase", "1万",
                                "raisedOn", "2020-01-01")),
                new Endpoint("/api/seed/investments", "operator", List.of(Field.of("investmentId", Kind.ID),
                        Field.of("fundId", Kind.REF), Field.of("projectId", Kind.ID),
                        Field.of("enterpriseName", Kind.NAME), Field.choice("instrument", "moon"),
                        Field.of("amount", Kind.AMOUNT), Field.of("equityPct", Kind.PERCENT),
                        Field.of("investedOn", Kind.DATE)),
                        fresh -> new Request("/api/seed/investments", seedInvestmentBody(uid("SI")))),
                new Endpoint("/api/seed/investments/{investmentId}/exit", "operator", List.of(
                        Field.of("exitId", Kind.ID), Field.choice("route", "moon"),
                        Field.of("proceeds", Kind.AMOUNT_OR_ZERO), Field.of("exitedOn", Kind.DATE)),
                        fresh -> at("/api/seed/investments/" + (fresh ? seedInvestment() : staticSeedInvestment)
                                + "/exit", "exitId", uid("SX"), "route", "buyback", "proceeds", "2万",
                                "exitedOn", "2021-01-01")),
                new Endpoint("/api/seed/follow-on-rounds", "operator", List.of(Field.of("roundId", Kind.ID),
                        Field.of("projectId", Kind.ID), Field.of("investor", Kind.NAME),
                        Field.of("amount", Kind.AMOUNT), Field.of("postMoney", Kind.AMOUNT),
                        Field.of("closedOn", Kind.DATE)),
                        fresh -> new Request("/api/seed/follow-on-rounds", roundBody(uid("RD")))),
                new Endpoint("/api/seed/corrections", "operator", List.of(Field.choice("kind", "moon"),
                        Field.of("factId", Kind.FACT_KEY), Field.of("reason", Kind.REASON)),
                        fresh -> at("/api/seed/corrections", "kind", "follow_on_round", "factId",
                                fresh ? round() : staticRound, "reason", "录入错误")),
                new Endpoint("/api/seed/policies/caps", "admin", List.of(Field.of("effectiveFrom", Kind.DATE),
                        Field.of("cap", Kind.AMOUNT)),
                        fresh -> at("/api/seed/policies/caps", "effectiveFrom", farDate(), "cap", "200万")),
                new Endpoint("/api/seed/policies/target", "admin", List.of(Field.of("targetScale", Kind.AMOUNT),
                        Field.of("targetDate", Kind.DATE)),
                        fresh -> at("/api/seed/policies/target", "targetScale", "3亿", "targetDate", farDate())),
                // ---- equity
                new Endpoint("/api/equity/corrections", "operator", List.of(Field.choice("kind", "moon"),
                        Field.of("factId", Kind.FACT_KEY), Field.of("reason", Kind.REASON)),
                        fresh -> at("/api/equity/corrections", "kind", "commitment", "factId",
                                (fresh ? equityFund() : staticEquityFund) + "/市引导基金@2019-01-01", "reason", "录入错误")),
                new Endpoint("/api/equity/commitments", "operator", List.of(Field.of("fundId", Kind.ID),
                        Field.of("fundName", Kind.NAME), Field.of("partner", Kind.NAME),
                        Field.of("committedYuan", Kind.AMOUNT), Field.of("committedOn", Kind.DATE)),
                        fresh -> at("/api/equity/commitments", "fundId", uid("EF"), "fundName", "新基金",
                                "partner", "市引导基金", "committedYuan", "1000万", "committedOn", "2019-01-01")),
                new Endpoint("/api/equity/funds/{fundId}/calls", "operator", List.of(Field.of("callId", Kind.ID),
                        Field.of("amountYuan", Kind.AMOUNT), Field.of("calledOn", Kind.DATE)),
                        fresh -> at("/api/equity/funds/EF1/calls", "callId", uid("EC"), "amountYuan", "1",
                                "calledOn", "2019-02-01")),
                new Endpoint("/api/equity/funds/{fundId}/distributions", "operator", List.of(
                        Field.of("distributionId", Kind.ID), Field.of("amountYuan", Kind.AMOUNT),
                        Field.of("distributedOn", Kind.DATE)),
                        fresh -> at("/api/equity/funds/EF1/distributions", "distributionId", uid("DS"),
                                "amountYuan", "1", "distributedOn", "2020-06-01")),
                new Endpoint("/api/equity/deals", "operator", List.of(Field.of("dealId", Kind.ID),
                        Field.of("fundId", Kind.REF), Field.of("projectId", Kind.ID), Field.of("company", Kind.NAME),
                        Field.of("amountYuan", Kind.AMOUNT), Field.of("stakePct", Kind.PERCENT),
                        Field.of("closedOn", Kind.DATE)),
                        fresh -> new Request("/api/equity/deals", new LinkedHashMap<>(deal(uid("ED"), "1万")))),
                new Endpoint("/api/equity/deals/{dealId}/marks", "operator", List.of(
                        Field.of("valueYuan", Kind.AMOUNT_OR_ZERO), Field.choice("method", "moon"),
                        Field.of("markedOn", Kind.DATE)),
                        fresh -> at("/api/equity/deals/ED1/marks", "valueYuan", "1200万", "method", "appraisal",
                                "markedOn", java.time.LocalDate.of(2019, 4, 1).plusDays(ids.incrementAndGet()).toString())),
                new Endpoint("/api/equity/deals/{dealId}/exits", "operator", List.of(Field.of("exitId", Kind.ID),
                        Field.of("proceedsYuan", Kind.AMOUNT_OR_ZERO), Field.of("exitedOn", Kind.DATE),
                        Field.optional("portionPct", Kind.PERCENT)),
                        fresh -> at("/api/equity/deals/" + (fresh ? equityDeal() : staticEquityDeal) + "/exits",
                                "exitId", uid("EX"), "proceedsYuan", "2万", "exitedOn", "2020-01-01", "portionPct", "50")));
    }

    /** POST endpoints deliberately outside the catalogue, with the reason. */
    static final Map<String, String> NOT_BAD_INPUT = Map.of(
            "/api/audit/replay []", "takes no body and records nothing: it rebuilds the projections (role matrix)",
            "/api/what-if/credit []", "records nothing and takes lists of versions: WhatIfCatalogueIntegrationTest",
            "/api/what-if/credit/scenarios/{name}/run []", "records nothing; its scenario is checked as "
                    + "POST /api/what-if/credit's (WhatIfCatalogueIntegrationTest, WhatIfIntegrationTest)",
            "/api/what-if/credit/comparisons []", "records nothing; two saved names (WhatIfIntegrationTest)",
            "/api/audit/verifications []", "records no fact; its one field and odd bodies: "
                    + "AuditVerifyIntegrationTest.oddVerificationBodiesAreRefusedAndStartNothing");

    // ------------------------------------------------------------------ coverage

    @Test
    @Order(1)
    void everyPostEndpointIsInTheCatalogue() {
        Set<String> mapped = new TreeSet<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            if (!info.getMethodsCondition().getMethods().contains(RequestMethod.POST)) {
                continue;
            }
            String consumes = info.getConsumesCondition().getConsumableMediaTypes().stream().map(Object::toString)
                    .sorted().toList().toString();
            // the API's endpoints; the dashboard's forms (/record, /imports, ...) send the same commands through
            // the same request records and are tried in a browser (dashboard.*BrowserIntegrationTest)
            info.getPatternValues().stream().filter(p -> p.startsWith("/api/")).forEach(p -> mapped.add(p + " "
                    + consumes));
        }
        Set<String> covered = new TreeSet<>();
        endpoints().forEach(e -> covered.add(e.pattern() + " []"));
        covered.addAll(IMPORT_ENDPOINTS);
        Set<String> missing = new TreeSet<>(mapped);
        missing.removeAll(covered);
        missing.removeAll(NOT_BAD_INPUT.keySet());
        assertThat(missing).as("POST endpoints the bad-input catalogue does not cover: add them to endpoints()")
                .isEmpty();
        Set<String> stale = new TreeSet<>(covered);
        stale.addAll(NOT_BAD_INPUT.keySet());
        stale.removeAll(mapped);
        assertThat(stale).as("catalogue entries for endpoints that no longer exist").isEmpty();
    }

    static final Set<String> IMPORT_ENDPOINTS = Set.of(
            "/api/imports/{kind} [application/octet-stream, application/vnd.openxmlformats-officedocument.spreadsheetml"
                    + ".sheet, text/csv, text/plain]",
            "/api/imports/{kind} [multipart/form-data]",
            "/api/imports [multipart/form-data]");

    @Test
    @Order(1)
    void everyImportKindIsInTheCatalogue() {
        JsonNode kinds = wire.get("operator", "/api/imports/kinds").json();
        Map<String, List<String>> served = new LinkedHashMap<>();
        kinds.fields().forEachRemaining(k -> {
            List<String> columns = new ArrayList<>();
            k.getValue().forEach(c -> columns.add(c.asText()));
            served.put(k.getKey(), columns);
        });
        Map<String, List<String>> catalogued = new LinkedHashMap<>();
        importKinds().forEach(k -> catalogued.put(k.kind(), k.columns().stream().map(Field::name).toList()));
        assertThat(catalogued).as("the import kinds and their columns, as GET /api/imports/kinds lists them")
                .isEqualTo(served);
    }

    // ------------------------------------------------------------------ REST: every endpoint, every case

    /**
     * The cases of every field of every endpoint: the basic ones everywhere, every case of a kind of field once per
     * program (on the first field of that kind the program's endpoints have), so that each parse of each program
     * meets each bad value.
     */
    private List<DynamicNode> restCases(boolean overLimit) {
        Set<String> deep = new java.util.HashSet<>();
        AtomicInteger index = new AtomicInteger();
        List<DynamicNode> containers = new ArrayList<>();
        for (Endpoint e : endpoints()) {
            String name = "POST " + e.pattern();
            List<DynamicNode> tests = new ArrayList<>();
            if (!overLimit) {
                tests.add(control(e));
                tests.addAll(bodyCases(e, deep.add(program(e.pattern()) + ":body")));
                tests.addAll(pathCases(e, e.pattern().contains("{") && deep.add(program(e.pattern()) + ":path")));
                tests.addAll(replacementCases(e));
            } else if (e.pattern().equals("/api/credit/banks")) {
                tests.add(twoMegabytes(e));
            }
            // one field of each endpoint (a different one from endpoint to endpoint) is sent a JSON array or object
            int wrongType = Math.floorMod(containers.size(), e.fields().size());
            for (Field f : e.fields()) {
                List<Case> cases = deep.add(program(e.pattern()) + ":" + f.kind())
                        ? Catalogue.deepCases(f, i -> uid("X"))
                        : Catalogue.basicCases(f, index.getAndIncrement(), e.fields().indexOf(f) == wrongType,
                        i -> uid("X"));
                cases.stream().filter(c -> c.overLimit() == overLimit)
                        .forEach(c -> tests.add(fieldCase(name, e, f, c)));
            }
            containers.add(DynamicContainer.dynamicContainer(name, tests));
        }
        return containers;
    }

    private static String program(String path) {
        return path.split("/")[2];
    }

    @TestFactory
    @Order(2)
    List<DynamicNode> restCatalogue() {
        return restCases(false);
    }

    /** The template itself is taken: every refusal of the endpoint's cases is the case's doing. */
    private DynamicTest control(Endpoint e) {
        return DynamicTest.dynamicTest("POST " + e.pattern() + " · the template itself is recorded", () -> {
            Request r = e.template().apply(true);
            Answer answer = wire.postJson(e.user(), r.path(), r.body());
            assertThat(answer.status()).as(answer.body()).isIn(200, 201);
        });
    }

    private DynamicTest fieldCase(String name, Endpoint e, Field f, Case c) {
        return DynamicTest.dynamicTest(name + " · " + f.name() + " · " + c.label(), () -> {
            Request r = e.template().apply(c.mayBeTaken());
            Map<String, Object> body = new LinkedHashMap<>(r.body());
            if (c.value() == ABSENT) {
                body.remove(f.name());
            } else {
                body.put(f.name(), c.value());
            }
            check(c.expect(), c.value(), () -> wire.postJson(e.user(), r.path(), body));
        });
    }

    private List<DynamicTest> bodyCases(Endpoint e, boolean deep) {
        String first = e.fields().get(0).name();
        Field text = e.fields().stream().filter(f -> f.kind().isText() && f.kind() != Kind.REF).findFirst()
                .orElse(null);
        List<DynamicTest> cases = new ArrayList<>();
        cases.add(raw(e, "malformed JSON", "application/json", ("{\"" + first + "\": ").getBytes(StandardCharsets.UTF_8),
                Refused.of(400, "body", "json")));
        cases.add(rawFromTemplate(e, "trailing text after the object", "application/json",
                b -> concat(Wire.json(b), " {\"x\":1}".getBytes(StandardCharsets.UTF_8)), Refused.of(400, "body", "json")));
        cases.add(raw(e, "empty body", "application/json", new byte[0], Refused.of(400, "body", "json", "required")));
        cases.add(raw(e, "a JSON array", "application/json", "[{}]".getBytes(StandardCharsets.UTF_8),
                Refused.of(400, "body", "json")));
        if (deep) {
            cases.add(raw(e, "JSON null", "application/json", "null".getBytes(StandardCharsets.UTF_8),
                    Refused.of(400, "body", "json", "required")));
            cases.add(raw(e, "a JSON string", "application/json", "\"x\"".getBytes(StandardCharsets.UTF_8),
                    Refused.of(400, "body", "json")));
            cases.add(raw(e, "a PNG header", "application/json", PNG, Refused.of(400, "body", "json")));
            cases.add(raw(e, "random bytes", "application/json", randomBytes(512), Refused.of(400, "body", "json")));
            cases.add(rawFromTemplate(e, "JSON sent with no content type", null, Wire::json,
                    Refused.of(415, "Content-Type", "media-type")));
        }
        cases.add(rawFromTemplate(e, "JSON sent as text/plain", "text/plain", Wire::json,
                Refused.of(415, "Content-Type", "media-type")));
        cases.add(rawFromTemplate(e, "an extra field", "application/json", b -> {
            Map<String, Object> more = new LinkedHashMap<>(b);
            more.put("surprise", "x");
            return Wire.json(more);
        }, Refused.of(400, "surprise", "unknown-field")));
        cases.add(rawFromTemplate(e, "a field given twice", "application/json", b -> {
            String json = new String(Wire.json(b), StandardCharsets.UTF_8);
            return ("{\"" + first + "\":\"other\"," + json.substring(1)).getBytes(StandardCharsets.UTF_8);
        }, Refused.of(400, first, "duplicate-field")));
        if (deep && text != null) {
            cases.add(encoded(e, text, "Latin-1 bytes sent as UTF-8", "application/json",
                    StandardCharsets.ISO_8859_1));
            cases.add(encoded(e, text, "Latin-1 bytes declared as ISO-8859-1", "application/json;charset=ISO-8859-1",
                    StandardCharsets.ISO_8859_1));
            cases.add(encoded(e, text, "UTF-16 with a BOM", "application/json", StandardCharsets.UTF_16));
        }
        return cases;
    }

    /** A body far beyond any bound: refused as too large, or its too long name refused; nothing written. */
    private DynamicTest twoMegabytes(Endpoint e) {
        return DynamicTest.dynamicTest("POST " + e.pattern() + " · a body of 2 MB", () -> {
            Request r = e.template().apply(false);
            Map<String, Object> body = new LinkedHashMap<>(r.body());
            body.put("name", "名".repeat(700_000));
            long before = store.count();
            Answer answer = wire.postJson(e.user(), r.path(), body);
            JsonNode problem = Problems.problem(answer);
            if (answer.status() == 413) {
                assertThat(problem.path("rule").asText()).isEqualTo("too-large");
            } else {
                assertThat(answer.status()).isEqualTo(400);
                Problems.names(problem, "name", Set.of("max-length"));
            }
            assertThat(store.count()).as("events after a refusal").isEqualTo(before);
        });
    }

    /** The first text field written with a name that needs its encoding: Latin-1 and UTF-16 bodies. */
    private DynamicTest encoded(Endpoint e, Field text, String label, String contentType,
                                java.nio.charset.Charset charset) {
        String value = text.kind() == Kind.NAME || text.kind() == Kind.REASON ? LATIN_1_NAME
                : "Crédit-" + ids.incrementAndGet();
        return DynamicTest.dynamicTest("POST " + e.pattern() + " · body · " + label, () -> {
            Request r = e.template().apply(true);
            Map<String, Object> body = new LinkedHashMap<>(r.body());
            body.put(text.name(), value);
            // every other character escaped (\\uXXXX), so that the body is the value's bytes in the charset, and ASCII
            body.put(text.name(), "@@value@@");
            String json = new String(Wire.JSON.writer().with(com.fasterxml.jackson.core.JsonGenerator.Feature
                    .ESCAPE_NON_ASCII).writeValueAsBytes(body), StandardCharsets.US_ASCII).replace("@@value@@", value);
            byte[] bytes = json.getBytes(charset);
            check(new Either(text.name(), value), value, () -> wire.post(e.user(), r.path(), contentType, bytes));
        });
    }

    private DynamicTest raw(Endpoint e, String label, String contentType, byte[] bytes, Expect expect) {
        return DynamicTest.dynamicTest("POST " + e.pattern() + " · body · " + label, () -> {
            Request r = e.template().apply(false);
            check(expect, null, () -> wire.post(e.user(), r.path(), contentType, bytes));
        });
    }

    private DynamicTest rawFromTemplate(Endpoint e, String label, String contentType,
                                        Function<Map<String, Object>, byte[]> write, Expect expect) {
        return DynamicTest.dynamicTest("POST " + e.pattern() + " · body · " + label, () -> {
            Request r = e.template().apply(false);
            byte[] bytes = write.apply(r.body());
            check(expect, null, () -> wire.post(e.user(), r.path(), contentType, bytes));
        });
    }

    /** A correction's replacement of the wrong shape is refused naming it, or the field inside it at fault. */
    private List<DynamicTest> replacementCases(Endpoint e) {
        Map<String, String> firstField = Map.of("/api/credit/corrections", "loanId", "/api/seed/corrections", "roundId",
                "/api/equity/corrections", "fundId");
        if (!firstField.containsKey(e.pattern())) {
            return List.of();
        }
        String inner = firstField.get(e.pattern());
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("text", "L9");
        values.put("an array", List.of(Map.of(inner, "L9")));
        values.put("an array in its " + inner, Map.of(inner, List.of("L9")));
        values.put("an object in its " + inner, Map.of(inner, Map.of("id", "L9")));
        return values.entrySet().stream().map(v -> DynamicTest.dynamicTest("POST " + e.pattern() + " · replacement · "
                + v.getKey(), () -> {
                    Request r = e.template().apply(false);
                    Map<String, Object> body = new LinkedHashMap<>(r.body());
                    body.put("replacement", v.getValue());
                    String field = v.getValue() instanceof Map ? "replacement." + inner : "replacement";
                    check(Refused.of(400, field), null, () -> wire.postJson(e.user(), r.path(), body));
                })).toList();
    }

    /** An id in the path that names nothing the ledger knows: unknown, too long, SQL or script text. */
    private List<DynamicTest> pathCases(Endpoint e, boolean deep) {
        int open = e.pattern().indexOf('{');
        if (open < 0) {
            return List.of();
        }
        int close = e.pattern().indexOf('}');
        String variable = e.pattern().substring(open + 1, close);
        Map<String, String> values = new LinkedHashMap<>();
        values.put("unknown", "NOPE-" + ids.incrementAndGet());
        if (deep) {
            values.put("65 characters", Catalogue.pad("P" + ids.incrementAndGet(), 65));
            values.put("SQL text", Catalogue.SQL);
            values.put("script text", Catalogue.SCRIPT);
        }
        return values.entrySet().stream().map(v -> DynamicTest.dynamicTest("POST " + e.pattern() + " · path "
                        + variable + " · " + v.getKey(),
                () -> {
                    Request r = e.template().apply(false);
                    // replace the template's own id in the path by the value, encoded as a path segment
                    String[] segments = r.path().split("/");
                    String[] patternSegments = e.pattern().split("/");
                    StringBuilder path = new StringBuilder();
                    for (int i = 1; i < segments.length; i++) {
                        path.append('/').append(patternSegments[i].startsWith("{")
                                ? org.springframework.web.util.UriUtils.encodePathSegment(v.getValue(), StandardCharsets.UTF_8)
                                : segments[i]);
                    }
                    long before = store.count();
                    Answer answer = wire.send(org.springframework.http.HttpMethod.POST, e.user(),
                            java.net.URI.create(path.toString()).toString(), "application/json", Wire.json(r.body()));
                    JsonNode problem = Problems.problem(answer);
                    Problems.names(problem, variable, Set.of());
                    assertThat(store.count()).as("events after a refusal").isEqualTo(before);
                })).toList();
    }

    // ------------------------------------------------------------------ imports: every kind, every case

    /** A kind of import: its columns and a row the ledger would take (fresh: new ids, facts it needs recorded). */
    record ImportKind(String kind, List<Field> columns, Function<Boolean, Map<String, String>> row) {
    }

    List<ImportKind> importKinds() {
        return List.of(
                new ImportKind("banks", List.of(Field.of("bank_id", Kind.ID), Field.of("name", Kind.NAME)),
                        fresh -> row("bank_id", uid("IB"), "name", "重庆三峡银行")),
                new ImportKind("evaluations", List.of(Field.of("enterprise_id", Kind.ID),
                        Field.of("enterprise_name", Kind.NAME), Field.of("district", Kind.DISTRICT),
                        Field.choice("grade", "F"), Field.of("evaluated_on", Kind.DATE)),
                        fresh -> row("enterprise_id", uid("IE"), "enterprise_name", "重庆某科技有限公司",
                                "district", DISTRICT, "grade", "B", "evaluated_on", "2024-01-10")),
                new ImportKind("risk-sharing", List.of(Field.of("effective_from", Kind.DATE),
                        Field.of("fund_share_pct", Kind.PERCENT), Field.optional("bank_id", Kind.REF)),
                        fresh -> row("effective_from", farDate(), "fund_share_pct", "80", "bank_id", "B1")),
                new ImportKind("pool-contributions", List.of(Field.of("contribution_id", Kind.ID),
                        Field.of("district", Kind.DISTRICT), Field.choice("source", "moon"),
                        Field.of("amount_yuan", Kind.AMOUNT), Field.of("contributed_on", Kind.DATE)),
                        fresh -> row("contribution_id", uid("IC"), "district", DISTRICT, "source", "city",
                                "amount_yuan", "1万", "contributed_on", "2024-03-01")),
                new ImportKind("loans", List.of(Field.of("loan_id", Kind.ID), Field.of("bank_id", Kind.REF),
                        Field.of("enterprise_id", Kind.REF), Field.of("district", Kind.REF),
                        Field.of("principal_yuan", Kind.AMOUNT), Field.of("annual_rate_pct", Kind.PERCENT),
                        Field.of("term_months", Kind.INTEGER), Field.of("issued_on", Kind.DATE)),
                        fresh -> row("loan_id", uid("IL"), "bank_id", "B1", "enterprise_id", "E1", "district", DISTRICT,
                                "principal_yuan", "1万", "annual_rate_pct", "3.65", "term_months", "6",
                                "issued_on", "2024-03-01")),
                new ImportKind("repayments", List.of(Field.of("repayment_id", Kind.ID), Field.of("loan_id", Kind.REF),
                        Field.of("principal_yuan", Kind.AMOUNT_OR_ZERO), Field.of("interest_yuan", Kind.AMOUNT_OR_ZERO),
                        Field.of("paid_on", Kind.DATE)),
                        fresh -> row("repayment_id", uid("IR"), "loan_id", "L1", "principal_yuan", "1",
                                "interest_yuan", "0.5", "paid_on", "2024-04-01")),
                new ImportKind("defaults", List.of(Field.of("loan_id", Kind.REF), Field.of("overdue_since", Kind.DATE),
                        Field.of("declared_on", Kind.DATE)),
                        fresh -> row("loan_id", fresh ? freshLoan() : undefaultedLoan, "overdue_since", "2024-05-01",
                                "declared_on", "2024-06-01")),
                new ImportKind("compensations", List.of(Field.of("claim_id", Kind.ID), Field.of("loan_id", Kind.REF),
                        Field.of("claimed_on", Kind.DATE)),
                        fresh -> row("claim_id", uid("IK"), "loan_id", fresh ? defaultedLoan() : defaultedLoan,
                                "claimed_on", "2024-06-05")),
                new ImportKind("recoveries", List.of(Field.of("recovery_id", Kind.ID), Field.of("loan_id", Kind.REF),
                        Field.of("amount_yuan", Kind.AMOUNT), Field.of("recovered_on", Kind.DATE)),
                        fresh -> row("recovery_id", uid("IV"), "loan_id", recoveredLoan, "amount_yuan", "1",
                                "recovered_on", "2024-07-01")),
                new ImportKind("guided-loans", List.of(Field.of("loan_id", Kind.ID), Field.of("bank_id", Kind.REF),
                        Field.of("enterprise_id", Kind.REF), Field.of("district", Kind.REF),
                        Field.of("principal_yuan", Kind.AMOUNT), Field.of("issued_on", Kind.DATE)),
                        fresh -> row("loan_id", uid("IG"), "bank_id", "B1", "enterprise_id", "E1", "district", DISTRICT,
                                "principal_yuan", "1万", "issued_on", "2024-03-01")),
                new ImportKind("seed-funds", List.of(Field.of("fund_id", Kind.ID), Field.of("name", Kind.NAME),
                        Field.of("partner", Kind.NAME), Field.optional("city_share_pct", Kind.PERCENT),
                        Field.of("committed_yuan", Kind.AMOUNT), Field.of("established_on", Kind.DATE)),
                        fresh -> row("fund_id", uid("ISF"), "name", "南川种子基金", "partner", "南川区",
                                "city_share_pct", "40", "committed_yuan", "3000万", "established_on", "2016-01-15")),
                new ImportKind("seed-investments", List.of(Field.of("investment_id", Kind.ID),
                        Field.of("fund_id", Kind.REF), Field.of("project_id", Kind.ID),
                        Field.of("enterprise_name", Kind.NAME), Field.choice("instrument", "moon"),
                        Field.of("amount_yuan", Kind.AMOUNT), Field.of("equity_pct", Kind.PERCENT),
                        Field.of("invested_on", Kind.DATE)),
                        fresh -> row("investment_id", uid("ISI"), "fund_id", "SF1", "project_id", uid("ISP"),
                                "enterprise_name", "项目公司", "instrument", "equity", "amount_yuan", "1万",
                                "equity_pct", "5", "invested_on", "2020-03-01")),
                new ImportKind("seed-follow-ons", List.of(Field.of("round_id", Kind.ID),
                        Field.of("project_id", Kind.ID), Field.of("investor", Kind.NAME),
                        Field.of("amount_yuan", Kind.AMOUNT), Field.of("post_money_yuan", Kind.AMOUNT),
                        Field.of("closed_on", Kind.DATE)),
                        fresh -> row("round_id", uid("IRD"), "project_id", "SP1", "investor", "天使投资人",
                                "amount_yuan", "100万", "post_money_yuan", "1000万", "closed_on", "2021-06-01")),
                new ImportKind("seed-exits", List.of(Field.of("exit_id", Kind.ID), Field.of("investment_id", Kind.REF),
                        Field.choice("route", "moon"), Field.of("proceeds_yuan", Kind.AMOUNT_OR_ZERO),
                        Field.of("exited_on", Kind.DATE)),
                        fresh -> row("exit_id", uid("ISX"), "investment_id", fresh ? seedInvestment()
                                : staticSeedInvestment, "route", "buyback", "proceeds_yuan", "2万",
                                "exited_on", "2021-01-01")),
                new ImportKind("equity-commitments", List.of(Field.of("fund_id", Kind.ID),
                        Field.of("fund_name", Kind.NAME), Field.of("partner", Kind.NAME),
                        Field.of("committed_yuan", Kind.AMOUNT), Field.of("committed_on", Kind.DATE)),
                        fresh -> row("fund_id", uid("IEF"), "fund_name", "新基金", "partner", "市引导基金",
                                "committed_yuan", "1000万", "committed_on", "2019-01-01")),
                new ImportKind("equity-calls", List.of(Field.of("call_id", Kind.ID), Field.of("fund_id", Kind.REF),
                        Field.of("amount_yuan", Kind.AMOUNT), Field.of("called_on", Kind.DATE)),
                        fresh -> row("call_id", uid("IEC"), "fund_id", "EF1", "amount_yuan", "1",
                                "called_on", "2019-02-01")),
                new ImportKind("equity-deals", List.of(Field.of("deal_id", Kind.ID), Field.of("fund_id", Kind.REF),
                        Field.of("project_id", Kind.ID), Field.of("company", Kind.NAME),
                        Field.of("amount_yuan", Kind.AMOUNT), Field.of("stake_pct", Kind.PERCENT),
                        Field.of("closed_on", Kind.DATE)),
                        fresh -> row("deal_id", uid("IED"), "fund_id", "EF1", "project_id", uid("IEP"),
                                "company", "某科技公司", "amount_yuan", "1万", "stake_pct", "1", "closed_on", "2019-03-01")),
                new ImportKind("equity-exits", List.of(Field.of("exit_id", Kind.ID), Field.of("deal_id", Kind.REF),
                        Field.of("proceeds_yuan", Kind.AMOUNT_OR_ZERO), Field.of("exited_on", Kind.DATE)),
                        fresh -> row("exit_id", uid("IEX"), "deal_id", fresh ? equityDeal() : staticEquityDeal,
                                "proceeds_yuan", "2万", "exited_on", "2020-01-01")));
    }

    /**
     * As {@link #restCases}: the basic cases in every column; every case of a kind of column once (the rows become the
     * very request records the REST cases send every case through, program by program).
     */
    private List<DynamicNode> importCases(boolean overLimit) {
        Set<String> deep = new java.util.HashSet<>();
        AtomicInteger index = new AtomicInteger();
        List<DynamicNode> containers = new ArrayList<>();
        for (ImportKind k : importKinds()) {
            String name = "POST /api/imports/" + k.kind();
            List<DynamicNode> tests = new ArrayList<>();
            if (!overLimit) {
                tests.add(importControl(k));
                tests.addAll(headerCases(k));
                tests.addAll(allOrNothingCases(k));
            }
            for (Field column : k.columns()) {
                List<Case> cases = deep.add(column.kind().name())
                        ? Catalogue.deepCases(column, i -> uid("X"))
                        : Catalogue.basicCases(column, index.getAndIncrement(), false, i -> uid("X"));
                cases.stream().filter(c -> c.overLimit() == overLimit && (c.isText() || c.value() == ABSENT))
                        .forEach(c -> tests.add(cellCase(name, k, column, c)));
            }
            containers.add(DynamicContainer.dynamicContainer(name, tests));
        }
        return containers;
    }

    @TestFactory
    @Order(3)
    List<DynamicNode> importCatalogue() {
        return importCases(false);
    }

    /**
     * Text beyond its limit, in every field and column that takes text. Last: while the limits are pending such text
     * is stored, and a projection then stops at its column's width, so that every read after it would wait in vain.
     */
    @TestFactory
    @Order(Integer.MAX_VALUE)
    List<DynamicNode> overLimitCatalogue() {
        List<DynamicNode> all = new ArrayList<>(restCases(true));
        all.addAll(importCases(true));
        return all;
    }

    private DynamicTest importControl(ImportKind k) {
        return DynamicTest.dynamicTest("POST /api/imports/" + k.kind() + " · the template row itself is imported", () -> {
            Answer answer = wire.post("operator", "/api/imports/" + k.kind(), "text/csv",
                    csv(k, List.of(k.row().apply(true))));
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            assertThat(answer.json().get("applied").asInt()).isEqualTo(1);
        });
    }

    private DynamicTest cellCase(String name, ImportKind k, Field column, Case c) {
        String label = c.value() == ABSENT ? "an empty cell" : c.label();
        return DynamicTest.dynamicTest(name + " · " + column.name() + " · " + label, () -> {
            Map<String, String> row = k.row().apply(c.mayBeTaken());
            row.put(column.name(), c.value() == ABSENT ? "" : (String) c.value());
            Expect expect = c.expect();
            if (c.value().toString().indexOf('\u0000') >= 0 && expect instanceof Refused refused) {
                // a NUL makes the file binary to the reader: the file may be refused as unreadable instead
                Set<String> rules = new java.util.HashSet<>(refused.rules());
                rules.add("unreadable-file");
                expect = new Refused(refused.status(), null, rules);
            }
            checkImport(expect, c.value(), "/api/imports/" + k.kind(), "text/csv", csv(k, List.of(row)));
        });
    }

    private List<DynamicTest> headerCases(ImportKind k) {
        String path = "/api/imports/" + k.kind();
        List<DynamicTest> cases = new ArrayList<>();
        for (Field column : k.columns()) {
            cases.add(DynamicTest.dynamicTest("POST " + path + " · header · missing column " + column.name(), () -> {
                Map<String, String> row = k.row().apply(false);
                row.remove(column.name());
                checkImport(Refused.of(422, column.name(), "missing-column"), null, path, "text/csv",
                        csv(row.keySet(), List.of(row)));
            }));
        }
        cases.add(DynamicTest.dynamicTest("POST " + path + " · header · an unknown column", () -> {
            Map<String, String> row = k.row().apply(false);
            row.put("surprise", "x");
            checkImport(Refused.of(422, "surprise", "unknown-column"), null, path, "text/csv",
                    csv(row.keySet(), List.of(row)));
        }));
        cases.add(DynamicTest.dynamicTest("POST " + path + " · header · a column twice", () -> {
            Map<String, String> row = k.row().apply(false);
            String first = k.columns().get(0).name();
            String header = first + "," + String.join(",", row.keySet());
            String line = cell(row.get(first)) + "," + line(row);
            checkImport(Refused.of(422, first, "duplicate-column"), null, path, "text/csv",
                    (header + "\n" + line + "\n").getBytes(StandardCharsets.UTF_8));
        }));
        cases.add(DynamicTest.dynamicTest("POST " + path + " · header only", () -> checkImport(Refused.of(422, null, "no-rows"), null,
                path, "text/csv", csv(k, List.of()))));
        cases.add(DynamicTest.dynamicTest("POST " + path + " · empty file", () -> checkImport(Refused.of(422, null, "unreadable-file"),
                null, path, "text/csv", new byte[0])));
        return cases;
    }

    /** A file is taken whole or not at all, whatever is wrong with which row. */
    private List<DynamicTest> allOrNothingCases(ImportKind k) {
        String path = "/api/imports/" + k.kind();
        List<DynamicTest> cases = new ArrayList<>();
        // as many cells as reach the first required column after them, at most two ("L9,B01")
        int cells = Math.min(2, k.columns().size() - 1);
        while (k.columns().get(cells).optional()) {
            cells--;
        }
        int kept = cells;
        cases.add(DynamicTest.dynamicTest("POST " + path + " · a short row (" + kept + " cells) after a valid row", () -> {
            Map<String, String> valid = k.row().apply(true);
            List<String> next = new ArrayList<>(k.row().apply(false).values());
            String shortRow = String.join(",", next.subList(0, kept).stream().map(BadInputCatalogueIntegrationTest::cell)
                    .toList());
            byte[] file = (header(k) + "\n" + line(valid) + "\n" + shortRow + "\n").getBytes(StandardCharsets.UTF_8);
            checkImport(Refused.of(422, null), null, path, "text/csv", file);
        }));
        cases.add(DynamicTest.dynamicTest("POST " + path + " · a long row after a valid row", () -> {
            Map<String, String> valid = k.row().apply(true);
            Map<String, String> next = k.row().apply(false);
            byte[] file = (header(k) + "\n" + line(valid) + "\n" + line(next) + ",surplus\n")
                    .getBytes(StandardCharsets.UTF_8);
            checkImport(Refused.of(422, null), null, path, "text/csv", file);
        }));
        cases.add(DynamicTest.dynamicTest("POST " + path + " · a stray CR then text, after a valid row", () -> {
            Map<String, String> valid = k.row().apply(true);
            Map<String, String> next = k.row().apply(true);
            byte[] file = (header(k) + "\n" + line(valid) + "\n" + line(next) + "\rstray text\n")
                    .getBytes(StandardCharsets.UTF_8);
            checkImport(Refused.of(422, null), null, path, "text/csv", file);
        }));
        Field dated = k.columns().stream().filter(c -> c.kind() == Kind.DATE).findFirst().orElse(null);
        if (dated != null) {
            cases.add(DynamicTest.dynamicTest("POST " + path + " · a bad date after a valid row", () -> {
                Map<String, String> valid = k.row().apply(true);
                Map<String, String> bad = k.row().apply(false);
                bad.put(dated.name(), "2024-02-30");
                checkImport(Refused.of(422, dated.name(), "date-format"), null, path, "text/csv",
                        csv(k, List.of(valid, bad)));
            }));
            cases.add(DynamicTest.dynamicTest("POST " + path + " · a bad date before a valid row", () -> {
                Map<String, String> bad = k.row().apply(false);
                bad.put(dated.name(), "2024-13-01");
                Map<String, String> valid = k.row().apply(true);
                checkImport(Refused.of(422, dated.name(), "date-format"), null, path, "text/csv",
                        csv(k, List.of(bad, valid)));
            }));
        }
        Field ref = k.columns().stream().filter(c -> c.kind() == Kind.REF && !c.optional()).findFirst().orElse(null);
        if (ref != null) {
            cases.add(DynamicTest.dynamicTest("POST " + path + " · a row refused by a ledger rule after a valid row", () -> {
                Map<String, String> valid = k.row().apply(true);
                Map<String, String> bad = k.row().apply(true);
                bad.put(ref.name(), "NOPE-" + ids.incrementAndGet());
                checkImport(Refused.of(422, ref.name()), null, path, "text/csv", csv(k, List.of(valid, bad)));
            }));
        }
        return cases;
    }

    // ------------------------------------------------------------------ imports: files that are not tables

    @TestFactory
    @Order(4)
    Stream<DynamicTest> importFiles() {
        ImportKind banks = importKinds().get(0);
        String path = "/api/imports/banks";
        List<DynamicTest> cases = new ArrayList<>();
        cases.add(DynamicTest.dynamicTest("imports · body · a PNG file", () -> checkImport(
                Refused.of(422, null, "unreadable-file"), null, path, "text/csv", PNG)));
        cases.add(DynamicTest.dynamicTest("imports · body · random bytes", () -> checkImport(
                Refused.of(422, null, "unreadable-file"), null, path, "application/octet-stream", randomBytes(4096))));
        cases.add(DynamicTest.dynamicTest("imports · body · a zip that is not a workbook", () -> checkImport(
                Refused.of(422, null, "unreadable-file"), null, path,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", zip(Map.of("a.txt", "x")))));
        cases.add(DynamicTest.dynamicTest("imports · body · UTF-16 with a BOM", () -> {
            String name = "重庆银行-" + ids.incrementAndGet();
            byte[] file = ("bank_id,name\n" + uid("IB") + "," + name + "\n").getBytes(StandardCharsets.UTF_16);
            checkImport(new Either(null, name), name, path, "text/csv", file);
        }));
        cases.add(DynamicTest.dynamicTest("imports · body · Latin-1 bytes", () -> {
            String name = LATIN_1_NAME + " " + ids.incrementAndGet();
            byte[] file = ("bank_id,name\n" + uid("IB") + "," + name + "\n").getBytes(StandardCharsets.ISO_8859_1);
            checkImport(new Either(null, name), name, path, "text/csv", file);
        }));
        cases.add(DynamicTest.dynamicTest("imports · body · JSON instead of CSV", () -> checkImport(
                Refused.of(415, "Content-Type", "media-type"), null, path, "application/json",
                "{\"bank_id\":\"B9\"}".getBytes(StandardCharsets.UTF_8))));
        cases.add(DynamicTest.dynamicTest("imports · body · an image content type", () -> checkImport(
                Refused.of(415, "Content-Type", "media-type"), null, path, "image/png", PNG)));
        cases.add(DynamicTest.dynamicTest("imports · body · an unknown kind", () -> checkImport(
                Refused.of(404, "kind", "unknown-kind"), null, "/api/imports/moon", "text/csv",
                csv(banks, List.of(banks.row().apply(false))))));
        // one file as a multipart field
        cases.add(DynamicTest.dynamicTest("imports · file · a bad row", () -> {
            Map<String, String> row = banks.row().apply(false);
            row.put("bank_id", "");
            checkFiles(Refused.of(422, "bank_id", "required"), path, List.of(Map.entry("banks.csv", csv(banks,
                    List.of(row)))));
        }));
        cases.add(DynamicTest.dynamicTest("imports · file · an .xlsx that is not a workbook", () -> checkFiles(
                Refused.of(422, null, "unreadable-file"), path, List.of(Map.entry("banks.xlsx", zip(Map.of("a", "b")))))));
        cases.add(DynamicTest.dynamicTest("imports · file · an empty file", () -> checkFiles(
                Refused.of(422, null, "unreadable-file"), path, List.of(Map.entry("banks.csv", new byte[0])))));
        cases.add(DynamicTest.dynamicTest("imports · file · no field named file", () -> {
            LinkedMultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
            parts.add("document", "bank_id,name\nB9,x\n");
            long before = store.count();
            Answer answer = wire.multipart("operator", path, parts);
            Problems.names(Problems.problem(answer, 400), "file", Set.of("required"));
            assertThat(store.count()).isEqualTo(before);
        }));
        cases.add(DynamicTest.dynamicTest("imports · file · larger than a part may be", () -> {
            long before = store.count();
            Answer answer = wire.postFiles("operator", path, List.of(Map.entry("banks.csv", big())));
            Problems.names(Problems.problem(answer, 413), "file", Set.of("too-large"));
            assertThat(store.count()).isEqualTo(before);
        }));
        // bundles
        String bundle = "/api/imports";
        cases.add(DynamicTest.dynamicTest("imports · bundle · a valid file and a file with a bad row", () -> {
            ImportKind loans = importKinds().get(4);
            Map<String, String> bad = loans.row().apply(false);
            bad.put("principal_yuan", "1000.005");
            checkFiles(Refused.of(422, "principal_yuan", "amount-format"), bundle, List.of(
                    Map.entry("banks.csv", csv(banks, List.of(banks.row().apply(true)))),
                    Map.entry("loans.csv", csv(loans, List.of(loans.row().apply(true), bad)))));
        }));
        cases.add(DynamicTest.dynamicTest("imports · bundle · a valid file and a file with a short row", () -> {
            checkFiles(Refused.of(422, null), bundle, List.of(
                    Map.entry("banks.csv", csv(banks, List.of(banks.row().apply(true)))),
                    Map.entry("loans.csv", (header(importKinds().get(4)) + "\nL9,B1\n")
                            .getBytes(StandardCharsets.UTF_8))));
        }));
        cases.add(DynamicTest.dynamicTest("imports · bundle · a file of no known kind", () -> checkFiles(
                Refused.of(422, null, "unknown-kind"), bundle, List.of(
                        Map.entry("banks.csv", csv(banks, List.of(banks.row().apply(true)))),
                        Map.entry("moon.csv", "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8))))));
        cases.add(DynamicTest.dynamicTest("imports · bundle · an empty file", () -> checkFiles(
                Refused.of(422, null, "unreadable-file"), bundle, List.of(
                        Map.entry("banks.csv", csv(banks, List.of(banks.row().apply(true)))),
                        Map.entry("loans.csv", new byte[0])))));
        cases.add(DynamicTest.dynamicTest("imports · bundle · a PNG named like a table", () -> checkFiles(
                Refused.of(422, null, "unreadable-file"), bundle, List.of(Map.entry("banks.csv", PNG)))));
        cases.add(DynamicTest.dynamicTest("imports · bundle · a UTF-16 file", () -> checkFiles(
                Refused.of(422, null, "unreadable-file"), bundle, List.of(Map.entry("banks.csv",
                        ("bank_id,name\n" + uid("IB") + ",银行\n").getBytes(StandardCharsets.UTF_16))))));
        cases.add(DynamicTest.dynamicTest("imports · bundle · a zip with a bad row", () -> {
            Map<String, String> bad = banks.row().apply(false);
            bad.put("name", "");
            checkFiles(Refused.of(422, "name", "required"), bundle, List.of(Map.entry("history.zip", zip(Map.of(
                    "banks.csv", new String(csv(banks, List.of(banks.row().apply(true), bad)), StandardCharsets.UTF_8))))));
        }));
        cases.add(DynamicTest.dynamicTest("imports · bundle · a zip holding no table", () -> checkFiles(
                Refused.of(400, "file", "unreadable-file"), bundle, List.of(Map.entry("history.zip",
                        zip(Map.of("readme.txt", "hello")))))));
        cases.add(DynamicTest.dynamicTest("imports · bundle · a broken zip", () -> {
            byte[] broken = Arrays.copyOf(zip(Map.of("banks.csv", "bank_id,name\nB9,x\n")), 30);
            checkFiles(Refused.of(400, "file", "unreadable-file"), bundle, List.of(Map.entry("history.zip", broken)));
        }));
        cases.add(DynamicTest.dynamicTest("imports · bundle · no field named file", () -> {
            LinkedMultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
            parts.add("document", "x");
            long before = store.count();
            Problems.names(Problems.problem(wire.multipart("operator", bundle, parts), 400), "file",
                    Set.of("required"));
            assertThat(store.count()).isEqualTo(before);
        }));
        cases.add(DynamicTest.dynamicTest("imports · bundle · a file larger than a part may be", () -> {
            long before = store.count();
            Answer answer = wire.postFiles("operator", bundle, List.of(Map.entry("banks.csv", big())));
            Problems.names(Problems.problem(answer, 413), "file", Set.of("too-large"));
            assertThat(store.count()).isEqualTo(before);
        }));
        cases.add(DynamicTest.dynamicTest("imports · bundle · sent as text/csv", () -> checkImport(
                Refused.of(415, "Content-Type", "media-type"), null, bundle, "text/csv",
                csv(banks, List.of(banks.row().apply(false))))));
        return cases.stream();
    }

    // ------------------------------------------------------------------ checking an answer

    /** Sends, then checks the answer against the case's expectation and the event store against the answer. */
    private void check(Expect expect, Object sent, java.util.function.Supplier<Answer> send) {
        long before = store.count();
        Answer answer = send.get();
        if (expect instanceof Refused refused) {
            JsonNode problem = refused.status() == 0 ? Problems.problem(answer)
                    : Problems.problem(answer, refused.status());
            Problems.names(problem, refused.field(), refused.rules());
            assertThat(store.count()).as("events after a refusal").isEqualTo(before);
        } else if (expect instanceof Taken taken) {
            storedAsSent(answer, before, taken.stored() == null ? sent : taken.stored());
        } else if (expect instanceof Either either) {
            if (answer.status() >= 200 && answer.status() < 300) {
                storedAsSent(answer, before, either.stored() == null ? sent : either.stored());
            } else {
                Problems.names(Problems.problem(answer), either.field(), Set.of());
                assertThat(store.count()).as("events after a refusal").isEqualTo(before);
            }
        }
    }

    private void checkImport(Expect expect, Object sent, String path, String contentType, byte[] file) {
        checkImportAnswer(expect, sent, () -> wire.post("operator", path, contentType, file));
    }

    private void checkFiles(Expect expect, String path, List<Map.Entry<String, byte[]>> files) {
        checkImportAnswer(expect, null, () -> wire.postFiles("operator", path, files));
    }

    private void checkImportAnswer(Expect expect, Object sent, java.util.function.Supplier<Answer> send) {
        long before = store.count();
        Answer answer = send.get();
        if (expect instanceof Refused refused) {
            int status = refused.status() == 400 ? 422 : refused.status();
            if (refused.status() == 400 && "file".equals(refused.field())) {
                status = 400; // the request itself: no file to read
            }
            JsonNode problem = Problems.problem(answer, status);
            if (status == 422) {
                Problems.listsError(problem, refused.field(), refused.rules());
            } else {
                Problems.names(problem, refused.field(), refused.rules());
            }
            assertThat(store.count()).as("events after a refused import").isEqualTo(before);
        } else if (expect instanceof Taken taken) {
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            storedAsSent(answer, before, taken.stored() == null ? sent : taken.stored());
        } else if (expect instanceof Either either) {
            if (answer.status() == 200) {
                storedAsSent(answer, before, either.stored() == null ? sent : either.stored());
            } else {
                JsonNode problem = Problems.problem(answer, 422);
                if (either.field() != null) {
                    Problems.listsError(problem, either.field(), Set.of());
                }
                assertThat(store.count()).as("events after a refused import").isEqualTo(before);
            }
        }
    }

    /**
     * A taken request answered as JSON (never HTML or script), and the value is in the payload of an event it recorded,
     * exactly: a JSON string equal to the text sent, or a number (fen, basis points, months).
     */
    private void storedAsSent(Answer answer, long before, Object value) {
        assertThat(answer.status()).as(answer.body()).isBetween(200, 299);
        assertThat(answer.contentType()).startsWith("application/json");
        Problems.noInsides(answer);
        assertThat(store.count()).as("events of a recorded fact").isGreaterThan(before);
        String correlation = answer.headers().getFirst("X-Correlation-Id");
        assertThat(correlation).as("the correlation id of the answer").isNotBlank();
        Answer events = wire.get("auditor", "/api/audit/events?size=1000&correlationId="
                + java.net.URLEncoder.encode(correlation, StandardCharsets.UTF_8));
        assertThat(events.status()).as(events.body()).isEqualTo(200);
        List<JsonNode> payloads = new ArrayList<>();
        events.json().path("events").forEach(e -> payloads.add(e.path("payload")));
        assertThat(payloads).as("events recorded by the request").isNotEmpty();
        assertThat(payloads.stream().anyMatch(p -> holds(p, value)))
                .as("an event stores %s exactly; the events were %s", value, payloads).isTrue();
    }

    private static boolean holds(JsonNode node, Object value) {
        if (value instanceof String text && node.isTextual() && node.asText().equals(text)) {
            return true;
        }
        if (value instanceof Long number && node.isIntegralNumber() && node.asLong() == number) {
            return true;
        }
        for (JsonNode child : node) {
            if (holds(child, value)) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ facts and values

    private String uid(String prefix) {
        return prefix + "-" + ids.incrementAndGet();
    }

    /** A date of a policy version no other test looks at: each one distinct. */
    private String farDate() {
        return java.time.LocalDate.of(2090, 1, 1).plusDays(ids.incrementAndGet()).toString();
    }

    private static Request at(String path, Object... pairs) {
        return new Request(path, map(pairs));
    }

    private static Map<String, Object> map(Object... pairs) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            body.put((String) pairs[i], pairs[i + 1]);
        }
        return body;
    }

    private static Map<String, String> row(String... pairs) {
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            row.put(pairs[i], pairs[i + 1]);
        }
        return row;
    }

    private void ok(String user, String path, Map<String, ?> body) {
        Answer answer = wire.postJson(user, path, body);
        assertThat(answer.status()).as(path + " " + body + ": " + answer.body()).isIn(200, 201);
    }

    private void evaluate(String enterpriseId, String grade) {
        ok("operator", "/api/credit/evaluations", Map.of("enterpriseId", enterpriseId, "enterpriseName", "企业" + enterpriseId,
                "district", DISTRICT, "grade", grade, "evaluatedOn", "2024-01-10"));
    }

    private static Map<String, Object> loan(String loanId, String bankId, String enterpriseId, String principal) {
        return map("loanId", loanId, "bankId", bankId, "enterpriseId", enterpriseId, "district", DISTRICT,
                "principal", principal, "annualRatePct", "3.65", "termMonths", "6", "issuedOn", "2024-03-01");
    }

    /** A loan of its own bank and enterprise, not in default (declaring it suspends only its own bank). */
    private String freshLoan() {
        int n = ids.incrementAndGet();
        ok("operator", "/api/credit/banks", Map.of("bankId", "BK-" + n, "name", "银行" + n));
        evaluate("EK-" + n, "E");
        ok("operator", "/api/credit/loans", loan("LK-" + n, "BK-" + n, "EK-" + n, "1万"));
        return "LK-" + n;
    }

    /** A loan declared in default: its bank is suspended by the fuse. */
    private String defaultedLoan() {
        String loanId = freshLoan();
        ok("operator", "/api/credit/loans/" + loanId + "/default", Map.of("overdueSince", "2024-05-01",
                "declaredOn", "2024-06-01"));
        return loanId;
    }

    private static String bankOf(String freshLoanId) {
        return "BK-" + freshLoanId.substring("LK-".length());
    }

    private String guidedLoan() {
        String id = uid("GL");
        ok("operator", "/api/credit/guided-loans", Map.of("loanId", id, "bankId", "B1", "enterpriseId", "E1",
                "district", DISTRICT, "principal", "1万", "issuedOn", "2024-03-01"));
        return id;
    }

    private Map<String, Object> seedInvestmentBody(String investmentId) {
        return map("investmentId", investmentId, "fundId", "SF1", "projectId", uid("SP"), "enterpriseName", "项目公司",
                "instrument", "equity", "amount", "1万", "equityPct", "5", "investedOn", "2020-03-01");
    }

    private String seedInvestment() {
        String id = uid("SI");
        ok("operator", "/api/seed/investments", seedInvestmentBody(id));
        return id;
    }

    private Map<String, Object> roundBody(String roundId) {
        return map("roundId", roundId, "projectId", "SP1", "investor", "天使投资人", "amount", "100万",
                "postMoney", "1000万", "closedOn", "2021-06-01");
    }

    private String round() {
        String id = uid("RD");
        ok("operator", "/api/seed/follow-on-rounds", roundBody(id));
        return id;
    }

    private static Map<String, Object> deal(String dealId, String amount) {
        return map("dealId", dealId, "fundId", "EF1", "projectId", "P-" + dealId, "company", "公司" + dealId,
                "amountYuan", amount, "stakePct", "10", "closedOn", "2019-03-01");
    }

    private String equityDeal() {
        String id = uid("ED");
        ok("operator", "/api/equity/deals", deal(id, "1万"));
        return id;
    }

    private String equityFund() {
        String id = uid("EFC");
        ok("operator", "/api/equity/commitments", Map.of("fundId", id, "fundName", "基金" + id, "partner", "市引导基金",
                "committedYuan", "1000万", "committedOn", "2019-01-01"));
        return id;
    }

    // ------------------------------------------------------------------ files

    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0x0d, 'I', 'H', 'D', 'R',
            0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, (byte) 0xc4, (byte) 0x89};

    /** Bytes of no format, the same every run, holding a NUL as binary files do. */
    static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        new Random(11).nextBytes(bytes);
        bytes[n / 2] = 0;
        return bytes;
    }

    private static byte[] big() {
        byte[] bytes = new byte[1_500_000];
        Arrays.fill(bytes, (byte) 'a');
        return bytes;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static byte[] zip(Map<String, String> entries) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
                for (Map.Entry<String, String> entry : entries.entrySet()) {
                    zip.putNextEntry(new ZipEntry(entry.getKey()));
                    zip.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                    zip.closeEntry();
                }
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String header(ImportKind k) {
        return String.join(",", k.columns().stream().map(Field::name).toList());
    }

    private static byte[] csv(ImportKind k, List<Map<String, String>> rows) {
        return csv(k.columns().stream().map(Field::name).toList(), rows);
    }

    private static byte[] csv(java.util.Collection<String> header, List<Map<String, String>> rows) {
        StringBuilder csv = new StringBuilder(String.join(",", header)).append('\n');
        for (Map<String, String> row : rows) {
            csv.append(String.join(",", header.stream().map(c -> cell(row.get(c))).toList())).append('\n');
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String line(Map<String, String> row) {
        return String.join(",", row.values().stream().map(BadInputCatalogueIntegrationTest::cell).toList());
    }

    /** A CSV cell: quoted when it holds a comma, a quote or a line break. */
    private static String cell(String value) {
        if (value == null) {
            return "";
        }
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }
}
