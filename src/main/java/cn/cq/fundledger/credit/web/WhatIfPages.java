package cn.cq.fundledger.credit.web;

import static cn.cq.fundledger.system.web.PageFigures.percent;
import static cn.cq.fundledger.system.web.PageFigures.wan;

import cn.cq.fundledger.core.Input;
import cn.cq.fundledger.core.RuleViolation;
import cn.cq.fundledger.credit.query.CreditQueries;
import cn.cq.fundledger.credit.whatif.CreditWhatIf;
import cn.cq.fundledger.credit.whatif.ParallelCreditModel;
import cn.cq.fundledger.credit.whatif.WhatIfAnswer;
import cn.cq.fundledger.system.ProblemHandler;
import cn.cq.fundledger.system.web.BusinessCalendar;
import cn.cq.fundledger.system.web.Chart;
import cn.cq.fundledger.system.web.Page;
import cn.cq.fundledger.system.web.PageErrors;
import cn.cq.fundledger.system.web.Table;
import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriUtils;

/**
 * The what-if page ({@code /what-if}): a scenario form (ratio versions, fuse thresholds, extra pool money, dates),
 * the answer side by side with the recorded figures, the pools' balance charts, the saved scenarios, and two saved
 * scenarios compared ({@code /what-if/compare}). It runs exactly what {@code POST /api/what-if/credit} runs. The form
 * posts (with its CSRF token) to {@code /what-if/run}, which answers with the page's GET address holding the scenario
 * (a what-if writes nothing, so the answer can be bookmarked and its tables downloaded), or to
 * {@code /what-if/scenarios} to save what is typed.
 */
@Page
public class WhatIfPages {

    /** Empty rows the form offers beyond those filled. */
    static final int SPARE_ROWS = 2;
    static final int MIN_RATIO_ROWS = 4;
    static final int MIN_OTHER_ROWS = 2;
    static final int MIN_DATES = 3;
    /** Findings shown on the page; the CSV/XLSX file and the API give every one. */
    static final int FINDINGS_SHOWN = 200;

    private final CreditWhatIf whatIf;
    private final WhatIfScenarios scenarios;
    private final CreditQueries queries;
    private final BusinessCalendar calendar;
    private final MessageSource messages;

    public WhatIfPages(CreditWhatIf whatIf, WhatIfScenarios scenarios, CreditQueries queries,
                       BusinessCalendar calendar, MessageSource messages) {
        this.whatIf = whatIf;
        this.scenarios = scenarios;
        this.queries = queries;
        this.calendar = calendar;
        this.messages = messages;
    }

