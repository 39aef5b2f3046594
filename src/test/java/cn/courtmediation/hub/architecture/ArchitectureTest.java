package cn.courtmediation.hub.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/**
 * The package rules of the house (README, "How the code is laid out"), checked on the compiled production classes:
 * package arrows run one way, the edges and the demo stay apart, and the core knows nothing of Camel.
 */
class ArchitectureTest {
    private static final String HUB = "cn.courtmediation.hub";
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(HUB);

    @Test
    void packagesHaveNoCycles() {
        slices().matching(HUB + ".(*)..").should().beFreeOfCycles().check(MAIN);
    }

    /**
     * edges → flows → (cases, trust, registry) → store → contract and error. A layer may use the layers below it; the
     * demo sits on top and nothing uses it.
     */
    @Test
    void packageArrowsRunDownTheLayers() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Demo").definedBy(HUB + ".demo..")
                .layer("Edges").definedBy(HUB + ".rest..", HUB + ".soap..", HUB + ".partner..")
                .layer("Flows").definedBy(HUB + ".intake..", HUB + ".delivery..", HUB + ".messagelog..")
                .layer("Domain").definedBy(HUB + ".cases..", HUB + ".trust..", HUB + ".registry..")
                .layer("Store").definedBy(HUB + ".store..")
                .layer("Base").definedBy(HUB + ".contract..", HUB + ".error..", HUB + ".api..", HUB + ".broker..")
                .whereLayer("Demo").mayNotBeAccessedByAnyLayer()
                .whereLayer("Edges").mayOnlyBeAccessedByLayers("Demo")
                .whereLayer("Flows").mayOnlyBeAccessedByLayers("Demo", "Edges")
                .whereLayer("Domain").mayOnlyBeAccessedByLayers("Demo", "Edges", "Flows")
                .whereLayer("Store").mayOnlyBeAccessedByLayers("Demo", "Edges", "Flows", "Domain")
                .check(MAIN);
    }

    @Test
    void noProductionPackageUsesTheDemo() {
        noClasses().that().resideOutsideOfPackage(HUB + ".demo..").and().resideInAPackage(HUB + "..")
                .should().dependOnClassesThat().resideInAPackage(HUB + ".demo..")
                .check(MAIN);
    }

    /** The contract, the store and the trust services are plain Java that the routes call: no Camel type. */
    @Test
    void coreImportsNoCamel() {
        noClasses().that().resideInAnyPackage(HUB + ".contract..", HUB + ".store..", HUB + ".trust..")
                .should().dependOnClassesThat().resideInAPackage("org.apache.camel..")
                .check(MAIN);
    }

    /**
     * Every put on the broker is a route step (routes/broker-send.camel.yaml): outside the demo no class holds a JMS or
     * Camel producer. Java calls routes only through api.DirectRoutes, which refuses anything but a direct: endpoint.
     */
    @Test
    void noJavaClassSendsToTheBroker() {
        noClasses().that().resideOutsideOfPackage(HUB + ".demo..")
                .should().dependOnClassesThat().haveFullyQualifiedName("org.springframework.jms.core.JmsTemplate")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("jakarta.jms.MessageProducer")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("jakarta.jms.JMSProducer")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("org.apache.camel.ProducerTemplate")
                .check(MAIN);
        noClasses().that().resideOutsideOfPackage(HUB + ".demo..").and().doNotHaveFullyQualifiedName(HUB + ".api.DirectRoutes")
                .should().dependOnClassesThat().haveFullyQualifiedName("org.apache.camel.FluentProducerTemplate")
                .check(MAIN);
    }

    /** REST, SOAP and partner queues are separate edges: each holds its inbound and outbound adapter, and none uses another. */
    @Test
    void edgesDoNotUseEachOther() {
        String[] edges = {"rest", "soap", "partner"};
        for (String edge : edges) {
            for (String other : edges) {
                if (!edge.equals(other)) {
                    noClasses().that().resideInAPackage(HUB + "." + edge + "..")
                            .should().dependOnClassesThat().resideInAPackage(HUB + "." + other + "..")
                            .check(MAIN);
                }
            }
        }
    }

    /**
     * A capability's settings are one @ConfigurationProperties record bound from application.yaml, where every default
     * lives: no @Value with a default of its own that can disagree with the yaml (RecipientGuard once said 2 where the
     * yaml said 4).
     */
    @Test
    void settingsComeFromConfigurationPropertiesRecords() {
        noFields().should().beAnnotatedWith(Value.class).check(MAIN);
        codeUnits().should(new ArchCondition<JavaCodeUnit>("have no parameter annotated with @Value") {
            @Override
            public void check(JavaCodeUnit unit, ConditionEvents events) {
                unit.getParameters().stream().filter(p -> p.isAnnotatedWith(Value.class)).forEach(p ->
                        events.add(SimpleConditionEvent.violated(unit, unit.getFullName() + " has a @Value parameter")));
            }
        }).check(MAIN);
    }
}
