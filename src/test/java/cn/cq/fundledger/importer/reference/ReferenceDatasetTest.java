package cn.cq.fundledger.importer.reference;

import static org.assertj.core.api.Assertions.assertThat;

import cn.cq.fundledger.core.Money;
import cn.cq.fundledger.importer.reference.ReferenceBundleChecker.Row;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The reference dataset: byte-identical on every run, every row accepted by the ledger's rules in bundle
 * order (checked by {@link ReferenceBundleChecker}, which reads only the CSV files), and the published
 * figures exact to the fen at the four dates.
 */
class ReferenceDatasetTest {

    private static Map<String, byte[]> files;
    private static ReferenceBundleChecker checker;
    private static long firstRunMillis;

    @BeforeAll
    static void generateOnce() {
        long started = System.nanoTime();
        files = ReferenceDataset.csvFiles();
        firstRunMillis = (System.nanoTime() - started) / 1_000_000;
        checker = ReferenceBundleChecker.check(files);
    }

    @Test
    void twoRunsGiveIdenticalBytes() {
        Map<String, byte[]> again = ReferenceDataset.csvFiles();
        assertThat(again.keySet()).containsExactlyElementsOf(files.keySet());
        for (String name : files.keySet()) {
            assertThat(Arrays.equals(again.get(name), files.get(name))).as(name).isTrue();
        }
    }

    @Test
    void oneFilePerKindWithTheImportHeaders() {
        assertThat(files.keySet()).containsExactlyElementsOf(
                ReferenceBundleChecker.KINDS.keySet().stream().map(k -> k + ".csv").toList());
        for (Map.Entry<String, List<String>> kind : ReferenceBundleChecker.KINDS.entrySet()) {
            String header = kind.getValue().stream().map(c -> c.replace("*", "")).collect(Collectors.joining(","));
            assertThat(new String(files.get(kind.getKey() + ".csv"), java.nio.charset.StandardCharsets.UTF_8))
                    .as(kind.getKey()).startsWith(header + "\n");
            assertThat(checker.rows(kind.getKey())).as("rows of " + kind.getKey()).isNotEmpty();
        }
    }

    @Test
    void everyRowPassesTheLedgerRulesInBundleOrder() {
        assertThat(checker.violations()).as(checker.toString()).isEmpty();
        // the check has something to check: defaults, claims and recoveries happened, and the fuse held
        assertThat(checker.defaultsChecked()).isGreaterThan(100);
        assertThat(checker.maxLossRate()).isGreaterThan(BigDecimal.ZERO).isLessThan(new BigDecimal("0.05"));
        System.out.printf("reference dataset: max bank loss rate %s (%s), first run %d ms, rows %s%n",
                checker.maxLossRate().round(new java.math.MathContext(4)), checker.maxLossRateAt(), firstRunMillis,
                ReferenceBundleChecker.KINDS.keySet().stream()
                        .map(k -> k + "=" + checker.rows(k).size()).collect(Collectors.joining(", ")));
    }

    @ParameterizedTest(name = "as of {0}")
    @CsvSource(nullValues = "-", value = {
            "2019-03-31,    844,  20.1亿,   -,        -,   -,     -, -",
            "2023-06-30, 11_316, 196.83亿, 134.51亿, -,   -,     -, -",
            "2024-04-14, 12_535, 217.2亿,  148.1亿,  821, 2.98亿, 7, 2.9亿",
            "2025-08-31, 13_704, 236.46亿, 163.45亿, -,   -,     -, -"})
    void publishedFiguresAreExactToTheFen(LocalDate asOf, String loans, String issued, String guided,
                                          Integer seedProjects, String seedInvested, Integer equityProjects,
                                          String equityInvested) {
        List<Row> kvLoans = upTo("loans", asOf);
        assertThat(kvLoans).hasSize(Integer.parseInt(loans.replace("_", "")));
        assertThat(sum(kvLoans, "principal_yuan")).isEqualTo(Money.parse(issued).fen());
        if (guided != null) {
            assertThat(sum(upTo("guided-loans", asOf), "principal_yuan")).isEqualTo(Money.parse(guided).fen());
        }
        if (seedProjects != null) {
            List<Row> seed = upTo("seed-investments", asOf);
            assertThat(seed.stream().map(r -> r.get("project_id")).distinct().count()).isEqualTo(seedProjects.longValue());
            assertThat(sum(seed, "amount_yuan")).isEqualTo(Money.parse(seedInvested).fen());
        }
        if (equityProjects != null) {
            List<Row> deals = upTo("equity-deals", asOf);
            assertThat(deals.stream().map(r -> r.get("project_id")).distinct().count()).isEqualTo(equityProjects.longValue());
            assertThat(sum(deals, "amount_yuan")).isEqualTo(Money.parse(equityInvested).fen());
        }
    }

