package cn.cq.fundledger.support;

import static org.assertj.core.api.Assertions.assertThat;

import cn.cq.fundledger.audit.verifier.ExportVerifier;
import cn.cq.fundledger.reporting.query.PublishedFigure;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The auditor's round trip: export the history, check it with the standalone verifier, compare its totals. */
public final class ExportCheck {

    private ExportCheck() {
    }

    /** Exports the whole history and asserts the verifier accepts it and recomputes every figure of /api/totals. */
    public static void verifierAgreesWithTotals(LedgerApi api, String asOf, Path dir) throws Exception {
        LedgerApi.Answer export = api.get("auditor", "/api/audit/events/export");
        assertThat(export.status()).isEqualTo(200);
        Path file = dir.resolve("history-" + asOf + ".jsonl");
        Files.writeString(file, export.body());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = ExportVerifier.run(new String[]{file.toString(), "--as-of", asOf},
                new PrintStream(out, true, StandardCharsets.UTF_8));
        String output = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(output).isZero();
        JsonNode totals = api.totals(asOf);
        List<String> expected = new ArrayList<>();
        for (String figure : PublishedFigure.names()) {
            expected.add(figure + " = " + totals.at("/" + figure.replace('.', '/')).asLong());
        }
        assertThat(output).contains(expected);
    }
}
