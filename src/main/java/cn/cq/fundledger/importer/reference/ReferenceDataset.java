package cn.cq.fundledger.importer.reference;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference dataset: a full bundle of import files holding individual, plausible transactions of the
 * three programs from 2017 to 2025, whose totals equal the published figures exactly, to the fen:
 *
 * <pre>
 * as of       credit loans  issued     guided     seed projects / invested  equity projects / invested
 * 2019-03-31      844        20.1亿
 * 2023-06-30   11,316       196.83亿   134.51亿
 * 2024-04-14   12,535       217.2亿    148.1亿    821 / 2.98亿               7 / 2.9亿
 * 2025-08-31   13,704       236.46亿   163.45亿
 * </pre>
 *
 * <p>Generation is deterministic (a fixed seed; same bytes on every run and JVM), takes well under two
 * seconds, and needs neither Spring nor Axon. Every row passes the ledger's rules at the moment it applies
 * when the files are imported as one bundle (rows of all kinds in business-date order, ties in the order of
 * {@link #KINDS}, then file order): grades valid and credit lines kept, districts matching, no borrower with
 * a loan in default, every bank's loss rate far below the fuse, every pool able to pay each claim at once,
 * seed caps and fund commitments kept, equity deals within called capital.
 *
 * <p>{@code java ... ReferenceDataset <directory>} writes the files.
 */
public final class ReferenceDataset {

    /** The seed of the dataset; changing it changes every row. */
    public static final long SEED = 20_240_414L;

    /** The kinds of file, in the order a bundle applies rows of one date. */
    public static final List<String> KINDS = List.of("banks", "evaluations", "risk-sharing", "pool-contributions",
            "loans", "repayments", "defaults", "compensations", "recoveries", "guided-loans", "seed-funds",
            "seed-investments", "seed-follow-ons", "seed-exits", "equity-commitments", "equity-calls", "equity-deals",
            "equity-exits");

    /** The columns of each kind, as the import expects them. */
    public static final Map<String, List<String>> HEADERS = headers();

    private ReferenceDataset() {
    }

    private static Map<String, List<String>> headers() {
        Map<String, List<String>> h = new LinkedHashMap<>();
        h.put("banks", List.of("bank_id", "name"));
        h.put("evaluations", List.of("enterprise_id", "enterprise_name", "district", "grade", "evaluated_on"));
        h.put("risk-sharing", List.of("effective_from", "fund_share_pct", "bank_id"));
        h.put("pool-contributions", List.of("contribution_id", "district", "source", "amount_yuan", "contributed_on"));
        h.put("loans", List.of("loan_id", "bank_id", "enterprise_id", "district", "principal_yuan", "annual_rate_pct",
                "term_months", "issued_on"));
        h.put("repayments", List.of("repayment_id", "loan_id", "principal_yuan", "interest_yuan", "paid_on"));
        h.put("defaults", List.of("loan_id", "overdue_since", "declared_on"));
        h.put("compensations", List.of("claim_id", "loan_id", "claimed_on"));
        h.put("recoveries", List.of("recovery_id", "loan_id", "amount_yuan", "recovered_on"));
        h.put("guided-loans", List.of("loan_id", "bank_id", "enterprise_id", "district", "principal_yuan", "issued_on"));
        h.put("seed-funds", List.of("fund_id", "name", "partner", "city_share_pct", "committed_yuan", "established_on"));
        h.put("seed-investments", List.of("investment_id", "fund_id", "project_id", "enterprise_name", "instrument",
                "amount_yuan", "equity_pct", "invested_on"));
        h.put("seed-follow-ons", List.of("round_id", "project_id", "investor", "amount_yuan", "post_money_yuan",
                "closed_on"));
        h.put("seed-exits", List.of("exit_id", "investment_id", "route", "proceeds_yuan", "exited_on"));
        h.put("equity-commitments", List.of("fund_id", "fund_name", "partner", "committed_yuan", "committed_on"));
        h.put("equity-calls", List.of("call_id", "fund_id", "amount_yuan", "called_on"));
        h.put("equity-deals", List.of("deal_id", "fund_id", "project_id", "company", "amount_yuan", "stake_pct",
                "closed_on"));
        h.put("equity-exits", List.of("exit_id", "deal_id", "proceeds_yuan", "exited_on"));
        return java.util.Collections.unmodifiableMap(h);
    }

    /** The rows of every kind (without the header), in {@link #KINDS} order, each kind in date order. */
    public static Map<String, List<String[]>> generate() {
        Bundle bundle = new Bundle();
        // one stream of chance per program, so that a change in one program leaves the others' rows alone
        CreditHistory credit = new CreditHistory(new Dice(SEED), bundle);
        credit.run();
        GuidedLoans.generate(new Dice(SEED + 1), bundle, credit.enterprises);
        SeedHistory.generate(new Dice(SEED + 2), bundle);
        EquityHistory.generate(bundle);
        return bundle.sorted();
    }

    /** The files of the bundle, {@code <kind>.csv} to its bytes (UTF-8, header first, LF line ends). */
    public static Map<String, byte[]> csvFiles() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        generate().forEach((kind, rows) -> files.put(kind + ".csv", csv(HEADERS.get(kind), rows)));
        return files;
    }

    /** Writes one {@code <kind>.csv} per kind into the directory (created if needed). */
    public static void writeCsv(Path directory) {
        try {
            Files.createDirectories(directory);
            for (Map.Entry<String, byte[]> file : csvFiles().entrySet()) {
                Files.write(directory.resolve(file.getKey()), file.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] csv(List<String> header, List<String[]> rows) {
        StringBuilder text = new StringBuilder(rows.size() * 64);
        line(text, header.toArray(String[]::new));
        for (String[] row : rows) {
            line(text, row);
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void line(StringBuilder text, String[] values) {
        for (int i = 0; i < values.length; i++) {
            String v = values[i];
            if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
                throw new IllegalStateException("a value would need quoting: " + v);
            }
            if (i > 0) {
                text.append(',');
            }
            text.append(v);
        }
        text.append('\n');
    }

    /** Writes the files into the directory named by the first argument. */
    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: ReferenceDataset <directory>");
            System.exit(2);
        }
        long started = System.nanoTime();
        Path directory = Path.of(args[0]);
        writeCsv(directory);
        System.out.printf("reference dataset written to %s in %d ms%n", directory.toAbsolutePath(),
                (System.nanoTime() - started) / 1_000_000);
    }
}
