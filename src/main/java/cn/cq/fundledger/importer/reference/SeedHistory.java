package cn.cq.fundledger.importer.reference;

import cn.cq.fundledger.core.Money;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The seed guidance fund: local seed funds (40% city money), their investments in projects (public-interest
 * equity stakes and interest-free loans), follow-on rounds and exits.
 *
 * <p>Exactly 821 projects receive seed money on or before 2024-04-14, 2.98亿 in all: the amounts are drawn,
 * then nudged by whole 万 (within the 80万 per-project cap and above a 5万 floor) until they add up. Later
 * investments (new projects, and top-ups under the 200万 cap in force from 2024-10-27) do not touch that
 * figure. Funds are chosen in date order among those established and with committed capital left.
 */
final class SeedHistory {

    static final LocalDate AS_OF = LocalDate.of(2024, 4, 14);
    static final int PROJECTS = 821;
    static final long INVESTED = Money.parse("2.98亿").fen();
    static final LocalDate CAP_RAISED = LocalDate.of(2024, 10, 27);

    private static final long WAN = CreditHistory.WAN;
    private static final long CAP_BEFORE = 80 * WAN;
    private static final long CAP_AFTER = 200 * WAN;
    private static final long FLOOR = 5 * WAN;
    private static final LocalDate FIRST_PROJECT = LocalDate.of(2017, 2, 1);
    private static final LocalDate LAST_INVESTMENT = LocalDate.of(2025, 12, 15);

    record Fund(String id, String name, String partner, long committed, LocalDate established) {
    }

    static final List<Fund> FUNDS = List.of(
            new Fund("SF-GX", "高新区种子投资基金", "高新区", 5_000 * WAN, LocalDate.of(2017, 1, 6)),
            new Fund("SF-BN", "巴南区种子投资基金", "巴南区", 5_000 * WAN, LocalDate.of(2017, 3, 17)),
            new Fund("SF-BS", "璧山区种子投资基金", "璧山区", 3_000 * WAN, LocalDate.of(2017, 5, 26)),
            new Fund("SF-JJ", "江津区种子投资基金", "江津区", 2_000 * WAN, LocalDate.of(2017, 8, 18)),
            new Fund("SF-NC", "南川区种子投资基金", "南川区", 3_000 * WAN, LocalDate.of(2018, 1, 12)),
            new Fund("SF-RC", "荣昌区种子投资基金", "荣昌区", 1_000 * WAN, LocalDate.of(2018, 4, 20)),
            new Fund("SF-CQUT", "重庆理工大学种子投资基金", "重庆理工大学", 1_000 * WAN, LocalDate.of(2018, 6, 29)),
            new Fund("SF-LJ", "两江新区种子投资基金", "两江新区", 5_000 * WAN, LocalDate.of(2019, 3, 15)),
            new Fund("SF-SPB", "沙坪坝区种子投资基金", "沙坪坝区", 3_000 * WAN, LocalDate.of(2020, 6, 19)),
            new Fund("SF-CQU", "重庆大学种子投资基金", "重庆大学", 2_000 * WAN, LocalDate.of(2021, 3, 26)),
            new Fund("SF-JLP", "九龙坡区种子投资基金", "九龙坡区", 3_000 * WAN, LocalDate.of(2022, 4, 22)),
            new Fund("SF-YC", "永川区种子投资基金", "永川区", 2_000 * WAN, LocalDate.of(2023, 5, 12)),
            new Fund("SF-YB", "渝北区种子投资基金", "渝北区", 3_000 * WAN, LocalDate.of(2024, 11, 15)));

    private static final Timeline PROJECT_TIMELINE = new Timeline(
            Timeline.at(2017, 2, 1, 4), Timeline.at(2019, 1, 1, 9), Timeline.at(2021, 1, 1, 11),
            Timeline.at(2024, 4, 14, 11), Timeline.at(2025, 12, 31, 6));

    private static final List<String> ANGELS = List.of("重庆天使投资引导基金", "渝富资本", "重庆科技风险投资有限公司",
            "两江天使投资", "西证股权投资", "中科创星", "深创投重庆基金", "盈峰资本", "高新区天使基金", "某个人天使投资人");

    private static final class Project {
        final int number;
        final String id;
        final String name;
        final LocalDate first;
        final List<Investment> investments = new ArrayList<>();

        Project(int number, String name, LocalDate first) {
            this.number = number;
            this.id = Bundle.id("P", 4, number);
            this.name = name;
            this.first = first;
        }

        long total() {
            return investments.stream().mapToLong(i -> i.amount).sum();
        }
    }

    private static final class Investment {
        final Project project;
        final LocalDate on;
        long amount;
        final boolean equity;
        final int stakePct;
        Fund fund;
        String id;

