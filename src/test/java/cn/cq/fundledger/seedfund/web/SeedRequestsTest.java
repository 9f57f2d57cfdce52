package cn.cq.fundledger.seedfund.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.cq.fundledger.core.Input;
import cn.cq.fundledger.core.Money;
import cn.cq.fundledger.core.Ratio;
import cn.cq.fundledger.core.RuleViolation;
import cn.cq.fundledger.seedfund.api.EstablishSeedFund;
import cn.cq.fundledger.seedfund.api.ExitRoute;
import cn.cq.fundledger.seedfund.api.ExitSeedInvestment;
import cn.cq.fundledger.seedfund.api.Instrument;
import cn.cq.fundledger.seedfund.api.MakeSeedInvestment;
import cn.cq.fundledger.seedfund.api.RaiseSeedCommitment;
import cn.cq.fundledger.seedfund.api.RecordFollowOnRound;
import cn.cq.fundledger.seedfund.api.ReverseSeedFact;
import cn.cq.fundledger.seedfund.api.SeedFactKind;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The import rows of the acceptance sample, as the importer will pass them, turned into commands. */
class SeedRequestsTest {

    @Test
    void aSeedFundsRow() {
        // SF-GX,高新区种子基金,高新区,40,50000000.00,2016-01-15
        EstablishSeedFund command = new SeedRequests.Fund("SF-GX", "高新区种子基金", "高新区", "40", "50000000.00",
                "2016-01-15").toCommand();
        assertThat(command).isEqualTo(new EstablishSeedFund("SF-GX", "高新区种子基金", "高新区", Ratio.ofBasisPoints(4000),
                Money.parse("5000万"), LocalDate.of(2016, 1, 15)));
    }

    @Test
    void aFundWithoutACityShareLeavesItToTheProgramDefault() {
        assertThat(new SeedRequests.Fund("F", "n", "p", "", "1万", "2016-01-15").toCommand().cityShare()).isNull();
    }

    @Test
    void aLoanRowWithAnEmptyPercentage() {
        // SI00001,SF-BS,P0001,项目公司0001,loan,580000.00,,2024-03-06
        MakeSeedInvestment command = new SeedRequests.Investment("SI00001", "SF-BS", "P0001", "项目公司0001", "loan",
                "580000.00", "", "2024-03-06").toCommand();
        assertThat(command).isEqualTo(new MakeSeedInvestment("SI00001", "SF-BS", "P0001", "项目公司0001",
                Instrument.LOAN, Money.parse("58万"), null, LocalDate.of(2024, 3, 6)));
    }

    @Test
    void anEquityRow() {
        // SI00002,SF-BS,P0001,项目公司0001,equity,220000.00,5,2024-07-22
        MakeSeedInvestment command = new SeedRequests.Investment("SI00002", "SF-BS", "P0001", "项目公司0001", "equity",
                "220000.00", "5", "2024-07-22").toCommand();
        assertThat(command.instrument()).isEqualTo(Instrument.EQUITY);
        assertThat(command.equityStake()).isEqualTo(Ratio.ofBasisPoints(500));
    }

    @ParameterizedTest(name = "equity_pct ''{0}'' → {1}")
    @CsvSource({"0, ratio-range", "100.01, ratio-range", "'', required", "abc, percent-format"})
    void anEquityRowWithABadPercentage(String pct, String rule) {
        assertThatThrownBy(() -> new SeedRequests.Investment("I", "F", "P", "E", "equity", "1万", pct, "2024-07-22")
                .toCommand())
                .isInstanceOfSatisfying(Input.InvalidInput.class, e -> {
                    assertThat(e.problems()).extracting(RuleViolation::field).containsExactly("equityPct");
                    assertThat(e.problems()).extracting(RuleViolation::rule).containsExactly(rule);
                });
    }

    @Test
    void aLoanRowWithAPercentage() {
        assertThatThrownBy(() -> new SeedRequests.Investment("I", "F", "P", "E", "loan", "1万", "5", "2024-07-22")
                .toCommand())
                .isInstanceOfSatisfying(Input.InvalidInput.class, e -> assertThat(e.problems())
                        .extracting(RuleViolation::rule).containsExactly("stake-on-loan"));
    }

