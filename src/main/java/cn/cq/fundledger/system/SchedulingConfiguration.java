package cn.cq.fundledger.system;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Background work of the ledger itself (extending the audit hash chain). */
@Configuration
@EnableScheduling
public class SchedulingConfiguration {
}
