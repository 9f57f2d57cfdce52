package cn.cq.fundledger.reporting.web;

import cn.cq.fundledger.reporting.api.FetchTotals;
import cn.cq.fundledger.reporting.api.Totals;
import cn.cq.fundledger.system.web.BusinessCalendar;
import cn.cq.fundledger.system.web.Consistent;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Totals", description = "The figures the city publishes, rebuilt from the event history")
public class TotalsController {

    private final QueryGateway queries;
    private final Consistent consistent;
    private final BusinessCalendar calendar;

    public TotalsController(QueryGateway queries, Consistent consistent, BusinessCalendar calendar) {
        this.queries = queries;
        this.consistent = consistent;
        this.calendar = calendar;
    }

    @GetMapping("/api/totals")
    @Operation(summary = "Totals of every program as of a business date",
            description = "Counts every fact whose business date is on or before asOf. Amounts are whole fen "
                    + "(*Fen) with a display form in 万/亿. Any role.")
    public ResponseEntity<Totals> totals(
            @Parameter(description = "business date, yyyy-MM-dd; default today (Asia/Shanghai)")
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf) {
        LocalDate date = calendar.asOf(asOf);
        return consistent.answer(() -> queries.query(new FetchTotals(date), Totals.class).join());
    }
}