    /** The form's fields as the browser sends them: one array per column, a row per index. */
    public record FormScenario(List<String> rsFrom, List<String> rsPct, List<String> rsBank, List<String> fuseFrom,
                               List<String> fuseWarn, List<String> fuseSusp, List<String> exDistrict,
                               List<String> exSource, List<String> exAmount, List<String> exOn, List<String> asOf) {

        /** The API's request: rows left empty are dropped; a part with no row keeps the recorded policy. */
        WhatIfRequest request() {
            List<CreditRequests.RiskSharing> ratios = new ArrayList<>();
            for (int i = 0; i < rows(rsFrom, rsPct, rsBank); i++) {
                if (filled(rsFrom, rsPct, rsBank, i)) {
                    ratios.add(new CreditRequests.RiskSharing(at(rsFrom, i), at(rsPct, i), at(rsBank, i)));
                }
            }
            List<CreditRequests.FuseThresholds> fuse = new ArrayList<>();
            for (int i = 0; i < rows(fuseFrom, fuseWarn, fuseSusp); i++) {
                if (filled(fuseFrom, fuseWarn, fuseSusp, i)) {
                    fuse.add(new CreditRequests.FuseThresholds(at(fuseFrom, i), at(fuseWarn, i), at(fuseSusp, i)));
                }
            }
            List<WhatIfRequest.ExtraPoolContribution> extras = new ArrayList<>();
            for (int i = 0; i < rows(exDistrict, exAmount, exOn); i++) {
                if (filled(exDistrict, exAmount, exOn, i)) {
                    extras.add(new WhatIfRequest.ExtraPoolContribution(at(exDistrict, i), at(exSource, i),
                            at(exAmount, i), at(exOn, i)));
                }
            }
            List<String> dates = asOf == null ? List.of() : asOf.stream().filter(d -> !Input.isBlank(d)).toList();
            return new WhatIfRequest(ratios.isEmpty() ? null : ratios, fuse.isEmpty() ? null : fuse, extras,
                    dates.isEmpty() ? null : dates);
        }

        boolean isEmpty() {
            return request().equals(new WhatIfRequest(null, null, List.of(), null));
        }

        /** The form showing a request (a saved scenario's, or the one just sent), with spare rows. */
        static FormScenario of(WhatIfRequest r, LocalDate today) {
            List<String> rsFrom = new ArrayList<>();
            List<String> rsPct = new ArrayList<>();
            List<String> rsBank = new ArrayList<>();
            if (r.riskSharing() != null) {
                r.riskSharing().forEach(v -> {
                    rsFrom.add(v.effectiveFrom());
                    rsPct.add(v.fundSharePct());
                    rsBank.add(v.bankId());
                });
            }
            List<String> fuseFrom = new ArrayList<>();
            List<String> fuseWarn = new ArrayList<>();
            List<String> fuseSusp = new ArrayList<>();
            if (r.fuseThresholds() != null) {
                r.fuseThresholds().forEach(t -> {
                    fuseFrom.add(t.effectiveFrom());
                    fuseWarn.add(t.warningPct());
                    fuseSusp.add(t.suspensionPct());
                });
            }
            List<String> exDistrict = new ArrayList<>();
            List<String> exSource = new ArrayList<>();
            List<String> exAmount = new ArrayList<>();
            List<String> exOn = new ArrayList<>();
            if (r.extraPoolContributions() != null) {
                r.extraPoolContributions().forEach(e -> {
                    exDistrict.add(e.district());
                    exSource.add(e.source());
                    exAmount.add(e.amount());
                    exOn.add(e.contributedOn());
                });
            }
            List<String> dates = new ArrayList<>(r.asOf() == null || r.asOf().isEmpty()
                    ? List.of(LocalDate.of(today.getYear() - 1, 12, 31).toString(), today.toString()) : r.asOf());
            pad(MIN_RATIO_ROWS, rsFrom, rsPct, rsBank);
            pad(MIN_OTHER_ROWS, fuseFrom, fuseWarn, fuseSusp);
            pad(MIN_OTHER_ROWS, exDistrict, exSource, exAmount, exOn);
            while (dates.size() < MIN_DATES) {
                dates.add(null);
            }
            return new FormScenario(rsFrom, rsPct, rsBank, fuseFrom, fuseWarn, fuseSusp, exDistrict, exSource,
                    exAmount, exOn, dates);
        }

        @SafeVarargs
        private static void pad(int min, List<String>... columns) {
            int rows = Math.max(min, columns[0].size() + SPARE_ROWS);
            for (List<String> column : columns) {
                while (column.size() < rows) {
                    column.add(null);
                }
            }
        }

        /** The row indexes of the ratio part, for the template. */
        public List<Integer> ratioRows() {
            return indexes(rsFrom.size());
        }

        public List<Integer> fuseRows() {
            return indexes(fuseFrom.size());
        }

        public List<Integer> extraRows() {
            return indexes(exDistrict.size());
        }

        public List<Integer> dateRows() {
            return indexes(asOf.size());
        }

        private static List<Integer> indexes(int n) {
            return java.util.stream.IntStream.range(0, n).boxed().toList();
        }

        @SafeVarargs
        private static int rows(List<String>... columns) {
            int rows = 0;
            for (List<String> column : columns) {
                rows = Math.max(rows, column == null ? 0 : column.size());
            }
            return rows;
        }

        private static boolean filled(List<String> a, List<String> b, List<String> c, int i) {
            return !Input.isBlank(at(a, i)) || !Input.isBlank(at(b, i)) || !Input.isBlank(at(c, i));
        }

        private static String at(List<String> column, int i) {
            return column == null || i >= column.size() || Input.isBlank(column.get(i)) ? null : column.get(i).strip();
        }
    }

    @GetMapping("/what-if")
    public String page(FormScenario form, @RequestParam(required = false) String scenario,
                       @RequestParam(required = false) String run, @RequestParam(required = false) String table,
                       HttpServletResponse response, Model model) {
        LocalDate today = calendar.asOf(null);
        WhatIfRequest request = scenario != null && form.isEmpty() ? scenarios.request(scenario) : form.request();
        model.addAttribute("form", FormScenario.of(request, today));
        model.addAttribute("scenarioName", scenario);
        recorded(model);
        if (run == null && scenario == null) {
            return "what-if/index";
        }
        try {
            WhatIfRequest.Parsed parsed = scenarios.parse(request);
            CreditWhatIf.Run ran = whatIf.run(List.of(new CreditWhatIf.Named(scenario, parsed.scenario())),
                    parsed.asOf());
            model.addAttribute("consistent", ran.consistent());
            show(model, ran.answers().get(0), "findings".equals(table));
        } catch (Input.InvalidInput invalid) {
            refused(model, response, invalid.problems());
        } catch (RuleViolation violation) {
            refused(model, response, List.of(violation));
        }
        return "what-if/index";
    }