        Investment(Project project, LocalDate on, long amount, boolean equity, int stakePct) {
            this.project = project;
            this.on = on;
            this.amount = amount;
            this.equity = equity;
            this.stakePct = stakePct;
            project.investments.add(this);
        }
    }

    private final Dice dice;
    private final Bundle out;
    private final Chongqing.Names names;
    private final List<Project> projects = new ArrayList<>();
    private final List<Investment> early = new ArrayList<>();
    private final List<Investment> all = new ArrayList<>();

    private SeedHistory(Dice dice, Bundle out) {
        this.dice = dice;
        this.out = out;
        this.names = new Chongqing.Names(dice);
    }

    static void generate(Dice dice, Bundle out) {
        new SeedHistory(dice, out).run();
    }

    private void run() {
        for (LocalDate d : PROJECT_TIMELINE.draw(dice, FIRST_PROJECT, AS_OF, PROJECTS)) {
            Project p = newProject(d);
            early.add(invest(p, d, amount(28, CAP_BEFORE)));
            if (dice.chance(0.3)) {
                LocalDate second = d.plusDays(dice.between(90, 540));
                long room = CAP_BEFORE - p.total();
                if (!second.isAfter(AS_OF) && room >= FLOOR) {
                    early.add(invest(p, second, Math.min(room, amount(15, CAP_BEFORE))));
                }
            }
        }
        adjustToPublishedFigure();
        List<Project> published = List.copyOf(projects);
        for (LocalDate d : PROJECT_TIMELINE.draw(dice, AS_OF.plusDays(1), LAST_INVESTMENT, 90)) {
            Project p = newProject(d);
            invest(p, d, d.isBefore(CAP_RAISED) ? amount(30, CAP_BEFORE) : amount(60, CAP_AFTER));
        }
        for (int k = 0; k < 30; k++) {
            Project p = published.get(dice.index(published.size()));
            LocalDate d = CAP_RAISED.plusDays(dice.between(0, (int) (LAST_INVESTMENT.toEpochDay()
                    - CAP_RAISED.toEpochDay())));
            long room = CAP_AFTER - p.total();
            if (room >= 20 * WAN) {
                invest(p, d, Math.min(room, Math.max(20 * WAN, amount(50, CAP_AFTER))));
            }
        }
        all.sort(Comparator.comparing((Investment i) -> i.on).thenComparing(i -> i.project.number));
        assignFunds();
        for (Fund f : FUNDS) {
            out.add("seed-funds", f.established(), f.id(), f.name(), f.partner(), "40", CreditHistory.yuan(f.committed()),
                    f.established().toString());
        }
        int number = 0;
        for (Investment i : all) {
            i.id = Bundle.id("SI", 5, ++number);
            out.add("seed-investments", i.on, i.id, i.fund.id(), i.project.id, i.project.name,
                    i.equity ? "equity" : "loan", CreditHistory.yuan(i.amount), i.equity ? String.valueOf(i.stakePct) : "",
                    i.on.toString());
        }
        exits();
        followOns();
    }

    private Project newProject(LocalDate first) {
        Project p = new Project(projects.size() + 1, names.next(), first);
        projects.add(p);
        return p;
    }

    private Investment invest(Project p, LocalDate on, long amount) {
        boolean equity = dice.chance(0.62);
        Investment i = new Investment(p, on, amount, equity, equity ? dice.between(3, 20) : 0);
        all.add(i);
        return i;
    }

    /** An amount around {@code meanWan} 万, mostly in steps of 5万, within the floor and the cap. */
    private long amount(double meanWan, long cap) {
        long step = dice.chance(0.7) ? 5 * WAN : WAN;
        long raw = Math.round(meanWan * WAN * dice.spread(0.55) / step) * step;
        return Math.max(FLOOR, Math.min(cap, raw));
    }

    /** Nudges the investments made on or before 2024-04-14 by whole 万 until they add up to 2.98亿. */
    private void adjustToPublishedFigure() {
        long gap = INVESTED - early.stream().mapToLong(i -> i.amount).sum();
        while (gap != 0) {
            Investment i = early.get(dice.index(early.size()));
            long step = dice.between(1, 5) * WAN;
            if (gap > 0) {
                long add = Math.min(Math.min(gap, step), CAP_BEFORE - i.project.total());
                i.amount += add;
                gap -= add;
            } else {
                long cut = Math.min(Math.min(-gap, step), i.amount - FLOOR);
                i.amount -= cut;
                gap += cut;
            }
        }
    }

