package cn.cq.fundledger.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.axonframework.serialization.ChainingConverter;
import org.axonframework.serialization.RevisionResolver;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * The one serializer of events, messages and snapshots: Axon's Jackson serializer on the application's
 * ObjectMapper (as {@code axon.serializer.*: jackson} would build it), remembering each stored type's class and
 * reader. Axon's own looks the class up by name (a class loader search inside the packaged jar) and builds a new
 * reader for every event it reads, and every processor asks for the class of every event to know whether it
 * handles it: with four processors that was a large share of a replay's time.
 */
@Configuration
public class SerializerConfiguration {

    @Bean
    @Primary
    public Serializer serializer(RevisionResolver revisionResolver, ObjectMapper objectMapper) {
        return new CachingJacksonSerializer(JacksonSerializer.builder()
                .revisionResolver(revisionResolver)
                .converter(new ChainingConverter(SerializerConfiguration.class.getClassLoader()))
                .objectMapper(objectMapper));
    }

    /** Jackson's serializer with the class of each stored type and the reader of each class remembered. */
    static final class CachingJacksonSerializer extends JacksonSerializer {

        private final ConcurrentMap<String, Class<?>> classes = new ConcurrentHashMap<>();
        private final ConcurrentMap<Class<?>, ObjectReader> readers = new ConcurrentHashMap<>();

        CachingJacksonSerializer(Builder builder) {
            super(builder);
        }

        @Override
        @SuppressWarnings("rawtypes")
        public Class classForType(SerializedType type) {
            // the classes of the ledger do not change while it runs; unknown type names are few (what the store holds)
            return classes.computeIfAbsent(type.getName() + '\u0000' + type.getRevision(),
                    k -> super.classForType(type));
        }

        @Override
        protected ObjectReader getReader(Class<?> type) {
            return readers.computeIfAbsent(type, super::getReader);
        }
    }
}