    /**
     * The form sent: answered by the page's own address with the scenario in its query (a what-if writes nothing,
     * so the answer is a GET that can be bookmarked, shared and exported).
     */
    @PostMapping("/what-if/run")
    public String run(FormScenario form) {
        WhatIfRequest request = form.request();
        org.springframework.web.util.UriComponentsBuilder url = org.springframework.web.util.UriComponentsBuilder
                .fromPath("/what-if").queryParam("run", "1");
        List<String[]> ratios = request.riskSharing() == null ? List.of() : request.riskSharing().stream()
                .map(v -> new String[]{v.effectiveFrom(), v.fundSharePct(), v.bankId()}).toList();
        List<String[]> fuse = request.fuseThresholds() == null ? List.of() : request.fuseThresholds().stream()
                .map(t -> new String[]{t.effectiveFrom(), t.warningPct(), t.suspensionPct()}).toList();
        List<String[]> extras = request.extraPoolContributions().stream()
                .map(e -> new String[]{e.district(), e.source(), e.amount(), e.contributedOn()}).toList();
        List<String[]> dates = request.asOf() == null ? List.of() : request.asOf().stream()
                .map(d -> new String[]{d}).toList();
        query(url, ratios, "rsFrom", "rsPct", "rsBank");
        query(url, fuse, "fuseFrom", "fuseWarn", "fuseSusp");
        query(url, extras, "exDistrict", "exSource", "exAmount", "exOn");
        query(url, dates, "asOf");
        return "redirect:" + url.encode().build().toUriString();
    }

    /**
     * A part's rows as repeated parameters, one per column. A lone row gets an empty one beside it: a single value
     * would be taken for a comma-separated list when it is bound.
     */
    private static void query(org.springframework.web.util.UriComponentsBuilder url, List<String[]> rows,
                              String... columns) {
        if (rows.isEmpty()) {
            return;
        }
        List<String[]> sent = new ArrayList<>(rows);
        if (sent.size() == 1) {
            sent.add(new String[columns.length]);
        }
        for (String[] row : sent) {
            for (int c = 0; c < columns.length; c++) {
                url.queryParam(columns[c], blank(row[c]));
            }
        }
    }

    private static String blank(String value) {
        return value == null ? "" : value;
    }

    @PostMapping("/what-if/scenarios")
    public String save(FormScenario form, @RequestParam(required = false) String name, HttpServletResponse response,
                       Model model) {
        WhatIfRequest request = form.request();
        try {
            scenarios.save(name, request);
        } catch (Input.InvalidInput invalid) {
            return refusedForm(form, request, name, response, model, invalid.problems());
        } catch (RuleViolation violation) {
            return refusedForm(form, request, name, response, model, List.of(violation));
        }
        return "redirect:/what-if?scenario=" + UriUtils.encodeQueryParam(name.strip(),
                java.nio.charset.StandardCharsets.UTF_8);
    }

    @PostMapping("/what-if/scenarios/delete")
    public String delete(@RequestParam(required = false) String name) {
        scenarios.delete(name);
        return "redirect:/what-if";
    }

    @GetMapping("/what-if/compare")
    public String compare(@RequestParam(required = false) String first, @RequestParam(required = false) String second,
                          @RequestParam(required = false) List<String> asOf, Model model) {
        Input in = new Input();
        String one = in.name("first", first);
        String other = in.name("second", second);
        in.orThrow();
        List<String> dates = asOf == null ? null : asOf.stream().filter(d -> !Input.isBlank(d)).toList();
        WhatIfScenarios.Named a = scenarios.named(one, dates, "first");
        WhatIfScenarios.Named b = scenarios.named(other, a.asOf().stream().map(Object::toString).toList(), "second");
        CreditWhatIf.Run ran = whatIf.run(List.of(a.scenario(), b.scenario()), a.asOf());
        WhatIfAnswer x = ran.answers().get(0);
        WhatIfAnswer y = ran.answers().get(1);
        model.addAttribute("consistent", ran.consistent());
        model.addAttribute("first", one);
        model.addAttribute("second", other);
        model.addAttribute("asOf", a.asOf());
        model.addAttribute("saved", scenarios.all());
        model.addAttribute("comparison", comparisonTable(x, y));
        model.addAttribute("comparedPools", comparedPools(x, y));
        model.addAttribute("comparedBalance", comparedBalance(x, y, one, other));
        return "what-if/compare";
    }

