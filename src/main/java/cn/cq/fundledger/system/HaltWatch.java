package cn.cq.fundledger.system;

import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.ExecutionResult;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Watches one processor's batches for {@link Halts}: a handler's exception is passed on as a
 * {@link ProjectionFailure} naming its event; a batch that rolls back is recorded as a failure of its segment
 * (on the event the failure names, else on the batch's first event), with where the segment stands; a batch
 * that commits records the segment's position, which ends a halt once it reaches the failing event.
 *
 * <p>The segment and the batch's token are the resources Axon's pooled streaming processor puts in each batch's
 * unit of work ({@code Processor[name]/SegmentId}, {@code Processor[name]/Token}).
 */
final class HaltWatch implements MessageHandlerInterceptor<EventMessage<?>> {

    private final String processor;
    private final Halts halts;
    private final Configuration configuration;
    private final String watchedKey;
    private final String segmentKey;
    private final String tokenKey;

    HaltWatch(String processor, Halts halts, Configuration configuration) {
        this.processor = processor;
        this.halts = halts;
        this.configuration = configuration;
        this.watchedKey = HaltWatch.class.getName() + "[" + processor + "]";
        this.segmentKey = "Processor[" + processor + "]/SegmentId";
        this.tokenKey = "Processor[" + processor + "]/Token";
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        UnitOfWork<?> batch = unitOfWork.root();
        if (batch.resources().putIfAbsent(watchedKey, Boolean.TRUE) == null) {
            int segment = batch.resources().get(segmentKey) instanceof Integer id ? id : 0;
            batch.onRollback(u -> {
                halts.failed(processor, segment, failingEvent(u), cause(u));
                standing(segment);
            });
            batch.afterCommit(u -> {
                if (u.resources().get(tokenKey) instanceof TrackingToken token && token.position().isPresent()) {
                    halts.committed(processor, segment, token.position().getAsLong());
                }
            });
        }
        try {
            return chain.proceed();
        } catch (ProjectionFailure e) {
            throw e;
        } catch (Exception e) {
            throw ProjectionFailure.of(unitOfWork.getMessage(), e);
        }
    }

    /** Notes where the segment stands (its token, past any events it had no handler for) while it still reports. */
    private void standing(int segment) {
        configuration.eventProcessingConfiguration().eventProcessor(processor, StreamingEventProcessor.class)
                .map(p -> p.processingStatus().get(segment)).map(EventTrackerStatus::getCurrentPosition)
                .filter(java.util.OptionalLong::isPresent)
                .ifPresent(position -> halts.standsAt(processor, segment, position.getAsLong()));
    }

    private static Throwable cause(UnitOfWork<?> unitOfWork) {
        ExecutionResult result = unitOfWork.getExecutionResult();
        return result == null ? null : result.getExceptionResult();
    }

    /** The event the failure names, else the first event of the batch. */
    static Halts.FailingEvent failingEvent(UnitOfWork<?> unitOfWork) {
        for (Throwable t = cause(unitOfWork); t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ProjectionFailure failure) {
                return failure.event();
            }
        }
        Object first = unitOfWork.getMessage();
        if (unitOfWork instanceof BatchingUnitOfWork<?> batching && !batching.getMessages().isEmpty()) {
            first = batching.getMessages().get(0);
        }
        return first instanceof EventMessage<?> event ? ProjectionFailure.eventOf(event)
                : new Halts.FailingEvent(null, null, null);
    }
}
