package cn.cq.fundledger.reporting.query;

import static cn.cq.fundledger.reporting.query.PublishedFigure.*;

import cn.cq.fundledger.core.Money;
import cn.cq.fundledger.reporting.api.FetchTotals;
import cn.cq.fundledger.reporting.api.Totals;
import java.util.Map;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/** Gathers each program's figures into the published totals, from the definitions of {@link PublishedFigure}. */
@Component
public class TotalsQueryHandler {

    private final PublishedFigures figures;

    public TotalsQueryHandler(PublishedFigures figures) {
        this.figures = figures;
    }

    @QueryHandler
    public Totals handle(FetchTotals query) {
        Map<PublishedFigure, Long> f = figures.all(query.asOf(), query.recordedAt());
        return new Totals(query.asOf(),
                program(f.get(SEED_PROJECTS), f.get(SEED_INVESTED)),
                program(f.get(EQUITY_PROJECTS), f.get(EQUITY_INVESTED)),
                new Totals.CreditLoans(f.get(CREDIT_LOANS), f.get(CREDIT_ENTERPRISES), f.get(CREDIT_ISSUED),
                        display(f.get(CREDIT_ISSUED)), f.get(CREDIT_OUTSTANDING), f.get(CREDIT_DEFAULTED),
                        f.get(CREDIT_COMPENSATED), f.get(CREDIT_RECOVERED)),
                new Totals.GuidedLoans(f.get(GUIDED_LOANS), f.get(GUIDED_ISSUED), display(f.get(GUIDED_ISSUED))),
                new Totals.RiskPools(f.get(POOLS_CONTRIBUTED), f.get(POOLS_COMPENSATED), f.get(POOLS_RECOVERED),
                        f.get(POOLS_BALANCE), f.get(POOLS_WAITING)));
    }

    private static Totals.ProgramTotals program(long projects, long investedFen) {
        return new Totals.ProgramTotals(projects, investedFen, display(investedFen));
    }

    static String display(long fen) {
        return Money.ofFen(fen).toDisplayString();
    }
}