    // ---- the answer, laid out ----

    private void show(Model model, WhatIfAnswer answer, boolean allFindings) {
        model.addAttribute("answer", answer);
        model.addAttribute("results", resultTable(answer));
        model.addAttribute("pools", poolTable(answer));
        model.addAttribute("banks", bankTable(answer));
        model.addAttribute("findingCounts", findingCountTable(answer));
        model.addAttribute("findings", findingTable(answer, allFindings ? Integer.MAX_VALUE : FINDINGS_SHOWN));
        model.addAttribute("findingsShown", Math.min(answer.findings().size(), FINDINGS_SHOWN));
        model.addAttribute("balanceChart", balanceChart(answer));
        model.addAttribute("waitingChart", waitingChart(answer));
        model.addAttribute("poolChart", poolChart(answer));
    }

    /** The published figures the scenario moves, per date: recorded, what-if, difference. */
    private Table resultTable(WhatIfAnswer answer) {
        Table table = new Table("what-if-results", "whatif.results", List.of("whatif.col.asOf", "whatif.col.figure",
                "whatif.col.actual", "whatif.col.whatIf", "whatif.col.difference"));
        for (WhatIfAnswer.Result r : answer.results()) {
            figures(r.actual(), r.whatIf()).forEach((figure, pair) -> table.row(r.asOf(), text(figure),
                    new Table.Money(pair[0]), new Table.Money(pair[1]), new Table.Money(pair[1] - pair[0])));
        }
        return table;
    }

    private static Map<String, long[]> figures(WhatIfAnswer.Figures a, WhatIfAnswer.Figures b) {
        Map<String, long[]> figures = new java.util.LinkedHashMap<>();
        figures.put("whatif.figure.contributed", new long[]{a.riskPools().contributedFen(),
                b.riskPools().contributedFen()});
        figures.put("whatif.figure.compensated", new long[]{a.riskPools().compensatedFen(),
                b.riskPools().compensatedFen()});
        figures.put("whatif.figure.recovered", new long[]{a.riskPools().recoveredFen(), b.riskPools().recoveredFen()});
        figures.put("whatif.figure.balance", new long[]{a.riskPools().balanceFen(), b.riskPools().balanceFen()});
        figures.put("whatif.figure.waiting", new long[]{a.riskPools().waitingClaimsFen(),
                b.riskPools().waitingClaimsFen()});
        figures.put("whatif.figure.banksCompensated", new long[]{a.creditLoans().compensatedFen(),
                b.creditLoans().compensatedFen()});
        return figures;
    }

    private Table poolTable(WhatIfAnswer answer) {
        Table table = new Table("what-if-pools", "whatif.pools", List.of("credit.col.district",
                "whatif.col.contributedActual", "whatif.col.contributedWhatIf", "whatif.col.compensatedActual",
                "whatif.col.compensatedWhatIf", "whatif.col.waitingActual", "whatif.col.waitingWhatIf",
                "whatif.col.balanceActual", "whatif.col.balanceWhatIf", "whatif.col.shortfallActual",
                "whatif.col.shortfallWhatIf"));
        for (WhatIfAnswer.Pool p : answer.pools()) {
            table.row(p.district(), new Table.Money(p.actual().contributedFen()),
                    new Table.Money(p.whatIf().contributedFen()), new Table.Money(p.actual().compensatedFen()),
                    new Table.Money(p.whatIf().compensatedFen()), new Table.Money(p.actual().waitingFen()),
                    new Table.Money(p.whatIf().waitingFen()), new Table.Money(p.actual().balanceFen()),
                    new Table.Money(p.whatIf().balanceFen()), shortfall(p.actual().firstShortfall()),
                    shortfall(p.whatIf().firstShortfall()));
        }
        return table;
    }

    private String shortfall(LocalDate date) {
        return date == null ? text("whatif.never") : date.toString();
    }

