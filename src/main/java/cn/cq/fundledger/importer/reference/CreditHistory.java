package cn.cq.fundledger.importer.reference;

import cn.cq.fundledger.core.Money;
import cn.cq.fundledger.core.Ratio;
import cn.cq.fundledger.importer.reference.Chongqing.District;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The knowledge-value credit program, day by day from 2017-01-01 to 2025-12-31: banks, enterprise
 * evaluations, the risk-sharing ratio, district pools and their contributions, loans, repayments, defaults,
 * compensation claims and recoveries.
 *
 * <p>The simulation walks the days in the order the ledger applies a bundle (on one date: evaluations,
 * contributions, loans, repayments, defaults, claims, recoveries) and keeps the same state the ledger keeps
 * (an enterprise's outstanding principal and grade, a bank's issued and lost principal, a pool's balance),
 * so every row it writes is one the ledger accepts at that point:
 * <ul>
 *   <li>a borrower has a grade valid on the issue date (yearly re-evaluations overlap), in its district,
 *       no loan in default, and the new principal fits in its grade's line;</li>
 *   <li>loan counts and principal per period are fixed in advance: the published cumulative figures at
 *       2019-03-31, 2023-06-30, 2024-04-14 and 2025-08-31 are reached exactly, to the fen, by {@link ExactSum};</li>
 *   <li>a default is declared only while the bank's loss rate stays below {@value #FUSE_CAP_BP} basis points
 *       (the fuse warns at 500); otherwise the borrower pays late instead;</li>
 *   <li>a pool is topped up (city 40%, district 60%) every April by what it paid out net the year before,
 *       and at once when a claim would find it short, so every claim is paid on its date.</li>
 * </ul>
 */
final class CreditHistory {

    static final LocalDate START = LocalDate.of(2017, 1, 1);
    static final LocalDate END = LocalDate.of(2025, 12, 31);

    static final long WAN = 1_000_000L;
    static final long THOUSAND = 100_000L;
    static final long[] LINES = {500 * WAN, 400 * WAN, 300 * WAN, 160 * WAN, 80 * WAN};
    static final String GRADES = "ABCDE";
    static final Ratio FUND_SHARE = Ratio.ofBasisPoints(8000);
    /** The generator declares a default only while it keeps the bank's loss rate below this (fuse warns at 5%). */
    static final int FUSE_CAP_BP = 350;

    private static final LocalDate FIRST_MONTH = LocalDate.of(2017, 3, 31);
    private static final long MIN_LOAN = 10 * WAN;
    private static final long MAX_LOAN_BOUND = 450 * WAN;

    /** A published cumulative figure: loans issued and their principal on or before a date. */
    record Checkpoint(LocalDate asOf, int loans, long issuedFen) {
    }

    static final List<Checkpoint> CHECKPOINTS = List.of(
            new Checkpoint(LocalDate.of(2019, 3, 31), 844, Money.parse("20.1亿").fen()),
            new Checkpoint(LocalDate.of(2023, 6, 30), 11_316, Money.parse("196.83亿").fen()),
            new Checkpoint(LocalDate.of(2024, 4, 14), 12_535, Money.parse("217.2亿").fen()),
            new Checkpoint(LocalDate.of(2025, 8, 31), 13_704, Money.parse("236.46亿").fen()));

    /** Loans a month: first loans in March 2017, city-wide from 2019, a dip in early 2020, slower after mid-2023. */
    static final Timeline LOAN_TIMELINE = new Timeline(
            Timeline.at(2017, 1, 1, 0), Timeline.at(2017, 2, 28, 0), Timeline.at(2017, 3, 1, 4),
            Timeline.at(2017, 6, 30, 15), Timeline.at(2017, 12, 31, 25),
            Timeline.at(2018, 6, 30, 35), Timeline.at(2018, 12, 31, 45), Timeline.at(2019, 3, 31, 60),
            Timeline.at(2019, 4, 1, 150), Timeline.at(2019, 12, 31, 190), Timeline.at(2020, 2, 15, 110),
            Timeline.at(2020, 4, 30, 210), Timeline.at(2021, 6, 30, 240), Timeline.at(2022, 6, 30, 225),
            Timeline.at(2023, 6, 30, 185), Timeline.at(2023, 7, 1, 150), Timeline.at(2024, 4, 14, 120),
            Timeline.at(2024, 4, 15, 85), Timeline.at(2025, 8, 31, 60));

    // ------------------------------------------------------------------ state

    static final class Enterprise {
        final int number;
        final String id;
        final String name;
        final District district;
        final List<LocalDate> evaluatedOn = new ArrayList<>();
        final List<Integer> grades = new ArrayList<>();
        long outstanding;
        boolean doomed;
        LocalDate defaultedOn;
        LocalDate readyFrom;
        boolean inPool;
        private LocalDate lastEvaluation;
        private LocalDate activeUntil;

        Enterprise(int number, String name, District district) {
            this.number = number;
            this.id = Bundle.id("E", 5, number);
            this.name = name;
            this.district = district;
        }

        /** Index of the latest evaluation on or before the date, or -1. */
        int latest(LocalDate date) {
            int low = 0;
            int high = evaluatedOn.size() - 1;
            int found = -1;
            while (low <= high) {
                int mid = (low + high) >>> 1;
                if (evaluatedOn.get(mid).isAfter(date)) {
                    high = mid - 1;
                } else {
                    found = mid;
                    low = mid + 1;
                }
            }
            return found;
        }

        /** The grade (0 = A .. 4 = E) valid on the date, or -1 when there is none. */
        int gradeOn(LocalDate date) {
            int i = latest(date);
            if (i < 0 || !date.isBefore(evaluatedOn.get(i).plusMonths(12))) {
                return -1;
            }
            return grades.get(i);
        }

        LocalDate firstEvaluation() {
            return evaluatedOn.get(0);
        }

        LocalDate activeUntil() {
            LocalDate last = evaluatedOn.get(evaluatedOn.size() - 1);
            if (!last.equals(lastEvaluation)) {
                lastEvaluation = last;
                activeUntil = last.plusMonths(12);
            }
            return activeUntil;
        }

        /** Evaluated and in good standing on the date. */
        boolean activeOn(LocalDate date) {
            return !firstEvaluation().isAfter(date) && date.isBefore(activeUntil())
                    && (defaultedOn == null || date.isBefore(defaultedOn));
        }
    }

    private static final class Bank {
        final Chongqing.Bank bank;
        long issued;
        long lost;

        Bank(Chongqing.Bank bank) {
            this.bank = bank;
        }
    }

    private static final class Pool {
        final District district;
        long balance;
        final Map<Integer, Long> netOutflow = new HashMap<>();

        Pool(District district) {
            this.district = district;
        }

        void outflow(int year, long fen) {
            netOutflow.merge(year, fen, Long::sum);
        }
    }

    private static final class Loan {
        final String id;
        final Bank bank;
        final Enterprise enterprise;
        final long principal;
        final int rateBp;
        final int term;
        final LocalDate issuedOn;
        long repaid;
        int repayments;
        LocalDate lastPaid;
        boolean closed;
        boolean defaulted;
        long unrecovered;
        long poolPaid;
        long poolRecovered;
        long recovered;
        int recoveries;

        Loan(int number, Bank bank, Enterprise enterprise, long principal, int rateBp, int term, LocalDate issuedOn) {
            this.id = Bundle.id("L", 6, number);
            this.bank = bank;
            this.enterprise = enterprise;
            this.principal = principal;
            this.rateBp = rateBp;
            this.term = term;
            this.issuedOn = issuedOn;
            this.lastPaid = issuedOn;
        }
    }

    private record Repay(Loan loan, long principal, int months) {
        static final long REST = -1;
    }

    private record Declare(Loan loan, LocalDate overdueSince) {
    }

    private record Recover(Loan loan, int fractionBp) {
    }

    /** Things to do on a future day, by day index. */
    private static final class Agenda<T> {
        private final List<List<T>> days = new ArrayList<>();

        void at(int day, T item) {
            while (days.size() <= day) {
                days.add(null);
            }
            if (days.get(day) == null) {
                days.set(day, new ArrayList<>());
            }
            days.get(day).add(item);
        }

        List<T> on(int day) {
            return day < days.size() && days.get(day) != null ? days.get(day) : List.of();
        }
    }

    // ------------------------------------------------------------------ the run

    private final Dice dice;
    private final Bundle out;
    private final Chongqing.Names names;
    private final List<Bank> banks = new ArrayList<>();
    private final double[] bankWeights;
    private final Map<String, Pool> pools = new HashMap<>();
    final List<Enterprise> enterprises = new ArrayList<>();
    private final List<Enterprise> ready = new ArrayList<>();
    private final List<ExactSum> segments = new ArrayList<>();
    private final int[] segmentOfDay;
    private final int[] slotsOfDay;
    private final Agenda<Repay> repayAgenda = new Agenda<>();
    private final Agenda<Declare> defaultAgenda = new Agenda<>();
    private final Agenda<Loan> claimAgenda = new Agenda<>();
    private final Agenda<Recover> recoveryAgenda = new Agenda<>();
    private int loanCount;
    private int contributionCount;

    CreditHistory(Dice dice, Bundle out) {
        this.dice = dice;
        this.out = out;
        this.names = new Chongqing.Names(dice);
        bankWeights = new double[Chongqing.BANKS.size()];
        for (int i = 0; i < Chongqing.BANKS.size(); i++) {
            banks.add(new Bank(Chongqing.BANKS.get(i)));
            bankWeights[i] = Chongqing.BANKS.get(i).weight();
        }
        for (District d : Chongqing.DISTRICTS) {
            pools.put(d.name(), new Pool(d));
        }
        int days = day(END) + 1;
        segmentOfDay = new int[days];
        slotsOfDay = new int[days];
        LocalDate from = START;
        int loansBefore = 0;
        long issuedBefore = 0;
        for (int s = 0; s < CHECKPOINTS.size(); s++) {
            Checkpoint c = CHECKPOINTS.get(s);
            int count = c.loans() - loansBefore;
            segments.add(new ExactSum(c.issuedFen() - issuedBefore, count, MIN_LOAN, MAX_LOAN_BOUND));
            for (LocalDate d = from; !d.isAfter(c.asOf()); d = d.plusDays(1)) {
                segmentOfDay[day(d)] = s;
            }
            for (LocalDate d : LOAN_TIMELINE.draw(dice, from, c.asOf(), count)) {
                slotsOfDay[day(d)]++;
            }
            loansBefore = c.loans();
            issuedBefore = c.issuedFen();
            from = c.asOf().plusDays(1);
        }
    }

    static int day(LocalDate date) {
        return (int) ChronoUnit.DAYS.between(START, date);
    }

    void run() {
        for (Bank b : banks) {
            out.add("banks", START, b.bank.id(), b.bank.name());
        }
        out.add("risk-sharing", START, START.toString(), FUND_SHARE.toPercentString(), "");
        for (LocalDate d = START; !d.isAfter(END); d = d.plusDays(1)) {
            int i = day(d);
            openPools(d);
            if (d.getMonthValue() == 4 && d.getDayOfMonth() == 15) {
                replenishPools(d);
            }
            for (int k = 0; k < slotsOfDay[i]; k++) {
                issue(d, segments.get(segmentOfDay[i]));
            }
            for (Repay r : repayAgenda.on(i)) {
                repay(d, r);
            }
            for (Declare x : defaultAgenda.on(i)) {
                declare(d, x);
            }
            for (Loan l : claimAgenda.on(i)) {
                claim(d, l);
            }
            for (Recover r : recoveryAgenda.on(i)) {
                recover(d, r);
            }
        }
        for (ExactSum s : segments) {
            if (!s.done()) {
                throw new IllegalStateException("a period's loans do not add up to its published figure");
            }
        }
        for (Enterprise e : enterprises) {
            for (int k = 0; k < e.evaluatedOn.size(); k++) {
                LocalDate on = e.evaluatedOn.get(k);
                out.add("evaluations", on, e.id, e.name, e.district.name(),
                        String.valueOf(GRADES.charAt(e.grades.get(k))), on.toString());
            }
        }
    }

    // ------------------------------------------------------------------ loans

    private void issue(LocalDate d, ExactSum sum) {
        long low = sum.low();
        Enterprise e = dice.chance(newcomerShare(d)) ? null : returning(d, low);
        if (e == null) {
            e = onboard(d, low);
        }
        int grade = e.gradeOn(d);
        long room = LINES[grade] - e.outstanding;
        long principal = sum.take(wish(sum.mean()), room);
        Bank bank = banks.get(dice.weighted(bankWeights));
        int term = term();
        int rate = lprBp(d);
        Loan loan = new Loan(++loanCount, bank, e, principal, rate, term, d);
        out.add("loans", d, loan.id, bank.bank.id(), e.id, e.district.name(), yuan(principal),
                percent(rate), String.valueOf(term), d.toString());
        e.outstanding += principal;
        bank.issued += principal;
        // a loan's fate is drawn when it is issued (the pilot's first month is repaid in full)
        boolean doomed = d.isAfter(FIRST_MONTH) && dice.chance(defaultProbability(d));
        if (doomed) {
            e.doomed = true;
            planDefault(loan);
        } else {
            planRepayment(loan);
            if (grade <= 1 && LINES[grade] - e.outstanding >= 100 * WAN && dice.chance(0.12)) {
                toPool(e, d.plusDays(dice.between(30, 150)));
            }
        }
    }

    /** A principal drawn around the mean still needed, rounded as banks lend: 10万, 万 or thousands. */
    private long wish(long mean) {
        double raw = mean * dice.spread(0.5);
        double u = dice.unit();
        long step = u < 0.55 ? 10 * WAN : u < 0.85 ? WAN : THOUSAND;
        return Math.max(step, Math.round(raw / step) * step);
    }

    /** Share of loans going to enterprises new to the program. */
    private static double newcomerShare(LocalDate d) {
        int y = d.getYear();
        return y <= 2017 ? 0.6 : y == 2018 ? 0.5 : y <= 2020 ? 0.38 : y <= 2022 ? 0.3 : 0.25;
    }

    private static double defaultProbability(LocalDate d) {
        return switch (d.getYear()) {
            case 2017 -> 0.008;
            case 2018 -> 0.012;
            case 2019 -> 0.015;
            case 2020 -> 0.02;
            case 2021 -> 0.016;
            case 2022 -> 0.017;
            case 2023 -> 0.015;
            default -> 0.013;
        };
    }

    private static final int[] TERMS = {12, 6, 9, 3, 11, 10, 8, 5, 4, 2};
    private static final double[] TERM_WEIGHTS = {55, 18, 8, 6, 3, 3, 2, 2, 2, 1};

    private int term() {
        return TERMS[dice.weighted(TERM_WEIGHTS)];
    }

    /** One-year loan prime rate changes: year, month, day, basis points from that day. */
    private static final int[][] LPR = {
            {2019, 8, 20, 425}, {2019, 9, 20, 420}, {2019, 11, 20, 415}, {2020, 2, 20, 405},
            {2020, 4, 20, 385}, {2021, 12, 20, 380}, {2022, 1, 20, 370}, {2022, 8, 22, 365},
            {2023, 6, 20, 355}, {2023, 8, 21, 345}};

    /** The one-year loan prime rate in force (knowledge-value loans are priced at LPR), 3.45%–4.35%. */
    static int lprBp(LocalDate d) {
        int rate = 435;
        for (int[] row : LPR) {
            if (!d.isBefore(LocalDate.of(row[0], row[1], row[2]))) {
                rate = row[3];
            }
        }
        return rate;
    }

    private Enterprise returning(LocalDate d, long low) {
        for (int attempt = 0; attempt < 30 && !ready.isEmpty(); attempt++) {
            int i = dice.index(ready.size());
            Enterprise e = ready.get(i);
            if (e.doomed || e.defaultedOn != null || !d.isBefore(e.activeUntil())) {
                removeFromPool(i);
                continue;
            }
            if (e.readyFrom.isAfter(d)) {
                continue;
            }
            int grade = e.gradeOn(d);
            if (grade < 0 || LINES[grade] - e.outstanding < low) {
                continue;
            }
            removeFromPool(i);
            return e;
        }
        return null;
    }

    private void toPool(Enterprise e, LocalDate readyFrom) {
        e.readyFrom = readyFrom;
        if (!e.inPool) {
            e.inPool = true;
            ready.add(e);
        }
    }

    private void removeFromPool(int i) {
        Enterprise e = ready.get(i);
        Enterprise last = ready.remove(ready.size() - 1);
        if (i < ready.size()) {
            ready.set(i, last);
        }
        e.inPool = false;
    }

    /** A new enterprise, evaluated a few weeks before its first loan, then yearly for some years. */
    private Enterprise onboard(LocalDate d, long low) {
        List<District> open = new ArrayList<>();
        for (District district : Chongqing.DISTRICTS) {
            if (!district.joined().isAfter(d)) {
                open.add(district);
            }
        }
        double[] weights = new double[open.size()];
        for (int i = 0; i < open.size(); i++) {
            weights[i] = open.get(i).weight();
        }
        District district = open.get(dice.weighted(weights));
        int grade = firstGrade(d);
        if (LINES[grade] < low) {
            grade = LINES[1] >= low && dice.chance(0.4) ? 1 : 0;
        }
        Enterprise e = new Enterprise(enterprises.size() + 1, names.next(), district);
        LocalDate evaluated = d.minusDays(dice.between(0, 40));
        if (evaluated.isBefore(district.joined())) {
            evaluated = district.joined();
        }
        int years = 1 + dice.geometric(0.2, 8);
        for (int k = 0; k < years && !evaluated.isAfter(END); k++) {
            e.evaluatedOn.add(evaluated);
            e.grades.add(grade);
            evaluated = evaluated.plusMonths(12).minusDays(dice.between(0, 21));
            double u = dice.unit();
            grade = u < 0.13 ? Math.max(0, grade - 1) : u < 0.24 ? Math.min(4, grade + 1) : grade;
        }
        enterprises.add(e);
        return e;
    }

    private int firstGrade(LocalDate d) {
        double[] early = {30, 33, 22, 10, 5};
        double[] later = {18, 28, 30, 15, 9};
        return dice.weighted(d.getYear() <= 2018 ? early : later);
    }

    // ------------------------------------------------------------------ repayments and defaults

    private void planRepayment(Loan loan) {
        LocalDate maturity = loan.issuedOn.plusMonths(loan.term);
        double u = dice.unit();
        if (loan.term >= 3 && u < 0.22) {
            int m1 = loan.term / 2;
            long part = roundedDown(loan.principal * dice.between(2_000, 6_000) / 10_000, WAN);
            if (part > 0 && part < loan.principal) {
                schedule(loan.issuedOn.plusMonths(m1), new Repay(loan, part, m1));
                schedule(maturity.minusDays(dice.between(0, 3)), new Repay(loan, Repay.REST, loan.term - m1));
                return;
            }
        }
        if (loan.term >= 2 && u < 0.28) {
            int m = dice.between(1, loan.term - 1);
            schedule(loan.issuedOn.plusMonths(m), new Repay(loan, Repay.REST, m));
            return;
        }
        schedule(maturity.minusDays(dice.between(0, 3)), new Repay(loan, Repay.REST, loan.term));
    }

    private void planDefault(Loan loan) {
        LocalDate maturity = loan.issuedOn.plusMonths(loan.term);
        if (loan.term >= 3 && dice.chance(0.35)) {
            int m1 = loan.term / 2;
            long part = roundedDown(loan.principal * dice.between(1_000, 5_000) / 10_000, WAN);
            if (part > 0 && part < loan.principal) {
                schedule(loan.issuedOn.plusMonths(m1), new Repay(loan, part, m1));
            }
        }
        LocalDate overdue = maturity.plusDays(1);
        LocalDate declared = overdue.plusDays(dice.between(60, 150));
        if (!declared.isAfter(END)) {
            defaultAgenda.at(day(declared), new Declare(loan, overdue));
        }
    }

    private void schedule(LocalDate date, Repay repay) {
        if (!date.isAfter(END)) {
            repayAgenda.at(day(date), repay);
        }
    }

    private void repay(LocalDate d, Repay r) {
        Loan loan = r.loan();
        if (loan.closed || loan.defaulted) {
            throw new IllegalStateException("repayment planned on a closed or defaulted loan " + loan.id);
        }
        long outstanding = loan.principal - loan.repaid;
        long principal = r.principal() == Repay.REST ? outstanding : Math.min(r.principal(), outstanding);
        long interest = interest(outstanding, loan.rateBp, r.months());
        recordRepayment(d, loan, principal, interest);
    }

    private void recordRepayment(LocalDate d, Loan loan, long principal, long interest) {
        loan.repayments++;
        out.add("repayments", d, "R" + loan.id + "-" + loan.repayments, loan.id, yuan(principal), yuan(interest),
                d.toString());
        loan.repaid += principal;
        loan.lastPaid = d;
        Enterprise e = loan.enterprise;
        e.outstanding -= principal;
        if (loan.repaid == loan.principal) {
            loan.closed = true;
            if (!e.doomed && e.defaultedOn == null && d.plusDays(30).isBefore(e.activeUntil())) {
                toPool(e, d.plusDays(dice.between(5, 150)));
            }
        }
    }

    /** Interest on an outstanding principal for whole months at an annual rate, half-even to the fen. */
    static long interest(long principalFen, int rateBp, int months) {
        long numerator = principalFen * rateBp * months;
        long denominator = 10_000L * 12;
        long q = numerator / denominator;
        long r = numerator % denominator;
        if (2 * r > denominator || (2 * r == denominator && (q & 1) == 1)) {
            q++;
        }
        return q;
    }

    private void declare(LocalDate d, Declare x) {
        Loan loan = x.loan();
        if (loan.closed || loan.defaulted) {
            throw new IllegalStateException("default planned on a closed loan " + loan.id);
        }
        long unrecovered = loan.principal - loan.repaid;
        Bank bank = loan.bank;
        // the fuse: keep the bank's loss rate (unrecovered principal in default / principal issued) well below 5%
        if ((bank.lost + unrecovered) * 10_000L >= bank.issued * FUSE_CAP_BP) {
            int months = (int) Math.max(1, ChronoUnit.MONTHS.between(loan.lastPaid, d));
            loan.enterprise.doomed = false;
            recordRepayment(d, loan, unrecovered, interest(unrecovered, loan.rateBp, months));
            return;
        }
        out.add("defaults", d, loan.id, x.overdueSince().toString(), d.toString());
        loan.defaulted = true;
        loan.unrecovered = unrecovered;
        bank.lost += unrecovered;
        Enterprise e = loan.enterprise;
        e.outstanding -= unrecovered;
        e.defaultedOn = d;
        // no evaluation after a default: the enterprise leaves the program
        while (e.evaluatedOn.size() > 1 && e.evaluatedOn.get(e.evaluatedOn.size() - 1).isAfter(d)) {
            e.evaluatedOn.remove(e.evaluatedOn.size() - 1);
            e.grades.remove(e.grades.size() - 1);
        }
        LocalDate claimed = d.plusDays(dice.between(7, 45));
        if (!claimed.isAfter(END)) {
            claimAgenda.at(day(claimed), loan);
        }
    }

    // ------------------------------------------------------------------ pools, claims, recoveries

    private void claim(LocalDate d, Loan loan) {
        long share = Money.ofFen(loan.unrecovered).split(FUND_SHARE).first().fen();
        Pool pool = pools.get(loan.enterprise.district.name());
        if (pool.balance < share) {
            contribute(d, pool, roundedUp(share - pool.balance, 100 * WAN) + 200 * WAN);
        }
        out.add("compensations", d, "K" + loan.id, loan.id, d.toString());
        pool.balance -= share;
        pool.outflow(d.getYear(), share);
        loan.poolPaid = share;
        if (dice.chance(0.45)) {
            LocalDate on = d.plusDays(dice.between(90, 540));
            if (!on.isAfter(END)) {
                recoveryAgenda.at(day(on), new Recover(loan, dice.between(500, 4_000)));
            }
        }
    }

    private void recover(LocalDate d, Recover r) {
        Loan loan = r.loan();
        long rest = loan.unrecovered - loan.recovered;
        long amount = roundedDown(rest * r.fractionBp() / 10_000, 100 * 100L);
        if (amount <= 0) {
            return;
        }
        long poolShare = Math.min(Money.ofFen(amount).split(FUND_SHARE).first().fen(),
                loan.poolPaid - loan.poolRecovered);
        loan.recoveries++;
        out.add("recoveries", d, "V" + loan.id + "-" + loan.recoveries, loan.id, yuan(amount), d.toString());
        loan.recovered += amount;
        loan.poolRecovered += poolShare;
        Pool pool = pools.get(loan.enterprise.district.name());
        pool.balance += poolShare;
        pool.outflow(d.getYear(), -poolShare);
        if (loan.recoveries == 1 && dice.chance(0.3)) {
            LocalDate on = d.plusDays(dice.between(60, 360));
            if (!on.isAfter(END)) {
                recoveryAgenda.at(day(on), new Recover(loan, dice.between(1_000, 3_000)));
            }
        }
    }

    /** A district's pool is endowed when the district joins the program. */
    private void openPools(LocalDate d) {
        for (District district : Chongqing.DISTRICTS) {
            if (district.joined().equals(d)) {
                long endowment = Math.max(500 * WAN, Math.round(district.weight() * 4) * 100 * WAN);
                contribute(d, pools.get(district.name()), endowment);
            }
        }
    }

    /** Every April, each pool gets back what it paid out, net of recoveries, in the previous year. */
    private void replenishPools(LocalDate d) {
        for (District district : Chongqing.DISTRICTS) {
            Pool pool = pools.get(district.name());
            long net = pool.netOutflow.getOrDefault(d.getYear() - 1, 0L);
            if (net > 0) {
                contribute(d, pool, roundedUp(net, 10 * WAN));
            }
        }
    }

    /** A contribution of city (40%) and district (60%) money; the total is a multiple of 10万. */
    private void contribute(LocalDate d, Pool pool, long total) {
        long city = total / 5 * 2;
        long district = total - city;
        out.add("pool-contributions", d, Bundle.id("PC", 5, ++contributionCount), pool.district.name(), "city",
                yuan(city), d.toString());
        out.add("pool-contributions", d, Bundle.id("PC", 5, ++contributionCount), pool.district.name(),
                "district", yuan(district), d.toString());
        pool.balance += total;
    }

    // ------------------------------------------------------------------ helpers

    /** A rate in basis points as a percentage with at most two decimals: 435 is "4.35", 380 is "3.8". */
    static String percent(int bp) {
        String whole = Integer.toString(bp / 100);
        int cents = bp % 100;
        if (cents == 0) {
            return whole;
        }
        return cents % 10 == 0 ? whole + "." + cents / 10 : whole + (cents < 10 ? ".0" : ".") + cents;
    }

    static String yuan(long fen) {
        return Bundle.yuan(fen);
    }

    /** Whole fen rounded down to a multiple of {@code step} (all money here is integer fen). */
    static long roundedDown(long fen, long step) {
        return Math.floorDiv(fen, step) * step;
    }

    static long roundedUp(long fen, long step) {
        return (fen + step - 1) / step * step;
    }
}
