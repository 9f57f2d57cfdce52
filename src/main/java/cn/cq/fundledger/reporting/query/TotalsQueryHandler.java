package cn.cq.fundledger.reporting.query;

import cn.cq.fundledger.core.Money;
import cn.cq.fundledger.credit.query.CreditFigures;
import cn.cq.fundledger.credit.query.CreditQueries;
import cn.cq.fundledger.equityfund.query.EquityQueries;
import cn.cq.fundledger.reporting.api.FetchTotals;
import cn.cq.fundledger.reporting.api.Totals;
import cn.cq.fundledger.seedfund.query.SeedFigures;
import cn.cq.fundledger.seedfund.query.SeedQueries;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/** Gathers each program's figures into the published totals. */
@Component
public class TotalsQueryHandler {

    private final CreditQueries credit;
    private final EquityQueries equity;
    private final SeedQueries seed;

    public TotalsQueryHandler(CreditQueries credit, SeedQueries seed, EquityQueries equity) {
        this.credit = credit;
        this.equity = equity;
        this.seed = seed;
    }

    @QueryHandler
    public Totals handle(FetchTotals query) {
        CreditFigures c = credit.totals(query.asOf());
        SeedFigures s = seed.totals(query.asOf());
        return new Totals(query.asOf(),
                program(s.projects(), s.invested()),
                equity.totals(query.asOf(), TotalsQueryHandler::program),
                new Totals.CreditLoans(c.loans(), c.enterprises(), c.issued(), display(c.issued()), c.outstanding(),
                        c.defaulted(), c.compensated(), c.recovered()),
                new Totals.GuidedLoans(c.guidedLoans(), c.guided(), display(c.guided())),
                new Totals.RiskPools(c.contributed(), c.compensated(), c.poolRecovered(), c.poolBalance(), c.waiting()));
    }

    private static Totals.ProgramTotals program(long projects, long investedFen) {
        return new Totals.ProgramTotals(projects, investedFen, display(investedFen));
    }

    static String display(long fen) {
        return Money.ofFen(fen).toDisplayString();
    }
}
