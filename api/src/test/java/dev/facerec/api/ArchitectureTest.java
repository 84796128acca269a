package dev.facerec.api;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import dev.facerec.ml.FaceEngine;
import dev.facerec.ml.MlConfig;
import dev.facerec.ml.gpu.GpuDevice;
import dev.facerec.ml.gpu.GpuMonitor;
import dev.facerec.ml.gpu.GpuSnapshot;
import dev.facerec.ml.gpu.NvidiaSmi;
import dev.facerec.ml.index.InMemoryGalleryIndex;
import dev.facerec.ml.index.IndexConfig;
import dev.facerec.ml.pack.ModelPackException;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RestController;

/**
 * The second wall after the Maven module graph: the dependency rules of ENGINEERING.md on the compiled classes of
 * every module. Each rule fails when it matches no class (archunit.properties), so a moved package cannot make a rule
 * pass by checking nothing.
 */
@AnalyzeClasses(packages = "dev.facerec", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    private static final List<String> ADAPTERS = List.of("ml", "storage", "persistence");

    @ArchTest
    static final ArchRule coreIsPlainJava = classes()
            .that()
            .resideInAPackage("dev.facerec.core..")
            .should()
            .onlyDependOnClassesThat()
            // javax.crypto is the JDK's own cryptography (AES-GCM, HKDF, HMAC for encryption at rest).
            .resideInAnyPackage("java..", "javax.crypto..", "dev.facerec.core..");

    // storage has no classes yet: the rule names both packages so it still matches ml's classes.
    @ArchTest
    static final ArchRule springFreeAdapters = noClasses()
            .that()
            .resideInAnyPackage("dev.facerec.ml..", "dev.facerec.storage..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.springframework..", "jakarta.persistence..", "org.hibernate..");

    @ArchTest
    static final ArchRule adaptersDependOnNoOtherAdapterNorTheApi = classes()
            .that()
            .resideInAnyPackage("dev.facerec.ml..", "dev.facerec.storage..", "dev.facerec.persistence..")
            .should(dependOnNoOtherAdapterNorTheApi());

    @ArchTest
    static final ArchRule apiUsesOnlyTheMlFacade = noClasses()
            .that()
            .resideInAPackage("dev.facerec.api..")
            .should()
            .dependOnClassesThat(resideInAPackage("dev.facerec.ml..")
                    .and(not(belongToAnyOf(
                            FaceEngine.class,
                            MlConfig.class,
                            ModelPackException.class,
                            InMemoryGalleryIndex.class,
                            IndexConfig.class,
                            // The GPU monitor: its entry point, the tool it runs and the values it reports.
                            GpuMonitor.class,
                            NvidiaSmi.class,
                            GpuSnapshot.class,
                            GpuSnapshot.State.class,
                            GpuDevice.class))))
            .because("the api wires the ML pipeline, the gallery index and the GPU monitor through their entry points"
                    + " only");

    @ArchTest
    static final ArchRule theServiceNeverCallsATool = noClasses()
            .that()
            .resideInAPackage("dev.facerec..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.facerec.tools..")
            .because("the evaluation and benchmark tools (module tools) are not in the service jar");

    @ArchTest
    static final ArchRule controllersUseTheCoreNotTheMlAdapter = noClasses()
            .that()
            .areAnnotatedWith(RestController.class)
            .or()
            .areAnnotatedWith(Controller.class)
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.facerec.ml..")
            .because("controllers call use cases and ports; only wiring and health know the engine");

    private static ArchCondition<JavaClass> dependOnNoOtherAdapterNorTheApi() {
        return new ArchCondition<>("depend on no other adapter nor on dev.facerec.api") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                Optional<String> own = adapterOf(origin);
                for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                    Optional<String> target = adapterOf(dependency.getTargetClass());
                    boolean otherAdapter = target.isPresent() && !target.equals(own);
                    boolean api = dependency.getTargetClass().getPackageName().startsWith("dev.facerec.api.");
                    if (otherAdapter || api) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                }
            }
        };
    }

    private static Optional<String> adapterOf(JavaClass javaClass) {
        String packageName = javaClass.getPackageName();
        return ADAPTERS.stream()
                .filter(adapter -> packageName.equals("dev.facerec." + adapter)
                        || packageName.startsWith("dev.facerec." + adapter + "."))
                .findFirst();
    }
}
