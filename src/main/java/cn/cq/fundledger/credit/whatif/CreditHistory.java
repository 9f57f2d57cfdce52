package cn.cq.fundledger.credit.whatif;

import cn.cq.fundledger.audit.BusinessDates;
import cn.cq.fundledger.credit.command.CreditProgram;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * The credit program's recorded history, read (never written) from the event store in the order it was recorded,
 * fed to a {@link ParallelCreditModel}. It reads from the first event, past any snapshot, so the model sees every
 * fact.
 */
@Component
public class CreditHistory {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(CreditHistory.class);

    private final EventStore events;

    public CreditHistory(EventStore events) {
        this.events = events;
    }

    /** Replays the whole recorded history into a model of the scenario and answers it. */
    public ParallelCreditModel replay(ParallelCreditModel.Scenario scenario) {
        long started = System.nanoTime();
        ParallelCreditModel model = new ParallelCreditModel(scenario);
        DomainEventStream stream = events.readEvents(CreditProgram.ID, 0);
        long count = 0;
        while (stream.hasNext()) {
            DomainEventMessage<?> message = stream.next();
            Object payload = message.getPayload();
            model.accept(payload, BusinessDates.of(payload));
            count++;
        }
        model.finish();
        log.info("Scenario replayed over {} credit events in {} ms", count, (System.nanoTime() - started) / 1_000_000);
        return model;
    }
}
