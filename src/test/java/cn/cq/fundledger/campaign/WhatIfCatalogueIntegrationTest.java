package cn.cq.fundledger.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import cn.cq.fundledger.campaign.Catalogue.Case;
import cn.cq.fundledger.campaign.Catalogue.Field;
import cn.cq.fundledger.campaign.Catalogue.Kind;
import cn.cq.fundledger.campaign.Catalogue.Refused;
import cn.cq.fundledger.support.EventStoreProbe;
import cn.cq.fundledger.support.LedgerApi.Answer;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The bad-input catalogue for the what-if endpoints, which record nothing and take lists of versions: every case of
 * every field of every list entry ({@code riskSharing[0].fundSharePct}, ...), the body-level cases, sent to
 * {@code POST /api/what-if/credit} and {@code PUT /api/what-if/credit/scenarios/{name}}. A refusal is problem+json
 * naming the entry's field and the rule; a value the ledger may take is either taken (200/201) or refused cleanly;
 * and whatever the answer, no event is written.
 */
@CatalogueContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WhatIfCatalogueIntegrationTest {

    private static final String DISTRICT = "渝北区";
    private static final String BANK = "WIB1";

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;

    Wire wire;
    EventStoreProbe store;
    final AtomicInteger ids = new AtomicInteger();

    @BeforeAll
    void aBankAndADistrictTheScenariosMayName() {
        wire = new Wire(http);
        store = new EventStoreProbe(jdbc);
        assertThat(wire.postJson("operator", "/api/credit/banks", Map.of("bankId", BANK, "name", "假设银行")).status())
                .isIn(200, 201);
        assertThat(wire.postJson("operator", "/api/credit/evaluations", Map.of("enterpriseId", "WIE1",
                "enterpriseName", "假设科技有限公司", "district", DISTRICT, "grade", "A", "evaluatedOn", "2024-01-10"))
                .status()).isIn(200, 201);
    }

    /** A list of the scenario, its fields and one entry the ledger would take. */
    private record Part(String list, List<Field> fields, Map<String, Object> entry) {
    }

    private static List<Part> parts() {
        return List.of(
                new Part("riskSharing", List.of(Field.of("effectiveFrom", Kind.DATE),
                        Field.of("fundSharePct", Kind.PERCENT), Field.optional("bankId", Kind.REF)),
                        Map.of("effectiveFrom", "2017-01-01", "fundSharePct", "70")),
                new Part("fuseThresholds", List.of(Field.of("effectiveFrom", Kind.DATE),
                        Field.of("warningPct", Kind.PERCENT), Field.of("suspensionPct", Kind.PERCENT)),
                        Map.of("effectiveFrom", "2017-01-01", "warningPct", "0", "suspensionPct", "100")),
                new Part("extraPoolContributions", List.of(Field.of("district", Kind.DISTRICT),
                        Field.choice("source", "moon"), Field.of("amount", Kind.AMOUNT),
                        Field.of("contributedOn", Kind.DATE)),
                        Map.of("district", DISTRICT, "source", "city", "amount", "3000万", "contributedOn", "2021-01-01")));
    }

    /** The template: a general ratio (so a bank's own version may be added) and one entry of each list. */
    private static Map<String, Object> template() {
        Map<String, Object> body = new LinkedHashMap<>();
        for (Part part : parts()) {
            body.put(part.list(), new ArrayList<>(List.of(new LinkedHashMap<>(part.entry()))));
        }
        body.put("asOf", List.of("2024-04-14"));
        return body;
    }

    @TestFactory
    List<DynamicNode> everyFieldOfEveryEntry() {
        List<DynamicNode> containers = new ArrayList<>();
        for (String target : List.of("POST /api/what-if/credit", "PUT /api/what-if/credit/scenarios/{name}")) {
            List<DynamicNode> tests = new ArrayList<>();
            tests.add(DynamicTest.dynamicTest(target + " · the template itself is taken", () -> {
                Answer answer = send(target, template());
                assertThat(answer.status()).as(answer.body()).isIn(200, 201);
            }));
            for (Part part : parts()) {
                for (Field f : part.fields()) {
                    for (Case c : Catalogue.deepCases(f, i -> "W" + ids.incrementAndGet())) {
                        tests.add(DynamicTest.dynamicTest(target + " · " + part.list() + "[n]." + f.name() + " · "
                                + c.label(), () -> check(target, part, f, c)));
                    }
                }
            }
            tests.add(raw(target, "malformed JSON", "application/json", "{\"riskSharing\": ", 400, "body"));
            tests.add(raw(target, "an array", "application/json", "[{}]", 400, "body"));
            tests.add(raw(target, "JSON sent as text/plain", "text/plain", "{}", 415, "Content-Type"));
            tests.add(raw(target, "an unknown field", "application/json", "{\"ratio\": 80}", 400, "ratio"));
            tests.add(raw(target, "a list given as an object", "application/json",
                    "{\"riskSharing\": {\"effectiveFrom\": \"2017-01-01\"}}", 400, "riskSharing"));
            tests.add(raw(target, "an entry given as text", "application/json", "{\"riskSharing\": [\"80\"]}", 400,
                    "riskSharing[0]"));
            containers.add(DynamicContainer.dynamicContainer(target, tests));
        }
        return containers;
    }

    /** The case's value in the second entry of its list (the first stays valid), or in the first for a lone field. */
    private void check(String target, Part part, Field f, Case c) {
        Map<String, Object> body = template();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> list = (List<Map<String, Object>>) body.get(part.list());
        Map<String, Object> entry = new LinkedHashMap<>(part.entry());
        if (part.list().equals("riskSharing")) {
            entry.put("effectiveFrom", "2021-01-01"); // the entry is a second version; the first stays general
            entry.put("bankId", BANK);
        }
        if (part.list().equals("fuseThresholds")) {
            entry.put("effectiveFrom", "2021-01-01");
        }
        if (c.value() == Catalogue.ABSENT) {
            entry.remove(f.name());
        } else {
            entry.put(f.name(), c.value());
        }
        list.add(entry);
        String field = part.list() + "[1]." + f.name();
        long before = store.count();
        Answer answer = send(target, body);
        if (c.expect() instanceof Refused refused) {
            JsonNode problem = Problems.problem(answer, refused.status());
            Problems.names(problem, refused.field().equals(f.name()) ? field : refused.field(), refused.rules());
        } else if (answer.status() >= 400) {
            // a value the ledger may take: an unknown bank or district named in a scenario is refused cleanly
            Problems.names(Problems.problem(answer), field, java.util.Set.of());
        } else {
            assertThat(answer.status()).as(answer.body()).isIn(200, 201);
            Problems.noInsides(answer);
        }
        assertThat(store.count()).as("events after a what-if").isEqualTo(before);
    }

    private DynamicTest raw(String target, String label, String contentType, String body, int status, String field) {
        return DynamicTest.dynamicTest(target + " · body · " + label, () -> {
            long before = store.count();
            Answer answer = wire.send(method(target), "finance", path(target), contentType,
                    body.getBytes(StandardCharsets.UTF_8));
            Problems.names(Problems.problem(answer, status), field, java.util.Set.of());
            assertThat(store.count()).as("events after a refusal").isEqualTo(before);
        });
    }

    private Answer send(String target, Object body) {
        return wire.send(method(target), "finance", path(target), "application/json", Wire.json(body));
    }

    private static HttpMethod method(String target) {
        return HttpMethod.valueOf(target.substring(0, target.indexOf(' ')));
    }

    private String path(String target) {
        return target.substring(target.indexOf(' ') + 1).replace("{name}", "catalogue-" + ids.incrementAndGet());
    }
}