    @Test
    void aFollowOnsRow() {
        // FR0002,P0002,某天使投资,3000000.00,30000000.00,2017-10-01
        RecordFollowOnRound command = new SeedRequests.FollowOnRound("FR0002", "P0002", "某天使投资", "3000000.00",
                "30000000.00", "2017-10-01").toCommand();
        assertThat(command).isEqualTo(new RecordFollowOnRound("FR0002", "P0002", "某天使投资", Money.parse("300万"),
                Money.parse("3000万"), LocalDate.of(2017, 10, 1)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"buyback, BUYBACK", "transfer, TRANSFER", "liquidation, LIQUIDATION", "repaid, REPAID",
            "write_off, WRITE_OFF"})
    void anExitsRowOfEachRoute(String route, ExitRoute expected) {
        ExitSeedInvestment command = new SeedRequests.Exit("SX00062", "SI00062", route, "0.00", "2025-05-17")
                .toCommand();
        assertThat(command).isEqualTo(new ExitSeedInvestment("SX00062", "SI00062", expected, Money.ZERO,
                LocalDate.of(2025, 5, 17)));
    }

    @Test
    void anExitWithNegativeProceedsAndAnUnknownRouteNamesBoth() {
        assertThatThrownBy(() -> new SeedRequests.Exit("X", "I", "ipo", "-1", "2025-05-17").toCommand())
                .isInstanceOfSatisfying(Input.InvalidInput.class, e -> assertThat(e.problems())
                        .extracting(RuleViolation::field).containsExactlyInAnyOrder("route", "proceeds"));
    }

    // ------------------------------------------------------------ corrections

    private static SeedRequests.Replacement investmentBody(String id, String amount, String pct) {
        return new SeedRequests.Replacement(id, "SF-GX", "P1", "项目公司", "equity", amount, pct, "2018-03-28", null,
                null, null, null, null, null, null, null, null, null, null);
    }

    @ParameterizedTest(name = "kind ''{0}''")
    @CsvSource({"investment, INVESTMENT", "EXIT, EXIT", "Commitment_Raise, COMMITMENT_RAISE",
            "follow_on_round, FOLLOW_ON_ROUND"})
    void aCorrectionNamesItsKindInAnyCase(String kind, SeedFactKind expected) {
        ReverseSeedFact command = new SeedRequests.Correction(kind, " I1 ", " 录错 ", null).toCommand();
        assertThat(command).isEqualTo(new ReverseSeedFact(expected, "I1", "录错", null));
    }

    @Test
    void aCorrectionWithoutKindFactOrReasonNamesEachField() {
        assertThatThrownBy(() -> new SeedRequests.Correction("loan", "", " ", null).toCommand())
                .isInstanceOfSatisfying(Input.InvalidInput.class, e -> assertThat(e.problems())
                        .extracting(RuleViolation::field, RuleViolation::rule)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple("kind", "choice"),
                                org.assertj.core.groups.Tuple.tuple("factId", "required"),
                                org.assertj.core.groups.Tuple.tuple("reason", "required")));
    }

    @Test
    void theCorrectedFactIsReadAsTheBodyOfItsKind() {
        ReverseSeedFact investment = new SeedRequests.Correction("investment", "I1", "金额录错",
                investmentBody("I1-C", "80万", "8")).toCommand();
        assertThat(investment.replacement()).isEqualTo(new MakeSeedInvestment("I1-C", "SF-GX", "P1", "项目公司",
                Instrument.EQUITY, Money.parse("80万"), Ratio.ofBasisPoints(800), LocalDate.of(2018, 3, 28)));
        ReverseSeedFact exit = new SeedRequests.Correction("exit", "X1", "金额录错", new SeedRequests.Replacement(
                "I1", null, null, null, null, null, null, null, "X1-C", "buyback", "60万", "2020-01-01", null, null,
                null, null, null, null, null)).toCommand();
        assertThat(exit.replacement()).isEqualTo(new ExitSeedInvestment("X1-C", "I1", ExitRoute.BUYBACK,
                Money.parse("60万"), LocalDate.of(2020, 1, 1)));
        ReverseSeedFact raise = new SeedRequests.Correction("commitment_raise", "R1", "日期录错",
                new SeedRequests.Replacement(null, "SF-GX", null, null, null, null, null, null, null, null, null, null,
                        "R1-C", "100万", "2017-02-01", null, null, null, null)).toCommand();
        assertThat(raise.replacement()).isEqualTo(new RaiseSeedCommitment("R1-C", "SF-GX", Money.parse("100万"),
                LocalDate.of(2017, 2, 1)));
        ReverseSeedFact round = new SeedRequests.Correction("follow_on_round", "FR1", "估值录错",
                new SeedRequests.Replacement(null, null, "P1", null, null, "200万", null, null, null, null, null, null,
                        null, null, null, "FR1-C", "某天使投资", "2500万", "2019-01-01")).toCommand();
        assertThat(round.replacement()).isEqualTo(new RecordFollowOnRound("FR1-C", "P1", "某天使投资",
                Money.parse("200万"), Money.parse("2500万"), LocalDate.of(2019, 1, 1)));
    }

    @Test
    void theProblemsOfTheCorrectedFactNameItsFields() {
        assertThatThrownBy(() -> new SeedRequests.Correction("investment", "I1", "", investmentBody("", "-1", "0"))
                .toCommand())
                .isInstanceOfSatisfying(Input.InvalidInput.class, e -> assertThat(e.problems())
                        .extracting(RuleViolation::field, RuleViolation::rule)
                        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("reason", "required"),
                                org.assertj.core.groups.Tuple.tuple("replacement.investmentId", "required"),
                                org.assertj.core.groups.Tuple.tuple("replacement.amount", "amount-positive"),
                                org.assertj.core.groups.Tuple.tuple("replacement.equityPct", "ratio-range")));
    }
}
