package cn.cq.fundledger.system;

import cn.cq.fundledger.core.Money;
import cn.cq.fundledger.core.Ratio;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one converter of the core types: in stored events, exports and JSON, {@link Money} is an integer
 * count of fen and {@link Ratio} an integer count of basis points. Never a floating-point number.
 */
@Configuration
public class JacksonConfiguration {

    @Bean
    public Module ledgerTypesModule() {
        return ledgerTypes();
    }

    /** The module itself, for code that builds its own ObjectMapper (the standalone verifier, tests). */
    public static SimpleModule ledgerTypes() {
        SimpleModule module = new SimpleModule("fund-ledger-types");
        module.addSerializer(Money.class, new JsonSerializer<>() {
            @Override
            public void serialize(Money value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                gen.writeNumber(value.fen());
            }
        });
        module.addDeserializer(Money.class, new JsonDeserializer<>() {
            @Override
            public Money deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                return Money.ofFen(p.getValueAsLong());
            }
        });
        module.addSerializer(Ratio.class, new JsonSerializer<>() {
            @Override
            public void serialize(Ratio value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                gen.writeNumber(value.basisPoints());
            }
        });
        module.addDeserializer(Ratio.class, new JsonDeserializer<>() {
            @Override
            public Ratio deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                return Ratio.ofBasisPoints(p.getValueAsInt());
            }
        });
        return module;
    }
}
