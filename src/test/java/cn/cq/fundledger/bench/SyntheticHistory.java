package cn.cq.fundledger.bench;

import cn.cq.fundledger.importer.reference.ReferenceDataset;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A history of any size with the reference mix: {@code copies} copies of the reference dataset (13,704 loans each,
 * with their evaluations, repayments, defaults, claims, recoveries, pool money, guided loans, seed and equity
 * funds), every id of copy {@code i > 0} prefixed {@code k<i>-} so that each copy is a set of distinct borrowers,
 * loans and funds; the banks and the risk-sharing ratio are shared, once. Every row passes the ledger's rules as the
 * reference's do (a copy's credit lines, grades and funds are its own; the pools get each copy's money and claims,
 * so they pay as they do in the reference; each bank's loss rate is the reference's). The totals are the reference's
 * times {@code copies}: a correctness check at any size.
 *
 * <p>Each file keeps the reference's date order: a reference row is followed by its copies.
 */
public final class SyntheticHistory {

    /** The reference's loans (all of 2017–2025): a copy adds this many. */
    public static final int LOANS_PER_COPY = 13_704;

    /** Kinds recorded once, whatever the number of copies. */
    static final Set<String> SHARED = Set.of("banks", "risk-sharing");

    /** The columns of each kind that hold an id of the copy (prefixed in copies after the first). */
    static final Map<String, List<String>> IDS = Map.ofEntries(
            Map.entry("evaluations", List.of("enterprise_id")),
            Map.entry("pool-contributions", List.of("contribution_id")),
            Map.entry("loans", List.of("loan_id", "enterprise_id")),
            Map.entry("repayments", List.of("repayment_id", "loan_id")),
            Map.entry("defaults", List.of("loan_id")),
            Map.entry("compensations", List.of("claim_id", "loan_id")),
            Map.entry("recoveries", List.of("recovery_id", "loan_id")),
            Map.entry("guided-loans", List.of("loan_id", "enterprise_id")),
            Map.entry("seed-funds", List.of("fund_id")),
            Map.entry("seed-investments", List.of("investment_id", "fund_id", "project_id")),
            Map.entry("seed-follow-ons", List.of("round_id", "project_id")),
            Map.entry("seed-exits", List.of("exit_id", "investment_id")),
            Map.entry("equity-commitments", List.of("fund_id")),
            Map.entry("equity-calls", List.of("call_id", "fund_id")),
            Map.entry("equity-deals", List.of("deal_id", "fund_id", "project_id")),
            Map.entry("equity-exits", List.of("exit_id", "deal_id")));

    private SyntheticHistory() {
    }

    /** The number of copies that gives at least {@code loans} loans. */
    public static int copiesFor(long loans) {
        return (int) Math.max(1, (loans + LOANS_PER_COPY - 1) / LOANS_PER_COPY);
    }

    /** What was written: the files, and the rows in all. */
    public record Written(Map<String, Path> files, long rows) {
    }

    /** Writes {@code <kind>.csv} for every kind into the directory: the reference, {@code copies} times. */
    public static Written write(Path directory, int copies) {
        Map<String, List<String[]>> reference = ReferenceDataset.generate();
        Map<String, Path> files = new LinkedHashMap<>();
        long rows = 0;
        try {
            Files.createDirectories(directory);
            for (Map.Entry<String, List<String[]>> kind : reference.entrySet()) {
                List<String> header = ReferenceDataset.HEADERS.get(kind.getKey());
                int[] idColumns = IDS.getOrDefault(kind.getKey(), List.of()).stream().mapToInt(header::indexOf)
                        .toArray();
                int times = SHARED.contains(kind.getKey()) ? 1 : copies;
                Path file = directory.resolve(kind.getKey() + ".csv");
                try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                    out.write(String.join(",", header));
                    out.write('\n');
                    for (String[] row : kind.getValue()) {
                        for (int copy = 0; copy < times; copy++) {
                            String[] written = row.clone();
                            if (copy > 0) {
                                for (int column : idColumns) {
                                    written[column] = "k" + copy + "-" + written[column];
                                }
                            }
                            out.write(String.join(",", written));
                            out.write('\n');
                            rows++;
                        }
                    }
                }
                files.put(kind.getKey(), file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Written(files, rows);
    }
}
