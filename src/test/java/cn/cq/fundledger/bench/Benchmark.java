package cn.cq.fundledger.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The speed-and-scale benchmark (issue 14): one command, not a test.
 *
 * <pre>./mvnw -Pbench verify [-Dbench.loans=1000000] [-Dbench.heap=512m]</pre>
 *
 * For N/10 and N loans (a {@link SyntheticHistory} of the reference mix), on a fresh H2 file in a child JVM running
 * the packaged ledger as a user runs it, it measures side by side: the import through every rule until the
 * projections hold it, the plain JDBC insert ceiling for the same number of event-sized rows, the replay of every
 * projection, the plain sequential read ceiling, query latencies (p50/p99, client side over loopback, with the
 * server's own handling time where it reports it), the restart and the first command after it, verification, the
 * peak live heap (from the GC log), and the file's size beside its compacted size. It checks the figures (the
 * reference's totals times the copies) and prints a table; the figures go to {@code target/bench/results.json}.
 */
public final class Benchmark {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final int QUERIES = 100;
    private static final String LATEST = "2025-08-31";
    private static final String MID = "2021-06-30";

    private final Path root;
    private final String heap;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private Process ledger;
    private int port;
    private Path gcLog;

    private Benchmark(Path root, String heap) {
        this.root = root;
        this.heap = heap;
    }

    public static void main(String[] args) throws Exception {
        long loans = Long.parseLong(System.getProperty("bench.loans", "1000000"));
        String heap = System.getProperty("bench.heap", "512m");
        Path root = Path.of(System.getProperty("bench.dir", "target/bench"));
        Files.createDirectories(root);
        Benchmark bench = new Benchmark(root, heap);
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("machine", machine());
        results.put("heap", heap);
        List<Map<String, Object>> runs = new ArrayList<>();
        for (long size : new long[]{Math.max(1, loans / 10), loans}) {
            Map<String, Object> run = new LinkedHashMap<>();
            runs.add(run);
            results.put("runs", runs);
            try {
                bench.run(size, run);
            } catch (Exception | Error e) {
                run.put("failed", e.toString());
                System.err.println("benchmark at " + size + " loans failed: " + e);
            } finally {
                bench.stop();
            }
            Files.writeString(root.resolve("results.json"), JSON.writeValueAsString(results));
        }
        printTable(runs);
        System.out.println("figures written to " + root.resolve("results.json").toAbsolutePath());
    }

    private void run(long wanted, Map<String, Object> run) throws Exception {
        int copies = SyntheticHistory.copiesFor(wanted);
        Path dir = root.resolve("n-" + (long) copies * SyntheticHistory.LOANS_PER_COPY);
        deleteTree(dir);
        Files.createDirectories(dir);
        long t0 = System.nanoTime();
        SyntheticHistory.Written bundle = SyntheticHistory.write(dir.resolve("bundle"), copies);
        run.put("loans", (long) copies * SyntheticHistory.LOANS_PER_COPY);
        run.put("copies", copies);
        run.put("rows", bundle.rows());
        run.put("generateSeconds", seconds(t0));
        log("%d loans: %d rows generated in %.1f s", (long) copies * SyntheticHistory.LOANS_PER_COPY, bundle.rows(),
                seconds(t0));

        start(dir);
        // import through every rule, then until the projections hold it
        long started = System.nanoTime();
        HttpResponse<String> imported = sendBundle(bundle);
        double importSeconds = seconds(started);
        if (imported.statusCode() != 200) {
            throw new IllegalStateException("import answered " + imported.statusCode() + ": " + abbreviate(imported.body()));
        }
        JsonNode report = JSON.readTree(imported.body());
        long events = awaitConsistent(Duration.ofHours(2));
        double projected = seconds(started);
        run.put("importSeconds", importSeconds);
        run.put("importUntilProjectedSeconds", projected);
        run.put("applied", report.path("applied").asLong());
        run.put("events", events);
        run.put("importRowsPerSecond", bundle.rows() / projected);
        run.put("importEventsPerSecond", events / projected);
        run.put("importMicrosPerEvent", projected * 1e6 / events);
        log("import: %d rows applied in %.1f s, projected after %.1f s (%.0f rows/s), %d events",
                report.path("applied").asLong(), importSeconds, projected, bundle.rows() / projected, events);
        run.put("figuresCorrect", checkFigures(copies));

        run.put("queries", queries());
        // verification as a job (POST /api/audit/verifications, then its URL), as an auditor runs it
        JsonNode full = verification("full");
        run.put("verifySeconds", jobSeconds(full));
        run.put("verifyState", full.path("state").asText());
        run.put("verifyChainEventsPerSecond", full.at("/result/chainEventsPerSecond").asLong());
        run.put("verifyMatch", full.at("/result/chainValid").asBoolean() && full.at("/result/projectionsMatch")
                .asBoolean());
        log("verify (full job): %s in %.1f s, chain %d events/s, %s", full.path("state").asText(),
                jobSeconds(full), full.at("/result/chainEventsPerSecond").asLong(),
                full.path("result"));

        // restart: until healthy (the programs loaded), then the first command (the same bank again: records nothing)
        stop();
        long restarted = System.nanoTime();
        start(dir);
        run.put("restartSeconds", seconds(restarted));
        long command = System.nanoTime();
        HttpResponse<String> again = post("operator", "/api/credit/banks", "{\"bankId\":\"B01\",\"name\":\""
                + bankName() + "\"}");
        run.put("firstCommandAfterRestartSeconds", seconds(command));
        run.put("firstCommandStatus", again.statusCode());
        log("restart: healthy after %.1f s, first command %d in %.2f s", (double) run.get("restartSeconds"),
                again.statusCode(), seconds(command));
        // one fact more, then the fast check of what was added since the last verified point
        post("operator", "/api/credit/banks", "{\"bankId\":\"BENCH\",\"name\":\"基准银行\"}");
        JsonNode since = verification("since-last");
        run.put("sinceLastVerifySeconds", jobSeconds(since));
        run.put("sinceLastLinksChecked", since.at("/result/linksChecked").asLong());
        log("verify (since-last job): %s in %.2f s, %d links", since.path("state").asText(),
                jobSeconds(since), since.at("/result/linksChecked").asLong());

        // replay of every projection
        long replayStarted = System.nanoTime();
        post("auditor", "/api/audit/replay", "");
        await(Duration.ofHours(2), () -> {
            try {
                JsonNode progress = json(get("auditor", "/api/audit/replay", Duration.ofSeconds(30)));
                return progress != null && !progress.path("replaying").asBoolean(true)
                        && progress.path("done").asLong() >= progress.path("total").asLong();
            } catch (IOException | InterruptedException e) {
                return false;
            }
        });
        double replaySeconds = seconds(replayStarted);
        run.put("replaySeconds", replaySeconds);
        run.put("replayEventsPerSecond", events / replaySeconds);
        run.put("replayMicrosPerEvent", replaySeconds * 1e6 / events);
        log("replay: %d events in %.1f s (%.0f events/s)", events, replaySeconds, events / replaySeconds);
        run.put("peakLiveHeapMb", peakLiveHeapMb());
        Path file = dir.resolve("ledger.mv.db");
        run.put("liveFileMb", Files.size(file) / 1_048_576.0);
        stop();
        run.put("fileMb", Files.size(file) / 1_048_576.0);
        ReadCeiling read = readCeiling(dir.resolve("ledger"));
        run.put("readCeilingRowsPerSecond", read.rowsPerSecond());
        run.put("averagePayloadBytes", read.payloadBytes());
        run.put("averageMetaDataBytes", read.metaDataBytes());
        run.put("compactedFileMb", compacted(dir));
        run.put("insertCeilingRowsPerSecond", insertCeiling(dir.resolve("ceiling"), events, read));
        run.put("importRatio", (double) run.get("importRowsPerSecond") / (double) run.get("insertCeilingRowsPerSecond"));
        run.put("replayRatio", (double) run.get("replayEventsPerSecond") / (double) run.get("readCeilingRowsPerSecond"));
        log("file %.0f MB (compacted %.0f MB); ceilings: insert %.0f rows/s, read %.0f rows/s",
                (double) run.get("fileMb"), (double) run.get("compactedFileMb"),
                (double) run.get("insertCeilingRowsPerSecond"), (double) run.get("readCeilingRowsPerSecond"));
    }

    // ------------------------------------------------------------------ measurements

    /** The totals as of 2024-04-14 are the published figures times the copies (distinct counts included). */
    private boolean checkFigures(int copies) throws IOException, InterruptedException {
        JsonNode totals = json(get("finance", "/api/totals?asOf=2024-04-14", Duration.ofMinutes(5)));
        boolean correct = totals.at("/creditLoans/loans").asLong() == 12_535L * copies
                && totals.at("/creditLoans/issuedFen").asLong() == 2_172_000_000_000L * copies
                && totals.at("/guidedLoans/issuedFen").asLong() == 1_481_000_000_000L * copies
                && totals.at("/seedFund/projects").asLong() == 821L * copies
                && totals.at("/seedFund/investedFen").asLong() == 29_800_000_000L * copies
                && totals.at("/equityFund/projects").asLong() == 7L * copies
                && totals.at("/equityFund/investedFen").asLong() == 29_000_000_000L * copies;
        log("figures as of 2024-04-14 %s: %s", correct ? "correct" : "WRONG", totals);
        return correct;
    }

    /** p50/p99 of each read, client side (HTTP Basic each time, as a machine client calls today). */
    private Map<String, Object> queries() throws IOException, InterruptedException {
        Map<String, String> reads = new LinkedHashMap<>();
        reads.put("totals latest", "/api/totals?asOf=" + LATEST);
        reads.put("totals mid-history", "/api/totals?asOf=" + MID);
        reads.put("credit portfolio by district", "/api/reports/credit/portfolio/district?asOf=" + LATEST);
        reads.put("credit pools", "/api/reports/credit/pools?asOf=" + LATEST);
        reads.put("loan book first page", "/api/reports/credit/loan-book?asOf=" + LATEST + "&size=50");
        reads.put("seed portfolio by fund", "/api/reports/seed/portfolio/fund?asOf=" + LATEST);
        reads.put("equity funds", "/api/reports/equity/funds?asOf=" + LATEST);
        reads.put("explain issuedFen first page", "/api/totals/explain?figure=creditLoans.issuedFen&asOf=" + LATEST
                + "&size=100");
        Map<String, Object> answers = new LinkedHashMap<>();
        for (Map.Entry<String, String> read : reads.entrySet()) {
            get("finance", read.getValue(), Duration.ofMinutes(5)); // warm
            double[] ms = new double[QUERIES];
            for (int i = 0; i < QUERIES; i++) {
                long started = System.nanoTime();
                HttpResponse<String> answer = get("finance", read.getValue(), Duration.ofMinutes(5));
                ms[i] = (System.nanoTime() - started) / 1e6;
                if (answer.statusCode() != 200) {
                    throw new IllegalStateException(read.getKey() + " answered " + answer.statusCode());
                }
            }
            Arrays.sort(ms);
            Map<String, Object> figure = new LinkedHashMap<>();
            figure.put("p50Ms", ms[QUERIES / 2]);
            figure.put("p99Ms", ms[(int) Math.ceil(QUERIES * 0.99) - 1]);
            double serverP99 = serverPercentileMs(read.getValue(), "0.99");
            figure.put("serverP99Ms", serverP99);
            answers.put(read.getKey(), figure);
            log("%-32s p50 %7.1f ms  p99 %7.1f ms  (in the server: p99 %7.1f ms)", read.getKey(), ms[QUERIES / 2],
                    ms[(int) Math.ceil(QUERIES * 0.99) - 1], serverP99);
        }
        // the cost of authenticating one call: an endpoint answering at once (health needs no sign-in)
        double[] anonymous = new double[QUERIES];
        double[] signedIn = new double[QUERIES];
        for (int i = 0; i < QUERIES; i++) {
            long started = System.nanoTime();
            get(null, "/actuator/health/liveness", Duration.ofSeconds(30));
            anonymous[i] = (System.nanoTime() - started) / 1e6;
            started = System.nanoTime();
            get("finance", "/actuator/health/liveness", Duration.ofSeconds(30));
            signedIn[i] = (System.nanoTime() - started) / 1e6;
        }
        Arrays.sort(anonymous);
        Arrays.sort(signedIn);
        answers.put("authentication per call (p50, ms)", signedIn[QUERIES / 2] - anonymous[QUERIES / 2]);
        log("authentication per call: %.1f ms", signedIn[QUERIES / 2] - anonymous[QUERIES / 2]);
        return answers;
    }

    /**
     * The server's own percentile of the endpoint a read calls (the quantiles of http_server_requests_seconds on the
     * Prometheus endpoint, over the last two minutes, by the endpoint's pattern: reads of one endpoint with other
     * parameters count together), in ms; -1 if absent.
     */
    private double serverPercentileMs(String path, String quantile) throws IOException, InterruptedException {
        String uri = path.substring(0, path.indexOf('?') < 0 ? path.length() : path.indexOf('?'))
                .replaceAll("/portfolio/[a-z]+$", "/portfolio/{by}");
        HttpResponse<String> scrape = get("admin", "/actuator/prometheus", Duration.ofSeconds(30));
        for (String line : scrape.body().split("\n")) {
            if (line.startsWith("http_server_requests_seconds{") && line.contains("uri=\"" + uri + "\"")
                    && line.contains("status=\"200\"") && line.contains("quantile=\"" + quantile + "\"")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)) * 1000;
            }
        }
        return -1;
    }

    /** Starts a verification job and follows its URL until it has finished; answers the finished job. */
    private JsonNode verification(String scope) throws IOException, InterruptedException {
        HttpResponse<String> started = post("auditor", "/api/audit/verifications", "{\"scope\":\"" + scope + "\"}");
        if (started.statusCode() != 202) {
            throw new IllegalStateException("verification answered " + started.statusCode() + ": " + started.body());
        }
        String url = JSON.readTree(started.body()).path("url").asText();
        JsonNode[] job = new JsonNode[1];
        await(Duration.ofHours(2), () -> {
            try {
                job[0] = json(get("auditor", url, Duration.ofMinutes(1)));
                return job[0] != null && !job[0].path("state").asText().equals("running");
            } catch (IOException | InterruptedException e) {
                return false;
            }
        });
        return job[0];
    }

    private static double jobSeconds(JsonNode job) {
        return java.time.Duration.between(java.time.Instant.parse(job.path("startedAt").asText()),
                java.time.Instant.parse(job.path("finishedAt").asText())).toMillis() / 1000.0;
    }

    /** The largest heap left after a collection during the whole run (the live set), from the child's GC log. */
    private double peakLiveHeapMb() throws IOException {
        Pattern after = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");
        double peak = 0;
        try (Stream<String> lines = Files.lines(gcLog)) {
            for (String line : (Iterable<String>) lines::iterator) {
                Matcher m = after.matcher(line);
                if (m.find()) {
                    peak = Math.max(peak, Double.parseDouble(m.group(2)));
                }
            }
        }
        return peak;
    }

    /** The read ceiling, and the stored events' average sizes (the insert ceiling writes rows of those sizes). */
    private record ReadCeiling(double rowsPerSecond, int payloadBytes, int metaDataBytes) {
    }

    /** Plain sequential read of every column of the stored events (the ledger stopped), rows per second. */
    private static ReadCeiling readCeiling(Path database) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + database.toAbsolutePath(), "sa", "");
             Statement s = c.createStatement()) {
            s.setFetchSize(1000);
            long started = System.nanoTime();
            long rows = 0;
            long payload = 0;
            long metaData = 0;
            try (ResultSet rs = s.executeQuery("SELECT globalIndex, aggregateIdentifier, sequenceNumber, type, "
                    + "eventIdentifier, metaData, payload, payloadRevision, payloadType, timeStamp "
                    + "FROM DomainEventEntry ORDER BY globalIndex")) {
                while (rs.next()) {
                    byte[] meta = rs.getBytes(6);
                    metaData += meta == null ? 0 : meta.length;
                    payload += rs.getBytes(7).length;
                    rows++;
                }
            }
            double perSecond = rows / seconds(started);
            return new ReadCeiling(perSecond, (int) (payload / Math.max(1, rows)), (int) (metaData / Math.max(1, rows)));
        }
    }

    /** The same store compacted (a copy, so the measured file stays as the ledger left it), in MB. */
    private static double compacted(Path dir) throws Exception {
        Path copy = dir.resolve("compacted.mv.db");
        Files.copy(dir.resolve("ledger.mv.db"), copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("compacted").toAbsolutePath(),
                "sa", ""); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN COMPACT");
        }
        double mb = Files.size(copy) / 1_048_576.0;
        Files.deleteIfExists(copy);
        return mb;
    }

    /**
     * Plain JDBC batch insert, in one transaction, of as many rows as the ledger stored events, each shaped like the
     * event table's (same columns, types and unique keys) with the stored events' average payload and metadata sizes.
     */
    private static double insertCeiling(Path database, long rows, ReadCeiling sizes) throws Exception {
        deleteTree(database.getParent().resolve("ceiling.mv.db"));
        byte[] payload = new byte[sizes.payloadBytes()];
        Arrays.fill(payload, (byte) 'x');
        byte[] metaData = new byte[sizes.metaDataBytes()];
        Arrays.fill(metaData, (byte) 'm');
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + database.toAbsolutePath(), "sa", "")) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE events (globalIndex BIGINT PRIMARY KEY, eventIdentifier VARCHAR(255) NOT NULL "
                        + "UNIQUE, aggregateIdentifier VARCHAR(255) NOT NULL, sequenceNumber BIGINT NOT NULL, "
                        + "type VARCHAR(255), timeStamp VARCHAR(255) NOT NULL, payloadType VARCHAR(255) NOT NULL, "
                        + "payloadRevision VARCHAR(255), payload BINARY VARYING NOT NULL, metaData BINARY VARYING, "
                        + "UNIQUE (aggregateIdentifier, sequenceNumber))");
            }
            c.setAutoCommit(false);
            long started = System.nanoTime();
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO events VALUES (?,?,?,?,?,?,?,?,?,?)")) {
                for (long i = 0; i < rows; i++) {
                    insert.setLong(1, i);
                    insert.setString(2, UUID.randomUUID().toString());
                    insert.setString(3, "kv-credit");
                    insert.setLong(4, i);
                    insert.setString(5, "CreditProgram");
                    insert.setString(6, "2026-12-03T00:00:00Z");
                    insert.setString(7, "cn.cq.fundledger.credit.api.LoanRepaid");
                    insert.setString(8, null);
                    insert.setBytes(9, payload);
                    insert.setBytes(10, metaData);
                    insert.addBatch();
                    if (i % 1000 == 999) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
            }
            c.commit();
            return rows / seconds(started);
        }
    }

    // ------------------------------------------------------------------ the child ledger

    private void start(Path dir) throws Exception {
        port = freePort();
        gcLog = dir.resolve("gc-" + System.nanoTime() + ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                        .toString(), "-Xmx" + heap, "-Xlog:gc:file=" + gcLog.toAbsolutePath(),
                "-Daxoniq.update-checker.disabled=true", "-jar", jar().toString(), "--server.port=" + port,
                "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("ledger").toAbsolutePath(),
                "--fundledger.reference-data.load=false",
                "--fundledger.import.spool-directory=" + dir.resolve("spool").toAbsolutePath(),
                "--fundledger.consistency.wait=10m",
                "--fundledger.security.login-throttle.max-failures=100000"));
        ledger = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("ledger.log").toFile())).start();
        await(Duration.ofMinutes(10), () -> {
            try {
                return get(null, "/actuator/health", Duration.ofSeconds(10)).statusCode() == 200;
            } catch (IOException | InterruptedException | RuntimeException e) {
                return false;
            }
        });
    }

    private void stop() throws InterruptedException {
        if (ledger != null) {
            ledger.destroy(); // SIGTERM: a clean shutdown, as systemd stops it
            if (!ledger.waitFor(5, java.util.concurrent.TimeUnit.MINUTES)) {
                ledger.destroyForcibly().waitFor();
            }
            ledger = null;
        }
    }

    private static Path jar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().matches("fund-ledger-.*\\.jar")
                    && !p.getFileName().toString().endsWith("-plain.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no packaged ledger in target/: ./mvnw -Pbench verify"));
        }
    }

    /** Waits until the projections hold every stored event; answers how many events are stored. */
    private long awaitConsistent(Duration timeout) throws InterruptedException {
        long[] total = new long[1];
        await(timeout, () -> {
            try {
                HttpResponse<String> page = get("auditor", "/api/audit/events?size=1", Duration.ofMinutes(15));
                total[0] = JSON.readTree(page.body()).path("total").asLong();
                return page.headers().firstValue("X-Ledger-Consistent").orElse("").equals("true");
            } catch (IOException | InterruptedException | RuntimeException e) {
                return false;
            }
        });
        return total[0];
    }

    private String bankName() throws IOException, InterruptedException {
        return json(get("finance", "/api/credit/banks", Duration.ofMinutes(5))).get(0).get("name").asText();
    }

    // ------------------------------------------------------------------ HTTP

    private HttpResponse<String> sendBundle(SyntheticHistory.Written bundle) throws Exception {
        String boundary = "----bench" + UUID.randomUUID();
        List<HttpRequest.BodyPublisher> parts = new ArrayList<>();
        for (Map.Entry<String, Path> file : bundle.files().entrySet()) {
            parts.add(HttpRequest.BodyPublishers.ofString("--" + boundary + "\r\nContent-Disposition: form-data; "
                    + "name=\"file\"; filename=\"" + file.getKey() + ".csv\"\r\nContent-Type: text/csv\r\n\r\n",
                    StandardCharsets.UTF_8));
            parts.add(HttpRequest.BodyPublishers.ofFile(file.getValue()));
            parts.add(HttpRequest.BodyPublishers.ofString("\r\n"));
        }
        parts.add(HttpRequest.BodyPublishers.ofString("--" + boundary + "--\r\n"));
        HttpRequest request = request("operator", "/api/imports", Duration.ofHours(3))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.concat(parts.toArray(HttpRequest.BodyPublisher[]::new))).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String user, String path, Duration timeout) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(timeout);
        if (user != null) {
            builder.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + user)
                    .getBytes(StandardCharsets.UTF_8)));
        }
        return builder;
    }

    private HttpResponse<String> get(String user, String path, Duration timeout) throws IOException,
            InterruptedException {
        return http.send(request(user, path, timeout).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String user, String path, String body) throws IOException, InterruptedException {
        return http.send(request(user, path, Duration.ofMinutes(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
    }

    // ------------------------------------------------------------------ output

    private static void printTable(List<Map<String, Object>> runs) {
        String[][] rows = {
                {"loans", "loans"}, {"rows", "rows"}, {"events", "events"},
                {"import until projected (s)", "importUntilProjectedSeconds"},
                {"import rows/s", "importRowsPerSecond"}, {"insert ceiling rows/s", "insertCeilingRowsPerSecond"},
                {"import / ceiling", "importRatio"}, {"import µs/event", "importMicrosPerEvent"},
                {"replay (s)", "replaySeconds"}, {"replay µs/event", "replayMicrosPerEvent"},
                {"replay events/s", "replayEventsPerSecond"}, {"read ceiling rows/s", "readCeilingRowsPerSecond"},
                {"replay / ceiling", "replayRatio"}, {"restart until healthy (s)", "restartSeconds"},
                {"first command after restart (s)", "firstCommandAfterRestartSeconds"},
                {"verify, full job (s)", "verifySeconds"}, {"verify: chain events/s", "verifyChainEventsPerSecond"},
                {"verify: chain and projections hold", "verifyMatch"},
                {"verify, since-last job (s)", "sinceLastVerifySeconds"},
                {"peak live heap (MB)", "peakLiveHeapMb"},
                {"file while running (MB)", "liveFileMb"}, {"file after stop (MB)", "fileMb"},
                {"compacted (MB)", "compactedFileMb"},
                {"figures correct", "figuresCorrect"}, {"failed", "failed"}};
        System.out.println();
        System.out.printf("%-34s", "measure");
        runs.forEach(r -> System.out.printf("%20s", "N=" + r.getOrDefault("loans", "?")));
        System.out.println();
        for (String[] row : rows) {
            System.out.printf("%-34s", row[0]);
            for (Map<String, Object> run : runs) {
                Object v = run.get(row[1]);
                System.out.printf("%20s", v instanceof Double d ? String.format(Locale.ROOT, d < 10 ? "%.3f" : "%.0f", d)
                        : v == null ? "" : abbreviate(String.valueOf(v)));
            }
            System.out.println();
        }
        for (Map<String, Object> run : runs) {
            if (run.get("queries") instanceof Map<?, ?> queries) {
                System.out.println("queries at N=" + run.get("loans") + ": " + queries);
            }
        }
    }

    private static Map<String, Object> machine() {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("java", System.getProperty("java.version"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        return machine;
    }

    // ------------------------------------------------------------------ small things

    private static void await(Duration timeout, BooleanSupplier condition) {
        org.awaitility.Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(250))
                .until(condition::getAsBoolean);
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static String abbreviate(String text) {
        return text == null || text.length() < 60 ? text : text.substring(0, 60) + "…";
    }

    private static void log(String format, Object... args) {
        System.out.printf(Locale.ROOT, "[bench] " + format + "%n", args);
    }
}