    /**
     * Chooses each investment's fund in date order: the project's earlier fund as a rule, otherwise one
     * already established with committed capital left, in proportion to what it has left. An investment
     * after 2024-04-14 that no fund can take in full is made smaller, or not made.
     */
    private void assignFunds() {
        long[] invested = new long[FUNDS.size()];
        List<Investment> made = new ArrayList<>();
        for (Investment i : all) {
            boolean published = !i.on.isAfter(AS_OF);
            int chosen = -1;
            Fund previous = i.project.investments.get(0).fund;
            if (previous != null && dice.chance(0.85)) {
                int p = FUNDS.indexOf(previous);
                if (previous.committed() - invested[p] >= i.amount) {
                    chosen = p;
                }
            }
            if (chosen < 0) {
                long most = 0;
                for (int f = 0; f < FUNDS.size(); f++) {
                    if (!FUNDS.get(f).established().isAfter(i.on)) {
                        most = Math.max(most, FUNDS.get(f).committed() - invested[f]);
                    }
                }
                if (most < i.amount && !published) {
                    i.amount = most / WAN * WAN;
                }
                if (i.amount < FLOOR) {
                    if (published) {
                        throw new IllegalStateException("no seed fund has room for " + i.amount + " on " + i.on);
                    }
                    i.project.investments.remove(i);
                    continue;
                }
                double[] weights = new double[FUNDS.size()];
                for (int f = 0; f < FUNDS.size(); f++) {
                    Fund fund = FUNDS.get(f);
                    long room = fund.committed() - invested[f];
                    if (!fund.established().isAfter(i.on) && room >= i.amount) {
                        weights[f] = room;
                    }
                }
                chosen = dice.weighted(weights);
            }
            i.fund = FUNDS.get(chosen);
            invested[chosen] += i.amount;
            made.add(i);
        }
        all.clear();
        all.addAll(made);
    }

    private void exits() {
        record Exit(Investment investment, String route, long proceeds, LocalDate on) {
        }
        List<Exit> exits = new ArrayList<>();
        for (Investment i : all) {
            double u = dice.unit();
            String route = null;
            long multipleBp = 0;
            LocalDate on = i.on.plusDays(dice.between(365, 1400));
            if (!i.equity) {
                if (u < 0.5) {
                    route = "repaid";
                    multipleBp = 10_000;
                    on = i.on.plusMonths(dice.between(12, 36));
                } else if (u < 0.56) {
                    route = "write_off";
                } else if (u < 0.59) {
                    route = "liquidation";
                    multipleBp = dice.between(1_000, 5_000);
                }
            } else if (u < 0.07) {
                route = "buyback";
                multipleBp = dice.between(10_000, 16_000);
            } else if (u < 0.13) {
                route = "transfer";
                multipleBp = dice.between(12_000, 40_000);
            } else if (u < 0.16) {
                route = "liquidation";
                multipleBp = dice.between(500, 5_000);
            } else if (u < 0.20) {
                route = "write_off";
            }
            if (route != null && !on.isAfter(CreditHistory.END)) {
                long proceeds = route.equals("repaid") ? i.amount
                        : CreditHistory.roundedDown(i.amount * multipleBp / 10_000, CreditHistory.THOUSAND);
                exits.add(new Exit(i, route, proceeds, on));
            }
        }
        exits.sort(Comparator.comparing(Exit::on).thenComparing(x -> x.investment().id));
        int number = 0;
        for (Exit x : exits) {
            out.add("seed-exits", x.on(), Bundle.id("SX", 5, ++number), x.investment().id, x.route(),
                    CreditHistory.yuan(x.proceeds()), x.on().toString());
        }
    }

    private void followOns() {
        record Round(Project project, String investor, long amount, long postMoney, LocalDate on) {
        }
        List<Round> rounds = new ArrayList<>();
        for (Project p : projects) {
            if (!p.investments.isEmpty() && dice.chance(0.09)) {
                LocalDate on = p.first.plusDays(dice.between(180, 900));
                long amount = dice.between(30, 300) * 10 * WAN;
                long postMoney = CreditHistory.roundedDown(amount * dice.between(40_000, 120_000) / 10_000, 100 * WAN);
                String investor = dice.pick(ANGELS);
                if (!on.isAfter(CreditHistory.END)) {
                    rounds.add(new Round(p, investor, amount, postMoney, on));
                }
            }
        }
        rounds.sort(Comparator.comparing(Round::on).thenComparing(r -> r.project().number));
        int number = 0;
        for (Round r : rounds) {
            out.add("seed-follow-ons", r.on(), Bundle.id("FR", 4, ++number), r.project().id, r.investor(),
                    CreditHistory.yuan(r.amount()), CreditHistory.yuan(r.postMoney()), r.on().toString());
        }
    }
}
