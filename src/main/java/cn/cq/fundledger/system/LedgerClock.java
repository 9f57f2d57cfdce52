package cn.cq.fundledger.system;

import java.time.Clock;
import java.time.ZoneId;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The ledger's business time zone (Asia/Shanghai): "today" for a default {@code asOf} is today there. */
@Configuration
public class LedgerClock {

    @Bean
    public Clock clock(@Value("${fundledger.zone:Asia/Shanghai}") ZoneId zone) {
        return Clock.system(zone);
    }
}
