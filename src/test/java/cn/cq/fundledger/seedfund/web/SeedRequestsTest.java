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
import cn.cq.fundledger.seedfund.api.RecordFollowOnRound;
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
}
