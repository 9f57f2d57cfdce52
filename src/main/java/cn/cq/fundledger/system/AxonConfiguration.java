package cn.cq.fundledger.system;

import java.util.HashMap;
import java.util.Map;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon wiring shared by all programs: who recorded a fact and under which correlation id travels with
 * every command into the metadata of every event it causes.
 */
@Configuration
public class AxonConfiguration {

    /** Copies the user and correlation id of the command into each event's metadata. */
    @Bean
    public CorrelationDataProvider ledgerCorrelationData() {
        return new SimpleCorrelationDataProvider(RequestContext.USER, RequestContext.CORRELATION_ID,
                RequestContext.SOURCE);
    }

    /** Registered once every bean exists, before any runner or request dispatches a command. */
    @Bean
    public SmartInitializingSingleton commandMetadataInterceptor(ObjectProvider<CommandBus> commandBus) {
        return () -> commandBus.getObject().registerDispatchInterceptor(userAndCorrelation());
    }

    static MessageDispatchInterceptor<CommandMessage<?>> userAndCorrelation() {
        return messages -> (index, command) -> {
            Map<String, Object> meta = new HashMap<>();
            if (!command.getMetaData().containsKey(RequestContext.USER)) {
                meta.put(RequestContext.USER, RequestContext.currentUser());
            }
            if (!command.getMetaData().containsKey(RequestContext.CORRELATION_ID)) {
                meta.put(RequestContext.CORRELATION_ID, RequestContext.correlationId());
            }
            return meta.isEmpty() ? command : command.andMetaData(meta);
        };
    }

}