    private Table bankTable(WhatIfAnswer answer) {
        Table table = new Table("what-if-banks", "whatif.banks", List.of("credit.col.bank", "pools.col.bankName",
                "whatif.col.lost", "whatif.col.poolBorneActual", "whatif.col.poolBorneWhatIf",
                "whatif.col.bankBorneActual", "whatif.col.bankBorneWhatIf", "whatif.col.fuseActual",
                "whatif.col.fuseWhatIf"));
        for (WhatIfAnswer.Bank b : answer.banks()) {
            table.row(b.bankId(), b.name(), new Table.Money(b.whatIf().lostFen()),
                    new Table.Money(b.actual().poolBorneFen()), new Table.Money(b.whatIf().poolBorneFen()),
                    new Table.Money(b.actual().bankBorneFen()), new Table.Money(b.whatIf().bankBorneFen()),
                    decisions(b.actual().decisions()), decisions(b.whatIf().decisions()));
        }
        return table;
    }

    private String decisions(List<WhatIfAnswer.Decision> decisions) {
        if (decisions.isEmpty()) {
            return text("whatif.none");
        }
        return String.join("; ", decisions.stream().map(d -> text("whatif.decision." + d.decision()) + " "
                + d.date()).toList());
    }

    private Table findingCountTable(WhatIfAnswer answer) {
        Table table = new Table("what-if-finding-counts", "whatif.findingCounts", List.of("whatif.col.rule",
                "whatif.col.ruleMeaning", "whatif.col.count"));
        answer.findingCounts().forEach((rule, count) -> table.row(rule, text("whatif.rule." + rule, rule), count));
        return table;
    }

    private Table findingTable(WhatIfAnswer answer, int limit) {
        Table table = new Table("findings", "whatif.findings", List.of("whatif.col.date", "whatif.col.rule",
                "whatif.col.fact", "whatif.col.message"));
        answer.findings().stream().limit(limit).forEach(f -> table.row(f.date(), f.rule(), f.factId(), f.message()));
        return table;
    }

    /** All pools together, month by month: the recorded balance and the scenario's. */
    private static Chart balanceChart(WhatIfAnswer answer) {
        return timeline(answer, "whatif.chart.actualBalance", WhatIfAnswer.TimelinePoint::actualBalanceFen,
                "whatif.chart.whatIfBalance", WhatIfAnswer.TimelinePoint::whatIfBalanceFen);
    }

    private static Chart waitingChart(WhatIfAnswer answer) {
        return timeline(answer, "whatif.chart.actualWaiting", WhatIfAnswer.TimelinePoint::actualWaitingFen,
                "whatif.chart.whatIfWaiting", WhatIfAnswer.TimelinePoint::whatIfWaitingFen);
    }

    private static Chart timeline(WhatIfAnswer answer, String first, Function<WhatIfAnswer.TimelinePoint, Long> a,
                                  String second, Function<WhatIfAnswer.TimelinePoint, Long> b) {
        List<WhatIfAnswer.TimelinePoint> points = answer.timeline();
        return Chart.lines(points.stream().map(p -> p.date().toString()).toList(), "pools.unit.wan")
                .series(first, points.stream().map(p -> wan(a.apply(p))).toList())
                .series(second, points.stream().map(p -> wan(b.apply(p))).toList());
    }

    /** Each district's balance on the last date, recorded and under the scenario. */
    private static Chart poolChart(WhatIfAnswer answer) {
        return Chart.bars(answer.pools().stream().map(WhatIfAnswer.Pool::district).toList(), "pools.unit.wan")
                .series("whatif.col.balanceActual", answer.pools().stream().map(p -> wan(p.actual().balanceFen()))
                        .toList())
                .series("whatif.col.balanceWhatIf", answer.pools().stream().map(p -> wan(p.whatIf().balanceFen()))
                        .toList());
    }

    // ---- two scenarios compared ----

    private Table comparisonTable(WhatIfAnswer x, WhatIfAnswer y) {
        Table table = new Table("what-if-comparison", "whatif.comparison", List.of("whatif.col.asOf",
                "whatif.col.figure", "whatif.col.actual", "whatif.col.first", "whatif.col.second",
                "whatif.col.secondLessFirst"));
        for (int i = 0; i < x.results().size(); i++) {
            WhatIfAnswer.Result rx = x.results().get(i);
            Map<String, long[]> a = figures(rx.actual(), rx.whatIf());
            Map<String, long[]> b = figures(rx.actual(), y.results().get(i).whatIf());
            a.forEach((figure, pair) -> table.row(rx.asOf(), text(figure), new Table.Money(pair[0]),
                    new Table.Money(pair[1]), new Table.Money(b.get(figure)[1]),
                    new Table.Money(b.get(figure)[1] - pair[1])));
        }
        return table;
    }