    @Test
    void aPlausibleHistory() {
        List<Row> loans = checker.rows("loans");
        // spread over every district and bank, every grade, enterprises that come back
        assertThat(loans.stream().map(r -> r.get("district")).distinct().count()).isEqualTo(33);
        assertThat(checker.rows("banks")).hasSizeBetween(4, 8);
        assertThat(checker.rows("evaluations").stream().map(r -> r.get("grade")).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("A", "B", "C", "D", "E");
        Map<String, Long> perEnterprise = loans.stream()
                .collect(Collectors.groupingBy(r -> r.get("enterprise_id"), Collectors.counting()));
        assertThat(perEnterprise.values().stream().filter(n -> n >= 3).count()).isGreaterThan(1_000);
        // most loans between 50万 and 300万, in every year from 2017 to 2025
        long typical = loans.stream().map(r -> Money.parse(r.get("principal_yuan")).fen())
                .filter(f -> f >= 50 * ReferenceBundleChecker.WAN && f <= 300 * ReferenceBundleChecker.WAN).count();
        assertThat(typical).isGreaterThan(loans.size() * 8L / 10);
        assertThat(loans.stream().map(r -> r.date().getYear()).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025);
        // most loans repaid; about 1-2% of principal lost to default
        Set<String> repaid = checker.rows("repayments").stream().map(r -> r.get("loan_id")).collect(Collectors.toSet());
        assertThat(repaid.size()).isGreaterThan(loans.size() * 9 / 10);
        Map<String, Long> principal = new HashMap<>();
        loans.forEach(r -> principal.put(r.get("loan_id"), Money.parse(r.get("principal_yuan")).fen()));
        Map<String, Long> paid = new HashMap<>();
        checker.rows("repayments").forEach(r -> paid.merge(r.get("loan_id"), Money.parse(r.get("principal_yuan")).fen(),
                Long::sum));
        long lost = checker.rows("defaults").stream()
                .mapToLong(r -> principal.get(r.get("loan_id")) - paid.getOrDefault(r.get("loan_id"), 0L)).sum();
        long issued = principal.values().stream().mapToLong(Long::longValue).sum();
        assertThat((double) lost / issued).isBetween(0.01, 0.02);
        // pools are funded 40% by the city and 60% by the districts
        long city = sum(rowsWhere("pool-contributions", "source", "city"), "amount_yuan");
        long district = sum(rowsWhere("pool-contributions", "source", "district"), "amount_yuan");
        assertThat(city * 3).isEqualTo(district * 2);
        // the seed fund's scale exceeds 3亿; the named local funds are there
        assertThat(sum(checker.rows("seed-funds"), "committed_yuan")).isGreaterThanOrEqualTo(Money.parse("3亿").fen());
        assertThat(checker.rows("seed-funds").stream().map(r -> r.get("partner")).collect(Collectors.toSet()))
                .contains("高新区", "巴南区", "璧山区", "江津区", "南川区", "荣昌区", "重庆理工大学");
        // the 200万 cap is used after 2024-10-27
        Map<String, Long> perProject = new HashMap<>();
        checker.rows("seed-investments").forEach(r -> perProject.merge(r.get("project_id"),
                Money.parse(r.get("amount_yuan")).fen(), Long::sum));
        assertThat(perProject.values()).anyMatch(f -> f > 80 * ReferenceBundleChecker.WAN);
        Set<String> routes = new HashSet<>();
        checker.rows("seed-exits").forEach(r -> routes.add(r.get("route")));
        assertThat(routes).containsExactlyInAnyOrder("buyback", "transfer", "liquidation", "repaid", "write_off");
    }

    @Test
    void writesTheSameFilesToADirectory(@TempDir Path directory) throws IOException {
        ReferenceDataset.main(new String[] {directory.toString()});
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            assertThat(Files.readAllBytes(directory.resolve(file.getKey()))).as(file.getKey())
                    .isEqualTo(file.getValue());
        }
        try (var listing = Files.list(directory)) {
            assertThat(listing.count()).isEqualTo(files.size());
        }
    }

    @Test
    void generationIsFast() {
        long best = Long.MAX_VALUE;
        for (int run = 0; run < 3; run++) {
            long started = System.nanoTime();
            ReferenceDataset.csvFiles();
            best = Math.min(best, (System.nanoTime() - started) / 1_000_000);
        }
        // the best of three warm runs, so that a busy build machine does not make the test flaky
        assertThat(best).as("milliseconds").isLessThan(2_000);
    }

    private static List<Row> upTo(String kind, LocalDate asOf) {
        return checker.rows(kind).stream().filter(r -> !r.date().isAfter(asOf)).toList();
    }

    private static List<Row> rowsWhere(String kind, String column, String value) {
        return checker.rows(kind).stream().filter(r -> r.get(column).equals(value)).toList();
    }

    private static long sum(List<Row> rows, String column) {
        return rows.stream().mapToLong(r -> Money.parse(r.get(column)).fen()).sum();
    }
}
