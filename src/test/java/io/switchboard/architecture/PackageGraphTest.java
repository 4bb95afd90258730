package io.switchboard.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The package graph, checked on the compiled classes: no package depends, through any path, on a package that
 * depends on it; the bottom layers (errors, tracing, model) depend on nothing above them; signature verification
 * knows nothing of the webhook door; the queue plumbing knows none of its users.
 */
@AnalyzeClasses(packages = "io.switchboard", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageGraphTest {

    /** The top-level packages (a package with its sub-packages) form no cycle. */
    @ArchTest
    static final ArchRule noCycleBetweenTopLevelPackages = slices().matching("io.switchboard.(*)..")
            .should().beFreeOfCycles();

    /** Nor does any package with another, sub-packages apart (ingress and ingress.verification, say). */
    @ArchTest
    static final ArchRule noCycleBetweenAnyPackages = slices().matching("io.switchboard.(**)")
            .should().beFreeOfCycles();

    /** The errors every layer may raise depend on nothing of the hub's but the request id they quote. */
    @ArchTest
    static final ArchRule errorsSitAtTheBottom = noClasses().that().resideInAPackage("io.switchboard.errors..")
            .should().dependOnClassesThat(resideInAPackage("io.switchboard..")
                    .and(not(resideInAnyPackage("io.switchboard.errors..", "io.switchboard.tracing.."))));

    /** Canonical records and request correlation depend on nothing of the hub's. */
    @ArchTest
    static final ArchRule modelDependsOnNothingOfOurs = noClasses().that().resideInAPackage("io.switchboard.model..")
            .should().dependOnClassesThat(resideInAPackage("io.switchboard..")
                    .and(not(resideInAPackage("io.switchboard.model.."))));

    @ArchTest
    static final ArchRule tracingDependsOnNothingOfOurs = noClasses().that()
            .resideInAPackage("io.switchboard.tracing..")
            .should().dependOnClassesThat(resideInAPackage("io.switchboard..")
                    .and(not(resideInAPackage("io.switchboard.tracing.."))));

    /** A signature scheme checks bytes; the door (servlet, sources, queues) uses it, never the other way. */
    @ArchTest
    static final ArchRule verificationKnowsNothingOfTheDoor = noClasses()
            .that().resideInAPackage("io.switchboard.ingress.verification..")
            .should().dependOnClassesThat().resideInAnyPackage("io.switchboard.ingress",
                    "io.switchboard.messaging..", "io.switchboard.jobs..", "io.switchboard.events..");

    /** The plumbing for queues knows no webhook door, job, admin or chat API. */
    @ArchTest
    static final ArchRule messagingIsPlumbing = noClasses().that().resideInAPackage("io.switchboard.messaging..")
            .should().dependOnClassesThat().resideInAnyPackage("io.switchboard.ingress..", "io.switchboard.jobs..",
                    "io.switchboard.admin..", "io.switchboard.api..");
}
