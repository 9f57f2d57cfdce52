package cn.cq.fundledger.importer.reference;

import cn.cq.fundledger.core.Money;
import java.time.LocalDate;
import java.util.List;

/**
 * The achievement-transformation equity investment fund: a limited partnership of the city guide fund, the
 * national guide fund and private capital, three capital calls, and its deals. Seven deals close on or
 * before 2024-04-14 for 2.9亿 in all (the letter's figure); an eighth closes later, after the third call, and
 * one deal is exited. The fund's deals never exceed the capital called by their date.
 */
final class EquityHistory {

    static final LocalDate AS_OF = LocalDate.of(2024, 4, 14);
    static final long INVESTED = Money.parse("2.9亿").fen();
    private static final String FUND = "EF1";
    private static final String FUND_NAME = "重庆市科技成果转化股权投资基金";

    private record Commitment(String partner, String amount, LocalDate on) {
    }

    private record Call(String id, String amount, LocalDate on) {
    }

    private record Deal(String id, String project, String company, String amount, int stakePct, LocalDate on) {
    }

    private record Exit(String id, String deal, String proceeds, LocalDate on) {
    }

    private static final LocalDate COMMITTED = LocalDate.of(2019, 6, 28);

    private static final List<Commitment> COMMITMENTS = List.of(
            new Commitment("市级引导基金", "2亿", COMMITTED),
            new Commitment("国家引导基金", "1亿", COMMITTED),
            new Commitment("社会资本", "2亿", COMMITTED));

    private static final List<Call> CALLS = List.of(
            new Call("EF1-C1", "1.5亿", LocalDate.of(2019, 9, 30)),
            new Call("EF1-C2", "1.5亿", LocalDate.of(2021, 6, 30)),
            new Call("EF1-C3", "1亿", LocalDate.of(2024, 9, 30)));

    static final List<Deal> DEALS = List.of(
            new Deal("ED01", "EP01", "重庆睿博智能装备有限公司", "3500万", 12, LocalDate.of(2019, 12, 18)),
            new Deal("ED02", "EP02", "重庆华擎生物医药有限公司", "4200万", 15, LocalDate.of(2020, 8, 26)),
            new Deal("ED03", "EP03", "重庆川越新材料科技有限公司", "5000万", 10, LocalDate.of(2021, 3, 19)),
            new Deal("ED04", "EP04", "重庆云瞳光电科技有限公司", "3800万", 8, LocalDate.of(2021, 11, 5)),
            new Deal("ED05", "EP05", "重庆恒拓新能源科技有限公司", "4500万", 18, LocalDate.of(2022, 7, 22)),
            new Deal("ED06", "EP06", "重庆嘉衡医疗器械有限公司", "4000万", 9, LocalDate.of(2023, 4, 14)),
            new Deal("ED07", "EP07", "重庆卓算数据科技有限公司", "4000万", 11, LocalDate.of(2024, 1, 26)),
            new Deal("ED08", "EP08", "重庆泰珩精密机械有限公司", "3600万", 10, LocalDate.of(2024, 12, 20)));

    private static final List<Exit> EXITS = List.of(
            new Exit("EX01", "ED02", "7350万", LocalDate.of(2025, 6, 27)));

    private EquityHistory() {
    }

    static void generate(Bundle out) {
        long published = DEALS.stream().filter(d -> !d.on().isAfter(AS_OF)).mapToLong(d -> fen(d.amount())).sum();
        if (published != INVESTED) {
            throw new IllegalStateException("the deals to " + AS_OF + " add up to " + published + " fen");
        }
        for (Commitment c : COMMITMENTS) {
            out.add("equity-commitments", c.on(), FUND, FUND_NAME, c.partner(), yuan(c.amount()), c.on().toString());
        }
        for (Call c : CALLS) {
            out.add("equity-calls", c.on(), c.id(), FUND, yuan(c.amount()), c.on().toString());
        }
        for (Deal d : DEALS) {
            out.add("equity-deals", d.on(), d.id(), FUND, d.project(), d.company(), yuan(d.amount()),
                    String.valueOf(d.stakePct()), d.on().toString());
        }
        for (Exit x : EXITS) {
            out.add("equity-exits", x.on(), x.id(), x.deal(), yuan(x.proceeds()), x.on().toString());
        }
    }

    private static long fen(String amount) {
        return Money.parse(amount).fen();
    }

    private static String yuan(String amount) {
        return Money.parse(amount).toYuanString();
    }
}
