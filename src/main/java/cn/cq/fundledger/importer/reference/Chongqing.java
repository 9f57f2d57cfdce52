package cn.cq.fundledger.importer.reference;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The places, banks and names of the reference dataset: the 33 districts and zones the credit program
 * covers (launched in the high-tech zone in 2017, eleven more districts in 2018, city-wide from 2019),
 * weighted by how much of the program's business they carry; the cooperating banks, weighted likewise;
 * and fictional, real-sounding enterprise names.
 */
final class Chongqing {

    private Chongqing() {
    }

    /** A district or zone: its name, a short code for ids, its share of the business, and when it joined. */
    record District(String name, String code, double weight, LocalDate joined) {
    }

    record Bank(String id, String name, double weight) {
    }

    static final LocalDate WAVE_1 = LocalDate.of(2017, 1, 1);
    static final LocalDate WAVE_2 = LocalDate.of(2018, 1, 1);
    static final LocalDate WAVE_3 = LocalDate.of(2019, 1, 1);

    static final List<District> DISTRICTS = List.of(
            new District("高新区", "GX", 14, WAVE_1),
            new District("两江新区", "LJ", 10, WAVE_2),
            new District("渝北区", "YB", 8, WAVE_2),
            new District("九龙坡区", "JLP", 7, WAVE_2),
            new District("沙坪坝区", "SPB", 6, WAVE_2),
            new District("江北区", "JB", 5, WAVE_2),
            new District("南岸区", "NA", 5, WAVE_2),
            new District("巴南区", "BN", 5, WAVE_2),
            new District("璧山区", "BS", 5, WAVE_2),
            new District("永川区", "YC", 4, WAVE_2),
            new District("江津区", "JJ", 4, WAVE_2),
            new District("北碚区", "BB", 4, WAVE_2),
            new District("渝中区", "YZ", 3, WAVE_3),
            new District("大渡口区", "DDK", 2, WAVE_3),
            new District("合川区", "HC", 3, WAVE_3),
            new District("长寿区", "CS", 3, WAVE_3),
            new District("涪陵区", "FL", 3, WAVE_3),
            new District("綦江区", "QJ", 2, WAVE_3),
            new District("大足区", "DZ", 2, WAVE_3),
            new District("铜梁区", "TL", 2, WAVE_3),
            new District("潼南区", "TN", 1.5, WAVE_3),
            new District("荣昌区", "RC", 2, WAVE_3),
            new District("南川区", "NC", 1.5, WAVE_3),
            new District("万州区", "WZ", 3, WAVE_3),
            new District("黔江区", "QJQ", 1, WAVE_3),
            new District("开州区", "KZ", 1.5, WAVE_3),
            new District("梁平区", "LP", 1.5, WAVE_3),
            new District("武隆区", "WL", 0.8, WAVE_3),
            new District("万盛经开区", "WS", 1, WAVE_3),
            new District("垫江县", "DJ", 1, WAVE_3),
            new District("忠县", "ZX", 1, WAVE_3),
            new District("丰都县", "FD", 0.8, WAVE_3),
            new District("云阳县", "YY", 0.8, WAVE_3));

    static final List<Bank> BANKS = List.of(
            new Bank("B01", "重庆农村商业银行", 30),
            new Bank("B02", "重庆银行", 18),
            new Bank("B03", "重庆三峡银行", 9),
            new Bank("B04", "中国工商银行重庆市分行", 14),
            new Bank("B05", "中国建设银行重庆市分行", 14),
            new Bank("B06", "招商银行重庆分行", 8),
            new Bank("B07", "中国银行重庆市分行", 7));

    private static final String BRAND = "华新创智博恒瑞达信宏盛源联云天中海金泰安德明远鼎峰光锐思维捷航睿拓卓越晟川渝嘉"
            + "融汇鑫诚合力宇衡巨星辰凯";
    private static final List<String> TRADES = List.of("智能科技", "生物医药", "新材料", "电子科技", "软件",
            "信息技术", "环保科技", "精密机械", "新能源科技", "仪器仪表", "医疗器械", "汽车零部件", "数据科技",
            "光电科技", "农业科技", "检测技术", "微电子", "机器人");

    /** Fictional company names, never the same twice from one instance. */
    static final class Names {
        private final Dice dice;
        private final Set<String> used = new HashSet<>();

        Names(Dice dice) {
            this.dice = dice;
        }

        String next() {
            for (int attempt = 0; attempt < 1000; attempt++) {
                char a = BRAND.charAt(dice.index(BRAND.length()));
                char b = BRAND.charAt(dice.index(BRAND.length()));
                if (a == b) {
                    continue;
                }
                String name = "重庆" + a + b + dice.pick(TRADES) + "有限公司";
                if (used.add(name)) {
                    return name;
                }
            }
            throw new IllegalStateException("out of names");
        }
    }
}