    private Table comparedPools(WhatIfAnswer x, WhatIfAnswer y) {
        Table table = new Table("what-if-compared-pools", "whatif.comparedPools", List.of("credit.col.district",
                "whatif.col.balanceActual", "whatif.col.balanceFirst", "whatif.col.balanceSecond",
                "whatif.col.waitingFirst", "whatif.col.waitingSecond", "whatif.col.shortfallFirst",
                "whatif.col.shortfallSecond"));
        Map<String, WhatIfAnswer.Pool> other = new java.util.HashMap<>();
        y.pools().forEach(p -> other.put(p.district(), p));
        for (WhatIfAnswer.Pool p : x.pools()) {
            WhatIfAnswer.Pool q = other.get(p.district());
            table.row(p.district(), new Table.Money(p.actual().balanceFen()), new Table.Money(p.whatIf().balanceFen()),
                    new Table.Money(q == null ? 0 : q.whatIf().balanceFen()), new Table.Money(p.whatIf().waitingFen()),
                    new Table.Money(q == null ? 0 : q.whatIf().waitingFen()), shortfall(p.whatIf().firstShortfall()),
                    shortfall(q == null ? null : q.whatIf().firstShortfall()));
        }
        return table;
    }

    private static Chart comparedBalance(WhatIfAnswer x, WhatIfAnswer y, String first, String second) {
        List<WhatIfAnswer.TimelinePoint> a = x.timeline();
        List<WhatIfAnswer.TimelinePoint> b = y.timeline();
        Map<LocalDate, Long> other = new java.util.HashMap<>();
        b.forEach(p -> other.put(p.date(), p.whatIfBalanceFen()));
        return Chart.lines(a.stream().map(p -> p.date().toString()).toList(), "pools.unit.wan")
                .series("whatif.chart.actualBalance", a.stream().map(p -> wan(p.actualBalanceFen())).toList())
                .series(first, a.stream().map(p -> wan(p.whatIfBalanceFen())).toList())
                .series(second, a.stream().map(p -> wan(other.getOrDefault(p.date(), 0L))).toList());
    }

    // ---- shared ----

    /** The recorded policy beside the form, and the saved scenarios. */
    private void recorded(Model model) {
        model.addAttribute("recordedRatios", queries.riskSharingVersions().stream()
                .sorted(java.util.Comparator.comparing(v -> v.effectiveFrom())).map(v -> new String[]{
                        v.effectiveFrom().toString(), percent(v.fundShareBp()).stripTrailingZeros().toPlainString() + "%",
                        v.bankId() == null ? text("whatif.allBanks") : v.bankId()}).toList());
        model.addAttribute("recordedThresholds", queries.fuseThresholds().stream().map(t -> new String[]{
                t.effectiveFrom().toString(), percent(t.warningBp()).stripTrailingZeros().toPlainString() + "%",
                percent(t.suspensionBp()).stripTrailingZeros().toPlainString() + "%"}).toList());
        model.addAttribute("bankIds", queries.bankIds().stream().sorted().toList());
        model.addAttribute("districts", queries.districts().stream().sorted().toList());
        model.addAttribute("saved", scenarios.all());
    }

    private void refused(Model model, HttpServletResponse response, List<RuleViolation> problems) {
        RuleViolation.Kind kind = problems.stream().map(RuleViolation::kind).distinct().count() == 1
                ? problems.get(0).kind() : RuleViolation.Kind.INVALID;
        response.setStatus(ProblemHandler.statusCode(kind));
        model.addAttribute("problems", problems.stream()
                .map(p -> new PageErrors.Shown(p.field(), p.rule(), p.getMessage())).toList());
    }

    private String refusedForm(FormScenario form, WhatIfRequest request, String name, HttpServletResponse response,
                               Model model, List<RuleViolation> problems) {
        model.addAttribute("form", FormScenario.of(request, calendar.asOf(null)));
        model.addAttribute("scenarioName", name);
        recorded(model);
        refused(model, response, problems);
        return "what-if/index";
    }

    private String text(String key) {
        return messages.getMessage(key, null, LocaleContextHolder.getLocale());
    }

    private String text(String key, String otherwise) {
        return messages.getMessage(key, null, otherwise, LocaleContextHolder.getLocale());
    }

}
