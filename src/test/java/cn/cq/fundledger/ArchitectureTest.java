package cn.cq.fundledger;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The package structure of docs/architecture.md, checked. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("cn.cq.fundledger");

    @Test
    void coreTypesUseNoFramework() {
        noClasses().that().resideInAPackage("..fundledger.core..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.axonframework..",
                        "com.fasterxml..", "jakarta..")
                .check(CLASSES);
    }

    /** The credit rules the aggregate and the what-if model share are plain Java: no framework, no storage. */
    @Test
    void creditRulesUseNoFramework() {
        noClasses().that().resideInAPackage("..fundledger.credit.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.axonframework..",
                        "com.fasterxml..", "jakarta..", "..command..", "..query..", "..web..")
                .check(CLASSES);
    }

    @Test
    void messagesDependOnlyOnCoreTypes() {
        noClasses().that().resideInAPackage("..api..")
                .should().dependOnClassesThat().resideInAnyPackage("..command..", "..query..", "..web..",
                        "org.springframework..")
                .check(CLASSES);
    }

    @Test
    void programsDoNotReachIntoEachOther() {
        slices().matching("cn.cq.fundledger.(credit|seedfund|equityfund)..").should().notDependOnEachOther()
                .allowEmptyShould(true).check(CLASSES);
    }

    @Test
    void aggregatesAreReachedOnlyThroughCommands() {
        noClasses().that().resideInAnyPackage("..web..", "..query..", "..reporting..", "..importer..", "..audit..")
                .should().dependOnClassesThat().resideInAPackage("..command..")
                .check(CLASSES);
    }
}
