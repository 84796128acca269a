package dev.facerec.tools;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The tools' side of the wall between them and the service (the api's ArchitectureTest holds the other: no runtime
 * class calls a tool): the tools reach the service only over HTTP, as any client does, never through its classes or
 * Spring. The rule fails when it matches no class (archunit.properties).
 */
@AnalyzeClasses(packages = "dev.facerec", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    @ArchTest
    static final ArchRule toolsReachTheServiceOnlyOverHttp = noClasses()
            .that()
            .resideInAPackage("dev.facerec.tools..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "dev.facerec.api..", "dev.facerec.storage..", "dev.facerec.persistence..", "org.springframework..")
            .because("a benchmark measures the service as its clients see it, and an evaluation the pipeline in ml");
}
