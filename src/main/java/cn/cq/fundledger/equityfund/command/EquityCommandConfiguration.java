package cn.cq.fundledger.equityfund.command;

import org.axonframework.common.caching.Cache;
import cn.cq.fundledger.system.ProgramCache;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the equity program's aggregate: every equity command goes to the one program ledger (exits and marks
 * name only their deal, so the deal's fund is found there), kept in memory.
 */
@Configuration
class EquityCommandConfiguration {

    @Bean
    CommandTargetResolver equityProgramTargetResolver() {
        return command -> new VersionedAggregateIdentifier(EquityProgram.ID, null);
    }

    @Bean
    Cache equityProgramCache() {
        return new ProgramCache();
    }

    /** Loaded into its cache as soon as the ledger has started (system.ProgramWarmUp). */
    @Bean
    cn.cq.fundledger.system.ProgramWarmUp.Program equityProgramToWarm() {
        return new cn.cq.fundledger.system.ProgramWarmUp.Program(EquityProgram.class, EquityProgram.ID);
    }
}
