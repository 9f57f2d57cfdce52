package cn.cq.fundledger.seedfund.command;

import cn.cq.fundledger.core.Money;
import cn.cq.fundledger.core.Ratio;
import cn.cq.fundledger.seedfund.api.ProjectCapSet;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.common.caching.Cache;
import cn.cq.fundledger.system.ProgramCache;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the seed program's aggregate: every seed command goes to the one program ledger, kept in memory. */
@Configuration
@EnableConfigurationProperties(SeedCommandConfiguration.SeedPolicyProperties.class)
class SeedCommandConfiguration {

    /**
     * The standing seed policies a new program ledger is opened with ({@code fundledger.seed.*}); unset values
     * take the published ones. {@code projectCaps} replaces the whole list of cap versions when given, e.g.
     * {@code fundledger.seed.project-caps[0].effective-from=2015-01-01}, {@code ...[0].cap=80万}. Changing them
     * later does not touch a ledger already opened: the values in force are those recorded in its first event.
     */
    @ConfigurationProperties("fundledger.seed")
    record SeedPolicyProperties(LocalDate programStart, String defaultCitySharePct, List<CapVersion> projectCaps,
                                String targetScale, LocalDate targetDate) {

        record CapVersion(LocalDate effectiveFrom, String cap) {
        }
    }

    @Bean
    SeedProgramSettings seedProgramSettings(SeedPolicyProperties properties) {
        SeedProgramSettings published = SeedProgramSettings.published();
        List<ProjectCapSet> caps = properties.projectCaps() == null || properties.projectCaps().isEmpty()
                ? published.projectCaps()
                : properties.projectCaps().stream().map(v -> new ProjectCapSet(v.effectiveFrom(), Money.parse(v.cap())))
                        .toList();
        return new SeedProgramSettings(
                properties.programStart() != null ? properties.programStart() : published.programStart(),
                properties.defaultCitySharePct() != null ? Ratio.parsePercent(properties.defaultCitySharePct())
                        : published.defaultCityShare(),
                caps,
                properties.targetScale() != null ? Money.parse(properties.targetScale()) : published.targetScale(),
                properties.targetDate() != null ? properties.targetDate() : published.targetDate());
    }

    @Bean
    CommandTargetResolver seedProgramTargetResolver() {
        return command -> new VersionedAggregateIdentifier(SeedProgram.ID, null);
    }

    @Bean
    Cache seedProgramCache() {
        return new ProgramCache();
    }

    /** Loaded into its cache as soon as the ledger has started (system.ProgramWarmUp). */
    @Bean
    cn.cq.fundledger.system.ProgramWarmUp.Program seedProgramToWarm() {
        return new cn.cq.fundledger.system.ProgramWarmUp.Program(SeedProgram.class, SeedProgram.ID);
    }
}
