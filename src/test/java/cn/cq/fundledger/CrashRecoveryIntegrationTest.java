package cn.cq.fundledger;

import static org.assertj.core.api.Assertions.assertThat;

import cn.cq.fundledger.importer.reference.ReferenceDataset;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 at several moments of a large import and of a replay, in a child JVM on an H2 file, as an operator's
 * machine would crash (issue 11, finding 3 and build 3): after each restart nothing of the killed import is
 * stored, the ledger answers consistent figures at once (a crashed import leaves thousands of empty positions,
 * which cost the processors nothing), the re-sent file applies exactly once, a killed replay resumes, and in
 * the end the chain is intact and the projections equal a replay of the history.
 */
class CrashRecoveryIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, byte[]> BUNDLE = ReferenceDataset.csvFiles();

    @TempDir
    Path folder;

    private Process ledger;
    private int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void stop() {
        if (ledger != null) {
            ledger.destroyForcibly();
        }
    }

    @Test
    void killedImportsWriteNothingTheResentBundleAppliesOnceAndAKilledReplayResumes() throws Exception {
        start();
        long emptyStore = events();

        for (double killAt : new double[] {0.1, 0.9}) {
            CompletableFuture<HttpResponse<String>> sending = sendBundle();
            await(Duration.ofMinutes(3), () -> importProgress() >= killAt);
            kill();
            sending.handle((r, e) -> null).join();
            start();
            assertThat(events()).as("events after a kill at %s of the import", killAt).isEqualTo(emptyStore);
            assertConsistentAndGapFree();
        }

        HttpResponse<String> applied = sendBundle().join();
        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(200);
        JsonNode report = JSON.readTree(applied.body());
        long rows = report.get("rows").asLong();
        assertThat(report.get("applied").asLong()).isEqualTo(rows);
        long stored = events();
        assertThat(stored).isGreaterThanOrEqualTo(rows);
        JsonNode totals = totals();

        HttpResponse<String> again = sendBundle().join();
        assertThat(JSON.readTree(again.body()).get("duplicates").asLong()).isEqualTo(rows);
        assertThat(events()).isEqualTo(stored);

        assertThat(post("auditor", "/api/audit/replay").statusCode()).isEqualTo(202);
        await(Duration.ofMinutes(2), () -> replayDone() > 0.3);
        kill();
        start();
        await(Duration.ofMinutes(3), () -> !get("auditor", "/api/audit/replay").body().contains("\"replaying\":true"));
        assertConsistentAndGapFree();
        assertThat(totals()).isEqualTo(totals);
        JsonNode verification = JSON.readTree(get("auditor", "/api/audit/verify").body());
        assertThat(verification.get("chainValid").asBoolean()).as(verification.toString()).isTrue();
        assertThat(verification.get("projectionsMatch").asBoolean()).as(verification.toString()).isTrue();
        assertThat(verification.get("events").asLong()).isEqualTo(stored);
        assertThat(events()).isEqualTo(stored);
    }

    // ------------------------------------------------------------ the child ledger

    private void start() throws Exception {
        port = freePort();
        Path jar = jar();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-Daxoniq.update-checker.disabled=true", "-jar", jar.toString(),
                "--server.port=" + port,
                "--spring.datasource.url=jdbc:h2:file:" + folder.resolve("ledger").toAbsolutePath(),
                "--fundledger.reference-data.load=false",
                "--fundledger.import.spool-directory=" + folder.resolve("spool").toAbsolutePath(),
                "--fundledger.security.login-throttle.max-failures=1000"));
        ledger = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(folder.resolve("ledger-" + UUID.randomUUID() + ".log").toFile()).start();
        await(Duration.ofMinutes(2), () -> {
            try {
                return get(null, "/actuator/health").statusCode() == 200;
            } catch (RuntimeException e) {
                return false;
            }
        });
    }

    private void kill() throws InterruptedException {
        ledger.destroyForcibly(); // SIGKILL: no shutdown hook, no commit, no flush
        ledger.waitFor();
        ledger = null;
    }

    private static Path jar() throws IOException {
        try (var files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().matches("fund-ledger-.*\\.jar")
                    && !p.getFileName().toString().endsWith("-plain.jar")).findFirst()
                    .orElseThrow(() -> new AssertionError("no packaged ledger in target/: run ./mvnw verify"));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    // ------------------------------------------------------------ what is stored and shown

    /** Events in the store, as the event history counts them once it holds every stored event. */
    private long events() throws IOException, InterruptedException {
        HttpResponse<String>[] page = new HttpResponse[1];
        await(Duration.ofMinutes(2), () -> {
            page[0] = get("auditor", "/api/audit/events?size=1");
            return page[0].headers().firstValue("X-Ledger-Consistent").orElse("").equals("true");
        });
        return JSON.readTree(page[0].body()).get("total").asLong();
    }

    private JsonNode totals() throws IOException, InterruptedException {
        events();
        HttpResponse<String> response = get("finance", "/api/totals?asOf=2025-08-31");
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** Figures answer as complete at once (the consistency wait is seconds; gaps cost the processors nothing). */
    private void assertConsistentAndGapFree() throws IOException {
        HttpResponse<String> response = get("finance", "/api/totals?asOf=2025-08-31");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Ledger-Consistent")).hasValue("true");
    }

    private double importProgress() {
        try {
            JsonNode total = JSON.readTree(get("auditor", "/actuator/metrics/fundledger.import.rows.total").body());
            JsonNode done = JSON.readTree(get("auditor", "/actuator/metrics/fundledger.import.rows.applied").body());
            double all = total.at("/measurements/0/value").asDouble();
            return all == 0 ? 0 : done.at("/measurements/0/value").asDouble() / all;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private double replayDone() {
        try {
            JsonNode progress = JSON.readTree(get("auditor", "/api/audit/replay").body());
            double total = progress.get("total").asDouble();
            return total == 0 ? 0 : progress.get("done").asDouble() / total;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    // ------------------------------------------------------------ HTTP

    private CompletableFuture<HttpResponse<String>> sendBundle() {
        String boundary = "----ledger" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        BUNDLE.forEach((name, bytes) -> {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                    + "\"\r\nContent-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(bytes);
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        });
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest request = request("operator", "/api/imports").timeout(Duration.ofMinutes(5))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String user, String path) {
        return send(request(user, path).GET().build());
    }

    private HttpResponse<String> post(String user, String path) {
        return send(request(user, path).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    private HttpRequest.Builder request(String user, String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofMinutes(2));
        if (user != null) {
            builder.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + user)
                    .getBytes(StandardCharsets.UTF_8)));
        }
        return builder;
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void await(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout);
            }
            Thread.onSpinWait();
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
    }
}
