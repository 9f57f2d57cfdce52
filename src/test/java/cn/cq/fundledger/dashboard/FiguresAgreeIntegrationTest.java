package cn.cq.fundledger.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import cn.cq.fundledger.reporting.query.PublishedFigure;
import cn.cq.fundledger.reporting.query.PublishedFigures;
import cn.cq.fundledger.support.LedgerApi;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

/**
 * The shortcuts the pages take compute the very figures of /api/totals on the reference dataset: an explanation's
 * value (one pass over its events) and the growth chart's year-ends (per-year sums accumulated).
 */
@DashboardContext
class FiguresAgreeIntegrationTest {

    @Autowired
    TestRestTemplate http;
    @Autowired
    PublishedFigures figures;

    @Test
    void everyExplanationAddsUpToItsFigure() {
        for (String asOf : List.of("2019-03-31", "2024-04-14")) {
            JsonNode totals = new LedgerApi(http).totals(asOf);
            for (PublishedFigure figure : PublishedFigure.values()) {
                long value = figures.explain(figure, LocalDate.parse(asOf), null, 0, 1).value();
                assertThat(value).as("%s as of %s", figure.figureName(), asOf)
                        .isEqualTo(totals.at("/" + figure.figureName().replace('.', '/')).asLong());
            }
        }
    }

    @Test
    void theYearEndsOfTheGrowthChartAreTheTotalsAtEachYearEnd() {
        List<PublishedFigure> sums = Arrays.stream(PublishedFigure.values()).filter(f -> f.distinctKey() == null)
                .toList();
        LocalDate asOf = LocalDate.parse("2024-04-14");
        var years = figures.yearEnds(sums, asOf, null);
        assertThat(years.firstKey()).isEqualTo(2017);
        assertThat(years.lastKey()).isEqualTo(2024);
        years.forEach((year, values) -> {
            LocalDate end = year == 2024 ? asOf : LocalDate.of(year, 12, 31);
            Map<PublishedFigure, Long> all = figures.all(end, null);
            sums.forEach(f -> assertThat(values.get(f)).as("%s at the end of %s", f.figureName(), year)
                    .isEqualTo(all.get(f)));
        });
    }
}
