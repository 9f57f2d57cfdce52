package cn.cq.fundledger.importer.reference;

import cn.cq.fundledger.core.Money;
import cn.cq.fundledger.core.Ratio;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * An independent check of an import bundle: it reads nothing but the CSV bytes, orders the rows as the
 * ledger applies a bundle (banks first, then by business date, ties in the order of the kinds, then file
 * order) and replays them against the ledger's published rules, row by row, with its own bookkeeping. It
 * shares no code with the generator; only the core money types parse and split amounts.
 *
 * <p>Every broken rule is collected as a violation naming file, line and rule; {@link #violations()} is
 * empty for a bundle the ledger would accept whole with every claim paid at once.
 */
final class ReferenceBundleChecker {

    static final LocalDate PROGRAM_START = LocalDate.of(2017, 1, 1);
    static final LocalDate LAST_DAY = LocalDate.of(2025, 12, 31);
    static final LocalDate SEED_CAP_RAISED = LocalDate.of(2024, 10, 27);
    static final long WAN = 1_000_000L;
    static final Map<String, Long> LINES = Map.of("A", 500 * WAN, "B", 400 * WAN, "C", 300 * WAN, "D", 160 * WAN,
            "E", 80 * WAN);
    static final Set<String> DISTRICTS = Set.of("高新区", "两江新区", "渝中区", "江北区", "沙坪坝区", "九龙坡区", "南岸区",
            "渝北区", "巴南区", "北碚区", "大渡口区", "璧山区", "江津区", "永川区", "合川区", "长寿区", "涪陵区", "綦江区", "大足区",
            "铜梁区", "潼南区", "荣昌区", "南川区", "万州区", "黔江区", "开州区", "梁平区", "武隆区", "万盛经开区", "垫江县", "忠县",
            "丰都县", "云阳县", "城口县", "巫山县", "巫溪县", "奉节县", "石柱土家族自治县", "秀山土家族苗族自治县",
            "酉阳土家族苗族自治县", "彭水苗族土家族自治县");
    static final Set<String> PARTNERS = Set.of("市级引导基金", "国家引导基金", "社会资本");

    /** The kinds in the bundle's tie order, with their columns; the date column is marked with '*'. */
    static final Map<String, List<String>> KINDS = kinds();

    private static Map<String, List<String>> kinds() {
        Map<String, List<String>> k = new LinkedHashMap<>();
        k.put("banks", List.of("bank_id", "name"));
        k.put("evaluations", List.of("enterprise_id", "enterprise_name", "district", "grade", "*evaluated_on"));
        k.put("risk-sharing", List.of("*effective_from", "fund_share_pct", "bank_id"));
        k.put("pool-contributions", List.of("contribution_id", "district", "source", "amount_yuan", "*contributed_on"));
        k.put("loans", List.of("loan_id", "bank_id", "enterprise_id", "district", "principal_yuan", "annual_rate_pct",
                "term_months", "*issued_on"));
        k.put("repayments", List.of("repayment_id", "loan_id", "principal_yuan", "interest_yuan", "*paid_on"));
        k.put("defaults", List.of("loan_id", "overdue_since", "*declared_on"));
        k.put("compensations", List.of("claim_id", "loan_id", "*claimed_on"));
        k.put("recoveries", List.of("recovery_id", "loan_id", "amount_yuan", "*recovered_on"));
        k.put("guided-loans", List.of("loan_id", "bank_id", "enterprise_id", "district", "principal_yuan", "*issued_on"));
        k.put("seed-funds", List.of("fund_id", "name", "partner", "city_share_pct", "committed_yuan", "*established_on"));
        k.put("seed-investments", List.of("investment_id", "fund_id", "project_id", "enterprise_name", "instrument",
                "amount_yuan", "equity_pct", "*invested_on"));
        k.put("seed-follow-ons", List.of("round_id", "project_id", "investor", "amount_yuan", "post_money_yuan",
                "*closed_on"));
        k.put("seed-exits", List.of("exit_id", "investment_id", "route", "proceeds_yuan", "*exited_on"));
        k.put("equity-commitments", List.of("fund_id", "fund_name", "partner", "committed_yuan", "*committed_on"));
        k.put("equity-calls", List.of("call_id", "fund_id", "amount_yuan", "*called_on"));
        k.put("equity-deals", List.of("deal_id", "fund_id", "project_id", "company", "amount_yuan", "stake_pct",
                "*closed_on"));
        k.put("equity-exits", List.of("exit_id", "deal_id", "proceeds_yuan", "*exited_on"));
        return k;
    }

    private static final Pattern AMOUNT = Pattern.compile("(0|[1-9][0-9]*)\\.[0-9]{2}");
    private static final Pattern PERCENT = Pattern.compile("(0|[1-9][0-9]*)(\\.[0-9]{1,2})?");
    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

    /** A parsed row: its kind, position in the tie order, line in its file, business date and values. */
    record Row(String kind, int order, int line, LocalDate date, Map<String, String> values) {
        String get(String column) {
            return values.get(column);
        }

        String where() {
            return kind + ".csv line " + line;
        }
    }

    private final List<String> violations = new ArrayList<>();
    private final Map<String, List<Row>> rowsByKind = new LinkedHashMap<>();

    // credit state
    private final Map<String, Bank> banks = new HashMap<>();
    private final Map<String, Enterprise> enterprises = new HashMap<>();
    private final List<String[]> ratios = new ArrayList<>();
    private final Map<String, Pool> pools = new HashMap<>();
    private final Map<String, Loan> loans = new HashMap<>();
    private final Map<String, Loan> claims = new HashMap<>();
    private final Set<String> ids = new HashSet<>();
    private BigDecimal maxLossRate = BigDecimal.ZERO;
    private String maxLossRateAt = "";
    private int defaultsChecked;

    // seed state
    private final Map<String, SeedFund> seedFunds = new HashMap<>();
    private final Map<String, SeedInvestment> seedInvestments = new HashMap<>();
    private final Map<String, List<SeedInvestment>> seedProjects = new HashMap<>();

    // equity state
    private final Map<String, EquityFund> equityFunds = new HashMap<>();
    private final Map<String, LocalDate> equityDeals = new HashMap<>();
    private final Set<String> exitedDeals = new HashSet<>();

    private static final class Bank {
        long issued;
        long lost;
        boolean suspended;
    }

    private static final class Enterprise {
        final TreeMap<LocalDate, Row> evaluations = new TreeMap<>();
        long outstanding;
        int defaulted;
    }

    private static final class Pool {
        long balance;
        final Deque<Loan> waiting = new ArrayDeque<>();
    }

    private static final class Loan {
        Row row;
        long principal;
        long repaid;
        int ratioBp;
        boolean closed;
        boolean defaulted;
        LocalDate declaredOn;
        long unrecovered;
        long poolShare;
        LocalDate claimedOn;
        LocalDate paidOn;
        long poolRecovered;
        long recovered;
    }

    private static final class SeedFund {
        long committed;
        long invested;
        LocalDate established;
    }

    private record SeedInvestment(String id, String project, String name, boolean loan, long amount, LocalDate on,
                                  boolean[] exited) {
    }

    private static final class EquityFund {
        long committed;
        long called;
        long invested;
        final Set<String> partners = new HashSet<>();
    }

    private ReferenceBundleChecker() {
    }

    static ReferenceBundleChecker check(Map<String, byte[]> files) {
        ReferenceBundleChecker checker = new ReferenceBundleChecker();
        List<Row> all = checker.read(files);
        all.sort(Comparator.comparing(Row::date).thenComparingInt(Row::order).thenComparingInt(Row::line));
        for (Row row : all) {
            try {
                checker.apply(row);
            } catch (RuntimeException e) {
                checker.violation(row, "unreadable value: " + e.getMessage());
            }
        }
        return checker;
    }

    List<String> violations() {
        return violations;
    }

    BigDecimal maxLossRate() {
        return maxLossRate;
    }

    String maxLossRateAt() {
        return maxLossRateAt;
    }

    int defaultsChecked() {
        return defaultsChecked;
    }

    /** The parsed rows of one kind, in file order. */
    List<Row> rows(String kind) {
        return rowsByKind.getOrDefault(kind, List.of());
    }

    private void violation(Row row, String message) {
        violations.add(row.where() + " " + row.values() + ": " + message);
    }

    // ------------------------------------------------------------------ reading

    private List<Row> read(Map<String, byte[]> files) {
        List<Row> all = new ArrayList<>();
        int order = 0;
        for (Map.Entry<String, List<String>> kind : KINDS.entrySet()) {
            String name = kind.getKey() + ".csv";
            byte[] bytes = files.get(name);
            List<Row> rows = new ArrayList<>();
            rowsByKind.put(kind.getKey(), rows);
            if (bytes == null) {
                violations.add(name + " is missing");
                order++;
                continue;
            }
            String text;
            try {
                text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                violations.add(name + " is not UTF-8");
                order++;
                continue;
            }
            if (text.startsWith("\uFEFF") || text.indexOf('\r') >= 0 || !text.endsWith("\n")) {
                violations.add(name + " must be UTF-8 without BOM, with LF line ends, ending in a line end");
            }
            String[] lines = text.split("\n");
            List<String> columns = kind.getValue().stream().map(c -> c.replace("*", "")).toList();
            if (!List.of(lines[0].split(",", -1)).equals(columns)) {
                violations.add(name + " header is " + lines[0] + ", expected " + String.join(",", columns));
            }
            String dateColumn = kind.getValue().stream().filter(c -> c.startsWith("*")).map(c -> c.substring(1))
                    .findFirst().orElse(null);
            for (int i = 1; i < lines.length; i++) {
                String[] values = lines[i].split(",", -1);
                if (values.length != columns.size()) {
                    violations.add(name + " line " + (i + 1) + " has " + values.length + " values");
                    continue;
                }
                Map<String, String> map = new LinkedHashMap<>();
                for (int c = 0; c < values.length; c++) {
                    map.put(columns.get(c), values[c]);
                }
                LocalDate date = LocalDate.MIN;
                if (dateColumn != null) {
                    try {
                        date = date(map.get(dateColumn));
                    } catch (RuntimeException e) {
                        violations.add(name + " line " + (i + 1) + " has no valid date: " + map.get(dateColumn));
                        continue;
                    }
                }
                Row row = new Row(kind.getKey(), order, i + 1, date, map);
                rows.add(row);
                all.add(row);
            }
            order++;
        }
        return all;
    }

    private static LocalDate date(String text) {
        if (!DATE.matcher(text).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not yyyy-MM-dd");
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a date");
        }
    }

    private static long fen(String text) {
        if (!AMOUNT.matcher(text).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not an amount with two decimals");
        }
        return Money.parse(text).fen();
    }

    private static int basisPoints(String text) {
        if (!PERCENT.matcher(text).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a percentage");
        }
        return Ratio.parsePercent(text).basisPoints();
    }

    private static long share(long fen, int basisPoints) {
        return Money.ofFen(fen).split(Ratio.ofBasisPoints(basisPoints)).first().fen();
    }

    private boolean require(boolean condition, Row row, String rule) {
        if (!condition) {
            violation(row, rule);
        }
        return condition;
    }

    private boolean fresh(Row row, String id) {
        return require(ids.add(row.kind() + ":" + id), row, "id " + id + " is not unique");
    }

    // ------------------------------------------------------------------ rules

    private void apply(Row r) {
        if (!r.kind().equals("banks")) {
            require(!r.date().isBefore(PROGRAM_START) && !r.date().isAfter(LAST_DAY), r,
                    "business date outside 2017-01-01..2025-12-31");
        }
        switch (r.kind()) {
            case "banks" -> bank(r);
            case "evaluations" -> evaluation(r);
            case "risk-sharing" -> riskSharing(r);
            case "pool-contributions" -> contribution(r);
            case "loans" -> loan(r);
            case "repayments" -> repayment(r);
            case "defaults" -> declaredDefault(r);
            case "compensations" -> compensation(r);
            case "recoveries" -> recovery(r);
            case "guided-loans" -> guidedLoan(r);
            case "seed-funds" -> seedFund(r);
            case "seed-investments" -> seedInvestment(r);
            case "seed-follow-ons" -> followOn(r);
            case "seed-exits" -> seedExit(r);
            case "equity-commitments" -> commitment(r);
            case "equity-calls" -> call(r);
            case "equity-deals" -> deal(r);
            case "equity-exits" -> equityExit(r);
            default -> violation(r, "unknown kind");
        }
    }

    private void bank(Row r) {
        if (fresh(r, r.get("bank_id")) && require(!r.get("name").isBlank(), r, "bank without a name")) {
            banks.put(r.get("bank_id"), new Bank());
        }
    }

    private void evaluation(Row r) {
        require(LINES.containsKey(r.get("grade")), r, "grade must be A-E");
        require(DISTRICTS.contains(r.get("district")), r, "not a Chongqing district or county");
        require(!r.get("enterprise_name").isBlank(), r, "enterprise without a name");
        Enterprise e = enterprises.computeIfAbsent(r.get("enterprise_id"), id -> new Enterprise());
        if (require(!e.evaluations.containsKey(r.date()), r, "enterprise evaluated twice on one date")) {
            if (!e.evaluations.isEmpty()) {
                require(e.evaluations.firstEntry().getValue().get("district").equals(r.get("district")), r,
                        "enterprise moved district");
            }
            e.evaluations.put(r.date(), r);
        }
    }

    private void riskSharing(Row r) {
        int bp = basisPoints(r.get("fund_share_pct"));
        require(bp <= 10_000, r, "fund share above 100%");
        String bank = r.get("bank_id");
        require(bank.isEmpty() || banks.containsKey(bank), r, "unknown bank");
        ratios.add(new String[] {r.date().toString(), String.valueOf(bp), bank});
    }

    private int ratioInForce(String bankId, LocalDate date) {
        String own = null;
        String general = null;
        int ownBp = -1;
        int generalBp = -1;
        for (String[] v : ratios) {
            if (LocalDate.parse(v[0]).isAfter(date)) {
                continue;
            }
            if (v[2].equals(bankId) && (own == null || v[0].compareTo(own) >= 0)) {
                own = v[0];
                ownBp = Integer.parseInt(v[1]);
            } else if (v[2].isEmpty() && (general == null || v[0].compareTo(general) >= 0)) {
                general = v[0];
                generalBp = Integer.parseInt(v[1]);
            }
        }
        return own != null ? ownBp : generalBp;
    }

    private void contribution(Row r) {
        fresh(r, r.get("contribution_id"));
        long amount = fen(r.get("amount_yuan"));
        require(amount > 0, r, "contribution must be positive");
        require(r.get("source").equals("city") || r.get("source").equals("district"), r, "source city or district");
        require(DISTRICTS.contains(r.get("district")), r, "not a Chongqing district");
        Pool pool = pools.computeIfAbsent(r.get("district"), d -> new Pool());
        pool.balance += amount;
        payWaiting(pool, r.date());
    }

    private void payWaiting(Pool pool, LocalDate date) {
        while (!pool.waiting.isEmpty() && pool.balance >= pool.waiting.peekFirst().poolShare) {
            Loan loan = pool.waiting.pollFirst();
            pool.balance -= loan.poolShare;
            loan.paidOn = date.isBefore(loan.claimedOn) ? loan.claimedOn : date;
        }
    }

    private void loan(Row r) {
        String id = r.get("loan_id");
        if (!fresh(r, id)) {
            return;
        }
        long principal = fen(r.get("principal_yuan"));
        int rate = basisPoints(r.get("annual_rate_pct"));
        int term = Integer.parseInt(r.get("term_months"));
        require(principal > 0, r, "principal must be positive");
        require(term >= 1 && term <= 12, r, "term must be 1..12 months");
        require(rate >= 345 && rate <= 435, r, "rate must be LPR-like, 3.45%..4.35%");
        Bank bank = banks.get(r.get("bank_id"));
        if (!require(bank != null, r, "unknown bank")) {
            return;
        }
        require(!bank.suspended, r, "bank suspended");
        Enterprise e = enterprises.get(r.get("enterprise_id"));
        if (!require(e != null && e.evaluations.floorKey(r.date()) != null, r, "enterprise not evaluated by then")) {
            return;
        }
        Map.Entry<LocalDate, Row> latest = e.evaluations.floorEntry(r.date());
        require(r.date().isBefore(latest.getKey().plusMonths(12)), r, "grade of " + latest.getKey() + " expired");
        require(latest.getValue().get("district").equals(r.get("district")), r, "district differs from evaluation");
        require(e.defaulted == 0, r, "enterprise has a loan in default");
        long line = LINES.getOrDefault(latest.getValue().get("grade"), 0L);
        require(e.outstanding + principal <= line, r, "credit line exceeded: owes " + e.outstanding + " fen, line "
                + line);
        int ratio = ratioInForce(r.get("bank_id"), r.date());
        require(ratio >= 0, r, "no risk-sharing ratio in force");
        Loan loan = new Loan();
        loan.row = r;
        loan.principal = principal;
        loan.ratioBp = ratio;
        loans.put(id, loan);
        e.outstanding += principal;
        bank.issued += principal;
    }

    private void repayment(Row r) {
        fresh(r, r.get("repayment_id"));
        Loan loan = loans.get(r.get("loan_id"));
        if (!require(loan != null, r, "unknown loan")) {
            return;
        }
        long principal = fen(r.get("principal_yuan"));
        long interest = fen(r.get("interest_yuan"));
        require(principal + interest > 0, r, "repayment pays nothing");
        require(!r.date().isBefore(loan.row.date()), r, "paid before the loan was issued");
        require(!loan.closed, r, "loan already closed");
        require(!loan.defaulted, r, "loan in default");
        long outstanding = loan.principal - loan.repaid;
        if (!require(principal <= outstanding, r, "principal above outstanding " + outstanding)) {
            return;
        }
        loan.repaid += principal;
        enterprises.get(loan.row.get("enterprise_id")).outstanding -= principal;
        if (loan.repaid == loan.principal) {
            loan.closed = true;
        }
    }

    private void declaredDefault(Row r) {
        Loan loan = loans.get(r.get("loan_id"));
        if (!require(loan != null, r, "unknown loan")) {
            return;
        }
        LocalDate overdue = date(r.get("overdue_since"));
        require(!overdue.isBefore(loan.row.date()), r, "overdue before issue");
        require(!r.date().isBefore(overdue), r, "declared before overdue");
        if (!require(!loan.closed && !loan.defaulted, r, "loan closed or already in default")) {
            return;
        }
        loan.defaulted = true;
        loan.declaredOn = r.date();
        loan.unrecovered = loan.principal - loan.repaid;
        Enterprise e = enterprises.get(loan.row.get("enterprise_id"));
        e.outstanding -= loan.unrecovered;
        e.defaulted++;
        Bank bank = banks.get(loan.row.get("bank_id"));
        bank.lost += loan.unrecovered;
        defaultsChecked++;
        BigDecimal rate = BigDecimal.valueOf(bank.lost).divide(BigDecimal.valueOf(bank.issued), MathContext.DECIMAL64);
        if (rate.compareTo(maxLossRate) > 0) {
            maxLossRate = rate;
            maxLossRateAt = loan.row.get("bank_id") + " on " + r.date();
        }
        // the fuse warns at 5% and suspends at 8%: the reference data stays below the warning
        require(bank.lost * 100 < bank.issued * 5, r, "bank loss rate " + rate + " reaches the 5% fuse warning");
        if (bank.lost * 100 >= bank.issued * 8) {
            bank.suspended = true;
        }
    }

    private void compensation(Row r) {
        String claimId = r.get("claim_id");
        fresh(r, claimId);
        Loan loan = loans.get(r.get("loan_id"));
        if (!require(loan != null && loan.defaulted, r, "claim on a loan not in default")) {
            return;
        }
        if (!require(loan.claimedOn == null, r, "second claim for the loan")) {
            return;
        }
        require(!r.date().isBefore(loan.declaredOn), r, "claimed before the default's declaration");
        loan.claimedOn = r.date();
        loan.poolShare = share(loan.unrecovered, loan.ratioBp);
        claims.put(claimId, loan);
        Pool pool = pools.computeIfAbsent(loan.row.get("district"), d -> new Pool());
        if (require(pool.waiting.isEmpty() && pool.balance >= loan.poolShare, r,
                "pool " + loan.row.get("district") + " cannot pay the claim at once (balance " + pool.balance + ")")) {
            pool.balance -= loan.poolShare;
            loan.paidOn = r.date();
        } else {
            pool.waiting.addLast(loan);
        }
    }

    private void recovery(Row r) {
        fresh(r, r.get("recovery_id"));
        Loan loan = loans.get(r.get("loan_id"));
        if (!require(loan != null && loan.paidOn != null, r, "recovery before the compensation was paid")) {
            return;
        }
        require(!r.date().isBefore(loan.paidOn), r, "recovery dated before the compensation");
        long amount = fen(r.get("amount_yuan"));
        require(amount > 0, r, "recovery must be positive");
        require(loan.recovered + amount <= loan.unrecovered, r, "recovered more than the unrecovered principal");
        long poolShare = Math.min(share(amount, loan.ratioBp), loan.poolShare - loan.poolRecovered);
        loan.recovered += amount;
        loan.poolRecovered += poolShare;
        Pool pool = pools.get(loan.row.get("district"));
        pool.balance += poolShare;
        payWaiting(pool, r.date());
    }

    private void guidedLoan(Row r) {
        fresh(r, r.get("loan_id"));
        require(fen(r.get("principal_yuan")) > 0, r, "principal must be positive");
        require(banks.containsKey(r.get("bank_id")), r, "unknown bank");
        Enterprise e = enterprises.get(r.get("enterprise_id"));
        Map.Entry<LocalDate, Row> latest = e == null ? null : e.evaluations.floorEntry(r.date());
        if (require(latest != null, r, "enterprise not evaluated by then")) {
            require(latest.getValue().get("district").equals(r.get("district")), r, "district differs from evaluation");
        }
    }

    private void seedFund(Row r) {
        if (!fresh(r, r.get("fund_id"))) {
            return;
        }
        require(basisPoints(r.get("city_share_pct")) == 4_000, r, "city share must be 40%");
        SeedFund fund = new SeedFund();
        fund.committed = fen(r.get("committed_yuan"));
        fund.established = r.date();
        require(fund.committed > 0, r, "committed capital must be positive");
        seedFunds.put(r.get("fund_id"), fund);
    }

    private void seedInvestment(Row r) {
        String id = r.get("investment_id");
        if (!fresh(r, id)) {
            return;
        }
        SeedFund fund = seedFunds.get(r.get("fund_id"));
        if (!require(fund != null, r, "unknown seed fund")) {
            return;
        }
        require(!r.date().isBefore(fund.established), r, "invested before the fund was established");
        long amount = fen(r.get("amount_yuan"));
        require(amount > 0, r, "amount must be positive");
        String instrument = r.get("instrument");
        String pct = r.get("equity_pct");
        if (instrument.equals("equity")) {
            if (require(!pct.isEmpty(), r, "equity needs equity_pct")) {
                int bp = basisPoints(pct);
                require(bp > 0 && bp <= 10_000, r, "equity_pct must be in (0, 100]");
            }
        } else {
            require(instrument.equals("loan"), r, "instrument must be equity or loan");
            require(pct.isEmpty(), r, "a loan has no equity_pct");
        }
        List<SeedInvestment> project = seedProjects.computeIfAbsent(r.get("project_id"), p -> new ArrayList<>());
        long before = project.stream().mapToLong(SeedInvestment::amount).sum();
        long cap = r.date().isBefore(SEED_CAP_RAISED) ? 80 * WAN : 200 * WAN;
        require(before + amount <= cap, r, "project cap exceeded: " + (before + amount) + " fen > " + cap);
        if (!project.isEmpty()) {
            require(project.get(0).name().equals(r.get("enterprise_name")), r, "project renamed");
        }
        require(fund.invested + amount <= fund.committed, r, "fund invests beyond its committed capital");
        fund.invested += amount;
        SeedInvestment investment = new SeedInvestment(id, r.get("project_id"), r.get("enterprise_name"),
                instrument.equals("loan"), amount, r.date(), new boolean[1]);
        project.add(investment);
        seedInvestments.put(id, investment);
    }

    private void followOn(Row r) {
        fresh(r, r.get("round_id"));
        List<SeedInvestment> project = seedProjects.getOrDefault(r.get("project_id"), List.of());
        require(project.stream().anyMatch(i -> !i.on().isAfter(r.date())), r, "no seed investment in the project yet");
        long amount = fen(r.get("amount_yuan"));
        long postMoney = fen(r.get("post_money_yuan"));
        require(amount > 0 && postMoney >= amount, r, "amount positive and post-money at least the amount");
        require(!r.get("investor").isBlank(), r, "investor named");
    }

    private void seedExit(Row r) {
        fresh(r, r.get("exit_id"));
        SeedInvestment investment = seedInvestments.get(r.get("investment_id"));
        if (!require(investment != null, r, "unknown investment")) {
            return;
        }
        require(!investment.exited()[0], r, "investment exits twice");
        investment.exited()[0] = true;
        require(r.date().isAfter(investment.on()), r, "exit not after the investment");
        long proceeds = fen(r.get("proceeds_yuan"));
        String route = r.get("route");
        require(Set.of("buyback", "transfer", "liquidation", "repaid", "write_off").contains(route), r, "unknown route");
        if (route.equals("repaid")) {
            require(investment.loan(), r, "only a loan is repaid");
            require(proceeds <= investment.amount(), r, "an interest-free loan repays at most its amount");
        }
        if (route.equals("write_off")) {
            require(proceeds == 0, r, "a write-off brings nothing");
        }
    }

    private void commitment(Row r) {
        EquityFund fund = equityFunds.computeIfAbsent(r.get("fund_id"), f -> new EquityFund());
        require(PARTNERS.contains(r.get("partner")), r, "unknown kind of partner");
        require(fund.partners.add(r.get("partner")), r, "partner commits twice");
        long amount = fen(r.get("committed_yuan"));
        require(amount > 0, r, "commitment must be positive");
        fund.committed += amount;
    }

    private void call(Row r) {
        fresh(r, r.get("call_id"));
        EquityFund fund = equityFunds.get(r.get("fund_id"));
        if (!require(fund != null, r, "unknown equity fund")) {
            return;
        }
        long amount = fen(r.get("amount_yuan"));
        require(amount > 0 && fund.called + amount <= fund.committed, r, "call beyond the commitments");
        fund.called += amount;
    }

    private void deal(Row r) {
        if (!fresh(r, r.get("deal_id"))) {
            return;
        }
        EquityFund fund = equityFunds.get(r.get("fund_id"));
        if (!require(fund != null, r, "unknown equity fund")) {
            return;
        }
        long amount = fen(r.get("amount_yuan"));
        int stake = basisPoints(r.get("stake_pct"));
        require(stake > 0 && stake <= 10_000, r, "stake must be in (0, 100]");
        require(amount > 0 && fund.invested + amount <= fund.called, r, "deal beyond the capital called");
        fund.invested += amount;
        equityDeals.put(r.get("deal_id"), r.date());
    }

    private void equityExit(Row r) {
        fresh(r, r.get("exit_id"));
        LocalDate closed = equityDeals.get(r.get("deal_id"));
        if (require(closed != null, r, "unknown deal")) {
            require(r.date().isAfter(closed), r, "exit not after the closing");
        }
        require(exitedDeals.add(r.get("deal_id")), r, "deal exits twice");
        require(fen(r.get("proceeds_yuan")) >= 0, r, "negative proceeds");
    }

    /** For tests of the checker itself: whether some violation mentions the text. */
    boolean reports(String text) {
        return violations.stream().anyMatch(v -> v.contains(text));
    }

    @Override
    public String toString() {
        return violations.size() + " violations" + (violations.isEmpty() ? "" : ", first: "
                + violations.subList(0, Math.min(10, violations.size())));
    }
}
