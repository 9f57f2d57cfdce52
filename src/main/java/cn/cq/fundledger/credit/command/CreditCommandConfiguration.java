package cn.cq.fundledger.credit.command;

import cn.cq.fundledger.core.Money;
import cn.cq.fundledger.core.Ratio;
import cn.cq.fundledger.credit.api.Grade;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;
import org.axonframework.common.caching.Cache;
import cn.cq.fundledger.system.ProgramCache;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the credit program's aggregate: every credit command goes to the one program ledger, kept in memory. */
@Configuration
@EnableConfigurationProperties(CreditCommandConfiguration.CreditPolicyProperties.class)
class CreditCommandConfiguration {

    /**
     * The standing credit policies a new program ledger is opened with ({@code fundledger.credit.*}); unset
     * values take the published ones. Changing them later does not touch a ledger already opened: the
     * values in force are those recorded in its first event.
     */
    @ConfigurationProperties("fundledger.credit")
    record CreditPolicyProperties(LocalDate programStart, Map<Grade, String> creditLines, Integer gradeValidityMonths,
                                  Integer maxTermMonths, String fuseWarningPct, String fuseSuspensionPct) {
    }

    @Bean
    CreditProgramSettings creditProgramSettings(CreditPolicyProperties properties) {
        CreditProgramSettings published = CreditProgramSettings.published();
        Map<Grade, Money> lines = new EnumMap<>(published.creditLines());
        if (properties.creditLines() != null) {
            properties.creditLines().forEach((grade, amount) -> lines.put(grade, Money.parse(amount)));
        }
        return new CreditProgramSettings(
                properties.programStart() != null ? properties.programStart() : published.programStart(),
                lines,
                properties.gradeValidityMonths() != null ? properties.gradeValidityMonths()
                        : published.gradeValidityMonths(),
                properties.maxTermMonths() != null ? properties.maxTermMonths() : published.maxTermMonths(),
                properties.fuseWarningPct() != null ? Ratio.parsePercent(properties.fuseWarningPct())
                        : published.fuseWarning(),
                properties.fuseSuspensionPct() != null ? Ratio.parsePercent(properties.fuseSuspensionPct())
                        : published.fuseSuspension());
    }

    @Bean
    CommandTargetResolver creditProgramTargetResolver() {
        return command -> new VersionedAggregateIdentifier(CreditProgram.ID, null);
    }

    @Bean
    Cache creditProgramCache() {
        return new ProgramCache();
    }

    /** Loaded into its cache as soon as the ledger has started (system.ProgramWarmUp). */
    @Bean
    cn.cq.fundledger.system.ProgramWarmUp.Program creditProgramToWarm() {
        return new cn.cq.fundledger.system.ProgramWarmUp.Program(CreditProgram.class, CreditProgram.ID);
    }
}
