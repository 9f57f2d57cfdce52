package cn.cq.fundledger.equityfund.web;

import cn.cq.fundledger.equityfund.api.ReverseEquityFact.FactKind;
import cn.cq.fundledger.equityfund.api.ValuationMethod;
import cn.cq.fundledger.system.web.Form;
import cn.cq.fundledger.system.web.Form.Purpose;
import cn.cq.fundledger.system.web.ProgramOperations;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The equity fund on the operations pages: a form for every fact {@link EquityController} records (with its
 * request records, {@link EquityRequests}) and a correction form for every kind of fact. The equity program has no
 * policy the API lets an administrator set.
 */
@Component
@Order(3)
public class EquityOperations implements ProgramOperations {

    private final List<Form> forms = new ArrayList<>();

    public EquityOperations(ObjectMapper json) {
        Form commitment = Form.of("equity-commitment", Purpose.RECORD, EquityRequests.Commitment.class,
                EquityRequests.Commitment::toCommand);
        Form call = Form.of("equity-call", Purpose.RECORD, EquityRequests.Call.class, EquityRequests.Call::toCommand);
        Form deal = Form.of("equity-deal", Purpose.RECORD, EquityRequests.Deal.class, EquityRequests.Deal::toCommand);
        Form mark = Form.of("equity-mark", Purpose.RECORD, EquityRequests.Mark.class, EquityRequests.Mark::toCommand)
                .choice("method", ValuationMethod.class);
        Form exit = Form.of("equity-exit", Purpose.RECORD, EquityRequests.Exit.class, EquityRequests.Exit::toCommand);
        Form distribution = Form.of("equity-distribution", Purpose.RECORD, EquityRequests.Distribution.class,
                EquityRequests.Distribution::toCommand);
        forms.addAll(List.of(commitment, call, deal, mark, exit, distribution));
        correction(FactKind.COMMITMENT, commitment, json);
        correction(FactKind.CALL, call, json);
        correction(FactKind.DEAL, deal, json);
        correction(FactKind.MARK, mark, json);
        correction(FactKind.EXIT, exit, json);
        correction(FactKind.DISTRIBUTION, distribution, json);
    }

    /**
     * POST /api/equity/corrections for a fact of the kind, its replacement written as the fact's own form and read
     * with the API's own ObjectMapper.
     */
    private void correction(FactKind kind, Form fact, ObjectMapper json) {
        forms.add(Form.correction("equity-correction-" + fact.id().substring("equity-".length()),
                EquityRequests.Correction.class, (EquityRequests.Correction c) -> c.toCommand(json),
                kind.name().toLowerCase(Locale.ROOT), fact));
    }

    @Override
    public String program() {
        return "program.equity";
    }

    @Override
    public List<Form> forms() {
        return List.copyOf(forms);
    }
}
