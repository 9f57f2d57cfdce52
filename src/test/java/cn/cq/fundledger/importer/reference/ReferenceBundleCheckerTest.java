package cn.cq.fundledger.importer.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The checker that vouches for the reference dataset must itself catch broken rows: each test breaks one
 * rule in a copy of the generated files and expects the checker to name it.
 */
class ReferenceBundleCheckerTest {

    private static Map<String, byte[]> files;

    @BeforeAll
    static void generateOnce() {
        files = ReferenceDataset.csvFiles();
    }

    @Test
    void aLoanAboveItsGradesLineIsCaught() {
        var checker = check(edit("loans", lines -> {
            lines.set(1, replaceColumn(lines.get(1), 4, "6000000.00"));
            return lines;
        }));
        assertThat(checker.reports("credit line exceeded")).as(checker.toString()).isTrue();
    }

    @Test
    void aClaimThatAPoolCannotPayAtOnceIsCaught() {
        var checker = check(edit("pool-contributions", lines -> new ArrayList<>(lines.subList(0, 1))));
        assertThat(checker.reports("cannot pay the claim at once")).as(checker.toString()).isTrue();
    }

    @Test
    void aRepaymentBeforeItsLoanIsCaught() {
        String[] loan = files("loans").get(1_000).split(",");
        var checker = check(edit("repayments", lines -> {
            int i = firstRepaymentOf(lines, loan[0]);
            lines.set(i, replaceColumn(lines.get(i), 4, LocalDate.parse(loan[7]).minusDays(1).toString()));
            return lines;
        }));
        assertThat(checker.reports("RL001000-1") && checker.reports("unknown loan")).as(checker.toString()).isTrue();
    }

    @Test
    void aRepaymentAboveTheOutstandingPrincipalIsCaught() {
        String[] loan = files("loans").get(1_000).split(",");
        var checker = check(edit("repayments", lines -> {
            int i = firstRepaymentOf(lines, loan[0]);
            long tooMuch = cn.cq.fundledger.core.Money.parse(loan[4]).fen() + 100;
            lines.set(i, replaceColumn(lines.get(i), 2, cn.cq.fundledger.core.Money.ofFen(tooMuch).toYuanString()));
            return lines;
        }));
        assertThat(checker.reports("principal above outstanding")).as(checker.toString()).isTrue();
    }

    @Test
    void aRepaymentOnAClosedLoanIsCaught() {
        var checker = check(edit("repayments", lines -> {
            String[] last = lines.get(lines.size() / 2).split(",");
            lines.add("R-EXTRA," + last[1] + ",0.00,100.00,2025-12-31");
            return lines;
        }));
        assertThat(checker.reports("R-EXTRA")).as(checker.toString()).isTrue();
    }

    @Test
    void aBorrowerWithoutAValidGradeIsCaught() {
        var checker = check(edit("evaluations", lines -> new ArrayList<>(lines.subList(0, lines.size() / 2))));
        assertThat(checker.reports("expired") || checker.reports("not evaluated")).as(checker.toString()).isTrue();
    }

    @Test
    void defaultsThatTripTheFuseAreCaught() {
        List<String> b07 = files("loans").stream().skip(1).filter(l -> l.split(",")[1].equals("B07")).limit(40).toList();
        var checker = check(edit("defaults", lines -> {
            List<String> more = new ArrayList<>(lines.subList(0, 1));
            for (String l : b07) {
                String issued = l.split(",")[7];
                more.add(l.split(",")[0] + "," + issued + "," + issued);
            }
            more.addAll(lines.subList(1, lines.size()));
            return more;
        }));
        assertThat(checker.reports("reaches the 5% fuse warning")).as(checker.toString()).isTrue();
        assertThat(checker.reports("bank suspended")).as(checker.toString()).isTrue();
    }

    @Test
    void aSeedProjectAboveTheCapIsCaught() {
        var checker = check(edit("seed-investments", lines -> {
            lines.set(1, replaceColumn(lines.get(1), 5, "900000.00"));
            return lines;
        }));
        assertThat(checker.reports("project cap exceeded")).as(checker.toString()).isTrue();
    }

    @Test
    void anEquityDealBeyondCalledCapitalIsCaught() {
        var checker = check(edit("equity-calls", lines -> new ArrayList<>(lines.subList(0, 2))));
        assertThat(checker.reports("deal beyond the capital called")).as(checker.toString()).isTrue();
    }

    @Test
    void aSecondExitOfOneInvestmentIsCaught() {
        var checker = check(edit("seed-exits", lines -> {
            String[] first = lines.get(1).split(",");
            lines.add(first[0] + "-2," + first[1] + ",write_off,0.00," + first[4]);
            return lines;
        }));
        assertThat(checker.reports("investment exits twice")).as(checker.toString()).isTrue();
    }

    @Test
    void windowsLineEndsAreCaught() {
        Map<String, byte[]> copy = new LinkedHashMap<>(files);
        copy.put("banks.csv", new String(files.get("banks.csv"), StandardCharsets.UTF_8).replace("\n", "\r\n")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(ReferenceBundleChecker.check(copy).reports("LF line ends")).isTrue();
    }

    private static ReferenceBundleChecker check(Map<String, byte[]> bundle) {
        ReferenceBundleChecker checker = ReferenceBundleChecker.check(bundle);
        assertThat(checker.violations()).isNotEmpty();
        return checker;
    }

    private static List<String> files(String kind) {
        return new ArrayList<>(List.of(new String(files.get(kind + ".csv"), StandardCharsets.UTF_8).split("\n")));
    }

    private static Map<String, byte[]> edit(String kind, UnaryOperator<List<String>> change) {
        Map<String, byte[]> copy = new LinkedHashMap<>(files);
        List<String> lines = change.apply(files(kind));
        copy.put(kind + ".csv", (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        return copy;
    }

    private static int firstRepaymentOf(List<String> lines, String loanId) {
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).split(",")[1].equals(loanId)) {
                return i;
            }
        }
        throw new IllegalStateException("no repayment of " + loanId);
    }

    private static String replaceColumn(String line, int column, String value) {
        String[] values = line.split(",", -1);
        values[column] = value;
        return String.join(",", values);
    }
}
