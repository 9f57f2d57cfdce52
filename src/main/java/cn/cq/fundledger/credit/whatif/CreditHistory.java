package cn.cq.fundledger.credit.whatif;

import cn.cq.fundledger.audit.BusinessDates;
import cn.cq.fundledger.credit.api.BankSuspended;
import cn.cq.fundledger.credit.api.BankWarned;
import cn.cq.fundledger.credit.command.CreditProgram;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * The credit program's recorded history, read (never written) from the event store in the order it was recorded,
 * fed to {@link ParallelCreditModel}s. It reads from the first event, past any snapshot, so each model sees every
 * fact; several models are fed in one pass.
 */
@Component
public class CreditHistory {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(CreditHistory.class);

    private final EventStore events;

    public CreditHistory(EventStore events) {
        this.events = events;
    }

    /**
     * One pass over the history: the models of the scenarios (in the order given), the fuse decisions the ledger
     * recorded, and the sequence number of the last event read (-1 for no history).
     */
    public record Replay(List<ParallelCreditModel> models, List<ParallelCreditModel.FuseDecision> recordedDecisions,
                         long lastSequence) {
    }

    /** Replays the whole recorded history into a model of the scenario and answers it. */
    public ParallelCreditModel replay(ParallelCreditModel.Scenario scenario) {
        return replay(List.of(scenario)).models().get(0);
    }

    /** Replays the whole recorded history, once, into a model of each scenario. */
    public Replay replay(List<ParallelCreditModel.Scenario> scenarios) {
        long started = System.nanoTime();
        List<ParallelCreditModel> models = scenarios.stream().map(ParallelCreditModel::new).toList();
        ParallelCreditModel[] each = models.toArray(ParallelCreditModel[]::new);
        List<ParallelCreditModel.FuseDecision> recorded = new ArrayList<>();
        DomainEventStream stream = events.readEvents(CreditProgram.ID, 0);
        long count = 0;
        long last = -1;
        while (stream.hasNext()) {
            DomainEventMessage<?> message = stream.next();
            Object payload = message.getPayload();
            java.time.LocalDate date = BusinessDates.of(payload);
            for (ParallelCreditModel model : each) {
                model.accept(payload, date);
            }
            if (payload instanceof BankWarned warned) {
                recorded.add(new ParallelCreditModel.FuseDecision(warned.bankId(), "WARN", warned.warnedOn()));
            } else if (payload instanceof BankSuspended suspended) {
                recorded.add(new ParallelCreditModel.FuseDecision(suspended.bankId(), "SUSPEND",
                        suspended.suspendedOn()));
            }
            last = message.getSequenceNumber();
            count++;
        }
        Arrays.stream(each).forEach(ParallelCreditModel::finish);
        log.info("{} scenario(s) replayed over {} credit events in {} ms", each.length, count,
                (System.nanoTime() - started) / 1_000_000);
        return new Replay(models, List.copyOf(recorded), last);
    }

    /** The sequence number of the credit program's last recorded event (-1 for none). */
    public long lastSequence() {
        return events.lastSequenceNumberFor(CreditProgram.ID).orElse(-1L);
    }
}
