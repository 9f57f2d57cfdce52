package cn.cq.fundledger.audit.verifier;

import cn.cq.fundledger.audit.EventChain;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The standalone verifier: {@code java -jar fund-ledger.jar verify-export <export.jsonl> [--as-of yyyy-MM-dd]
 * [--head <hash>]}. No server, no database: it reads a JSON Lines export of the history, recomputes the hash
 * chain line by line, and recomputes the published totals from the events themselves, independently of the
 * ledger's projections. Exits 0 when the file is intact, 1 at the first bad line (named), 2 on bad usage.
 */
public final class ExportVerifier {

    private ExportVerifier() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    public static int run(String[] args, PrintStream out) {
        if (args.length < 1) {
            out.println("usage: verify-export <export.jsonl> [--as-of yyyy-MM-dd] [--head <hash>]");
            return 2;
        }
        Path file = Path.of(args[0]);
        LocalDate asOf = LocalDate.of(9999, 12, 31);
        String expectedHead = null;
        for (int i = 1; i + 1 < args.length; i += 2) {
            if (args[i].equals("--as-of")) {
                asOf = LocalDate.parse(args[i + 1]);
            } else if (args[i].equals("--head")) {
                expectedHead = args[i + 1];
            }
        }
        ObjectMapper json = new ObjectMapper();
        Totals totals = new Totals(asOf);
        String previous = EventChain.GENESIS;
        long lines = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String text;
            while ((text = reader.readLine()) != null) {
                lines++;
                if (text.isBlank()) {
                    return bad(out, lines, "an empty line");
                }
                JsonNode line;
                try {
                    line = json.readTree(text);
                } catch (JsonProcessingException e) {
                    return bad(out, lines, "not a complete JSON object (the file may be cut off here)");
                }
                String[] missing = {"position", "eventId", "aggregateId", "sequenceNumber", "payloadType", "timestamp",
                        "payload", "metaData", "previousHash", "hash"};
                for (String field : missing) {
                    if (!line.hasNonNull(field) && !field.equals("metaData")) {
                        return bad(out, lines, "the field '" + field + "' is missing");
                    }
                }
                if (!previous.equals(line.get("previousHash").asText())) {
                    return bad(out, lines, "its previousHash does not follow the line before (an event was removed, "
                            + "inserted or reordered, or a hash forged)");
                }
                EventChain.StoredEvent event = new EventChain.StoredEvent(line.get("position").asLong(),
                        line.get("eventId").asText(), line.get("aggregateId").asText(),
                        line.get("sequenceNumber").asLong(), textOrNull(line, "aggregateType"),
                        line.get("payloadType").asText(), textOrNull(line, "payloadRevision"),
                        line.get("timestamp").asText(), bytes(line, "payload"), bytes(line, "metaData"));
                String hash = EventChain.link(previous, event);
                if (!hash.equals(line.get("hash").asText())) {
                    return bad(out, lines, "its content does not match its hash (event " + event.eventIdentifier()
                            + " was changed, or its hash forged)");
                }
                totals.add(line.get("payloadType").asText(), json.readTree(line.get("payload").asText()));
                previous = hash;
            }
        } catch (IOException e) {
            out.println("cannot read " + file + ": " + e.getMessage());
            return 2;
        }
        if (lines == 0) {
            return bad(out, 0, "the export holds no event");
        }
        if (expectedHead != null && !expectedHead.equals(previous)) {
            out.println("FAIL: the chain ends at " + previous + ", not at the published head " + expectedHead
                    + " (events are missing at the end, or the whole chain was recomputed)");
            return 1;
        }
        out.println("OK: " + lines + " events, chain intact, head " + previous);
        out.println("Totals as of " + asOf + " recomputed from the export:");
        totals.figures().forEach((name, value) -> out.println("  " + name + " = " + value));
        return 0;
    }

    private static int bad(PrintStream out, long line, String why) {
        out.println("FAIL at line " + line + ": " + why);
        return 1;
    }

    private static String textOrNull(JsonNode line, String field) {
        return line.hasNonNull(field) ? line.get(field).asText() : null;
    }

    private static byte[] bytes(JsonNode line, String field) {
        return line.hasNonNull(field) ? line.get(field).asText().getBytes(StandardCharsets.UTF_8) : null;
    }

    /**
     * The published figures recomputed from the events' payloads (amounts in fen), by the rules of /api/totals:
     * facts dated on or before the date count; the business date is the payload's own date field.
     */
    static final class Totals {
        private final LocalDate asOf;
        /** Things counted net of reversals: a project or enterprise counts while its facts number more than zero. */
        private final Map<String, Long> seedProjects = new HashMap<>();
        private final Map<String, Long> equityProjects = new HashMap<>();
        private final Map<String, Long> enterprises = new HashMap<>();
        private final Map<String, Long> figures = new LinkedHashMap<>();

        Totals(LocalDate asOf) {
            this.asOf = asOf;
            for (String name : new String[]{"seedFund.projects", "seedFund.investedFen", "equityFund.projects",
                    "equityFund.investedFen", "creditLoans.loans", "creditLoans.enterprises", "creditLoans.issuedFen",
                    "creditLoans.outstandingFen", "creditLoans.defaultedFen", "creditLoans.compensatedFen",
                    "creditLoans.recoveredFen", "guidedLoans.loans", "guidedLoans.issuedFen", "riskPools.contributedFen",
                    "riskPools.compensatedFen", "riskPools.recoveredFen", "riskPools.balanceFen",
                    "riskPools.waitingClaimsFen"}) {
                figures.put(name, 0L);
            }
        }

        void add(String payloadType, JsonNode p) {
            String type = payloadType.substring(payloadType.lastIndexOf('.') + 1);
            switch (type) {
                case "SeedInvestmentMade" -> {
                    if (on(p, "investedOn")) {
                        seedProjects.merge(p.get("projectId").asText(), 1L, Long::sum);
                        plus("seedFund.investedFen", p.get("amount").asLong());
                    }
                }
                case "DealClosed" -> {
                    if (on(p, "closedOn")) {
                        equityProjects.merge(p.get("projectId").asText(), 1L, Long::sum);
                        plus("equityFund.investedFen", p.get("amount").asLong());
                    }
                }
                case "LoanIssued" -> {
                    if (on(p, "issuedOn")) {
                        plus("creditLoans.loans", 1);
                        enterprises.merge(p.get("enterpriseId").asText(), 1L, Long::sum);
                        plus("creditLoans.issuedFen", p.get("principal").asLong());
                        plus("creditLoans.outstandingFen", p.get("principal").asLong());
                    }
                }
                case "LoanRepaid" -> {
                    if (on(p, "paidOn")) {
                        plus("creditLoans.outstandingFen", -p.get("principal").asLong());
                    }
                }
                case "LoanDefaulted" -> {
                    if (on(p, "declaredOn")) {
                        plus("creditLoans.outstandingFen", -p.get("unrecoveredPrincipal").asLong());
                        plus("creditLoans.defaultedFen", p.get("unrecoveredPrincipal").asLong());
                    }
                }
                case "CompensationClaimed" -> {
                    if (on(p, "claimedOn")) {
                        plus("riskPools.waitingClaimsFen", p.get("poolShare").asLong());
                    }
                }
                case "CompensationPaid" -> {
                    if (on(p, "paidOn")) {
                        plus("riskPools.waitingClaimsFen", -p.get("amount").asLong());
                        plus("creditLoans.compensatedFen", p.get("amount").asLong());
                        plus("riskPools.compensatedFen", p.get("amount").asLong());
                        plus("riskPools.balanceFen", -p.get("amount").asLong());
                    }
                }
                case "RecoveryRecorded" -> {
                    if (on(p, "recoveredOn")) {
                        plus("creditLoans.recoveredFen", p.get("amount").asLong());
                        plus("riskPools.recoveredFen", p.get("poolShare").asLong());
                        plus("riskPools.balanceFen", p.get("poolShare").asLong());
                    }
                }
                case "PoolContributionReceived" -> {
                    if (on(p, "contributedOn")) {
                        plus("riskPools.contributedFen", p.get("amount").asLong());
                        plus("riskPools.balanceFen", p.get("amount").asLong());
                    }
                }
                case "GuidedLoanRecorded" -> {
                    if (on(p, "issuedOn")) {
                        plus("guidedLoans.loans", 1);
                        plus("guidedLoans.issuedFen", p.get("principal").asLong());
                    }
                }
                case "FactReversed" -> {
                    if (on(p, "businessDate")) {
                        creditReversal(p);
                    }
                }
                case "SeedFactReversed" -> {
                    if (on(p, "businessDate") && "INVESTMENT".equals(p.get("kind").asText())) {
                        seedProjects.merge(p.get("projectId").asText(), -1L, Long::sum);
                        plus("seedFund.investedFen", -p.get("amount").asLong());
                    }
                }
                case "EquityFactReversed" -> {
                    if (on(p, "businessDate") && "DEAL".equals(p.get("kind").asText())) {
                        equityProjects.merge(p.get("projectId").asText(), -1L, Long::sum);
                        plus("equityFund.investedFen", -p.get("amount").asLong());
                    }
                }
                default -> {
                    // not part of the published totals
                }
            }
        }

        /** A credit correction: the reversed fact's amounts taken back, at the fact's own business date. */
        private void creditReversal(JsonNode p) {
            long principal = p.path("principal").asLong(0);
            long amount = p.path("amount").asLong(0);
            long poolShare = p.path("poolShare").asLong(0);
            switch (p.get("kind").asText()) {
                case "REPAYMENT" -> plus("creditLoans.outstandingFen", principal);
                case "CONTRIBUTION" -> {
                    plus("riskPools.contributedFen", -amount);
                    plus("riskPools.balanceFen", -amount);
                }
                case "GUIDED_LOAN" -> {
                    plus("guidedLoans.loans", -1);
                    plus("guidedLoans.issuedFen", -principal);
                }
                case "LOAN" -> {
                    plus("creditLoans.loans", -1);
                    enterprises.merge(p.get("enterpriseId").asText(), -1L, Long::sum);
                    plus("creditLoans.issuedFen", -principal);
                    plus("creditLoans.outstandingFen", -principal);
                }
                case "DEFAULT" -> {
                    plus("creditLoans.outstandingFen", principal);
                    plus("creditLoans.defaultedFen", -principal);
                }
                case "CLAIM" -> plus("riskPools.waitingClaimsFen", -poolShare);
                case "RECOVERY" -> {
                    plus("creditLoans.recoveredFen", -amount);
                    plus("riskPools.recoveredFen", -poolShare);
                    plus("riskPools.balanceFen", -poolShare);
                }
                default -> {
                    // an evaluation moves no money
                }
            }
        }

        Map<String, Long> figures() {
            figures.put("seedFund.projects", counted(seedProjects));
            figures.put("equityFund.projects", counted(equityProjects));
            figures.put("creditLoans.enterprises", counted(enterprises));
            return figures;
        }

        private static long counted(Map<String, Long> things) {
            return things.values().stream().filter(n -> n > 0).count();
        }

        private boolean on(JsonNode payload, String dateField) {
            return !LocalDate.parse(payload.get(dateField).asText()).isAfter(asOf);
        }

        private void plus(String figure, long amount) {
            figures.merge(figure, amount, Long::sum);
        }
    }
}
