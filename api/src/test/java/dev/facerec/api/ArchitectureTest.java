package dev.facerec.api;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import dev.facerec.api.http.policy.Access;
import dev.facerec.api.http.policy.Audited;
import dev.facerec.api.http.policy.GalleryScope;
import dev.facerec.api.http.policy.Idempotent;
import dev.facerec.api.http.policy.NotAudited;
import dev.facerec.api.http.policy.NotIdempotent;
import dev.facerec.index.InMemoryGalleryIndex;
import dev.facerec.index.IndexConfig;
import dev.facerec.ml.FaceEngine;
import dev.facerec.ml.MlConfig;
import dev.facerec.ml.gpu.GpuDevice;
import dev.facerec.ml.gpu.GpuMonitor;
import dev.facerec.ml.gpu.GpuSnapshot;
import dev.facerec.ml.gpu.NvidiaSmi;
import dev.facerec.ml.pack.ModelPackException;
import java.lang.annotation.Annotation;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The second wall after the Maven module graph: the dependency rules of ENGINEERING.md on the compiled classes of
 * every module. Each rule fails when it matches no class (archunit.properties), so a moved package cannot make a rule
 * pass by checking nothing.
 */
@AnalyzeClasses(packages = "dev.facerec", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    private static final List<String> ADAPTERS = List.of("ml", "index", "storage", "persistence");

    @ArchTest
    static final ArchRule coreIsPlainJava = classes()
            .that()
            .resideInAPackage("dev.facerec.core..")
            .should()
            .onlyDependOnClassesThat()
            // javax.crypto is the JDK's own cryptography (AES-GCM, HKDF, HMAC for encryption at rest).
            .resideInAnyPackage("java..", "javax.crypto..", "dev.facerec.core..");

    @ArchTest
    static final ArchRule springFreeAdapters = noClasses()
            .that()
            .resideInAnyPackage("dev.facerec.ml..", "dev.facerec.index..", "dev.facerec.storage..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.springframework..", "jakarta.persistence..", "org.hibernate..");

    @ArchTest
    static final ArchRule adaptersDependOnNoOtherAdapterNorTheApi = classes()
            .that()
            .resideInAnyPackage(
                    "dev.facerec.ml..", "dev.facerec.index..", "dev.facerec.storage..", "dev.facerec.persistence..")
            .should(dependOnNoOtherAdapterNorTheApi());

    // The Vector API is the index's own reason to be a module: no ONNX, no image codecs, nothing but the JDK and core.
    @ArchTest
    static final ArchRule indexIsPlainJava = classes()
            .that()
            .resideInAPackage("dev.facerec.index..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(
                    "java..", "jdk.incubator.vector..", "org.slf4j..", "dev.facerec.core..", "dev.facerec.index..");

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
                            // The GPU monitor: its entry point, the tool it runs and the values it reports.
                            GpuMonitor.class,
                            NvidiaSmi.class,
                            GpuSnapshot.class,
                            GpuSnapshot.State.class,
                            GpuDevice.class))))
            .because("the api wires the ML pipeline and the GPU monitor through their entry points only");

    @ArchTest
    static final ArchRule apiUsesOnlyTheIndexEntryPoint = noClasses()
            .that()
            .resideInAPackage("dev.facerec.api..")
            .should()
            .dependOnClassesThat(resideInAPackage("dev.facerec.index..")
                    .and(not(belongToAnyOf(InMemoryGalleryIndex.class, IndexConfig.class))))
            .because(
                    "the api builds the gallery index from its config and otherwise sees the core's GalleryIndex port");

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
            .resideInAnyPackage("dev.facerec.ml..", "dev.facerec.index..")
            .because("controllers call use cases and ports; only wiring, health and metrics know the engine and the"
                    + " index");

    // The api's own shape (docs/development.md): front doors hold routes and their DTOs; http holds what every front
    // door shares; app holds the wiring. A front door reaches the use cases through the core, never an adapter.
    private static final String[] FRONT_DOORS = {
        "dev.facerec.api.rest..", "dev.facerec.api.console..", "dev.facerec.api.compat.."
    };
    private static final String HTTP = "dev.facerec.api.http..";
    private static final String WIRING = "dev.facerec.api.app..";

    @ArchTest
    static final ArchRule theRestApiReachesIntoNoOtherFrontDoor = noClasses()
            .that()
            .resideInAPackage("dev.facerec.api.rest..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.facerec.api.console..", "dev.facerec.api.compat..")
            .because("front doors are independent: each maps its routes onto the same use cases");

    @ArchTest
    static final ArchRule theConsoleReachesIntoNoOtherFrontDoor = noClasses()
            .that()
            .resideInAPackage("dev.facerec.api.console..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.facerec.api.rest..", "dev.facerec.api.compat..")
            .because("front doors are independent: what they share belongs in dev.facerec.api.http");

    @ArchTest
    static final ArchRule theCompreFaceApiReachesIntoNoOtherFrontDoor = noClasses()
            .that()
            .resideInAPackage("dev.facerec.api.compat..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.facerec.api.rest..", "dev.facerec.api.console..")
            .because("the CompreFace API maps its own DTOs and routes onto the same use cases as the REST API");

    @ArchTest
    static final ArchRule frontDoorsUseNoAdapter = noClasses()
            .that()
            .resideInAnyPackage(FRONT_DOORS)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.facerec.ml..", "dev.facerec.storage..", "dev.facerec.persistence..")
            .because("a front door calls use cases and ports of the core; adapters are wired in dev.facerec.api.app");

    @ArchTest
    static final ArchRule theSharedMachineryKnowsNoFrontDoor = noClasses()
            .that()
            .resideInAPackage(HTTP)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(FRONT_DOORS)
            .because("security, errors, idempotency and load limits serve every front door alike");

    @ArchTest
    static final ArchRule theWiringKnowsNoFrontDoor = noClasses()
            .that()
            .resideInAPackage(WIRING)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(FRONT_DOORS)
            .because("Spring finds the routes by scanning; the wiring builds what they call");

    // The machinery reads its settings (app.config) and shares the Redis connection (app.cache); nothing else of the
    // wiring, so filters stay free of events, replicas, health and metrics.
    @ArchTest
    static final ArchRule theSharedMachineryUsesOnlySettingsAndRedisOfTheWiring = noClasses()
            .that()
            .resideInAPackage(HTTP)
            .should()
            .dependOnClassesThat(resideInAPackage(WIRING)
                    .and(not(resideInAnyPackage("dev.facerec.api.app.config..", "dev.facerec.api.app.cache.."))))
            .because("the wiring is what Spring assembles around the machinery, not something it calls");

    // Two kinds of controller sit outside a front door: the error controller, the one error path of every front door,
    // and the probes (/health), kept with the package-private indicators they read.
    @ArchTest
    static final ArchRule routesLiveInAFrontDoor = classes()
            .that()
            .areAnnotatedWith(RestController.class)
            .or()
            .areAnnotatedWith(Controller.class)
            .should()
            .resideInAnyPackage(
                    "dev.facerec.api.rest..",
                    "dev.facerec.api.console..",
                    "dev.facerec.api.compat..",
                    "dev.facerec.api.http.error",
                    "dev.facerec.api.app.health")
            .because("a newcomer finds every route of a front door under its package");

    /**
     * Each endpoint's policies sit next to it (dev.facerec.api.http.policy), on the method or its class: who may call it,
     * whether it is audited, where it names its gallery, and never a yes and a no at once. SecurityEndToEndIT checks
     * the rest (idempotency on POST and PATCH, the names a scope reads) against the running application's handlers.
     */
    @ArchTest
    static final ArchRule everyHandlerDeclaresItsPolicies = methods()
            .that()
            .areMetaAnnotatedWith(RequestMapping.class)
            .and()
            .areDeclaredInClassesThat()
            .areAnnotatedWith(RestController.class)
            .and()
            .areDeclaredInClassesThat()
            .areNotAssignableTo(ErrorController.class)
            .should(declare(Access.class))
            .andShould(declare(Audited.class, NotAudited.class))
            .andShould(declare(GalleryScope.class))
            .andShould(notDeclareBoth(Audited.class, NotAudited.class))
            .andShould(notDeclareBoth(Idempotent.class, NotIdempotent.class))
            .because("adding an endpoint is one edit: its policies, next to its handler");

    @SafeVarargs
    private static ArchCondition<JavaMethod> declare(Class<? extends Annotation>... any) {
        String names =
                Arrays.stream(any).map(type -> "@" + type.getSimpleName()).collect(Collectors.joining(" or "));
        return new ArchCondition<>("declare " + names + " on the method or its class") {
            @Override
            public void check(JavaMethod method, ConditionEvents events) {
                boolean declared = Arrays.stream(any)
                        .anyMatch(type -> method.isAnnotatedWith(type)
                                || method.getOwner().isAnnotatedWith(type));
                if (!declared) {
                    events.add(SimpleConditionEvent.violated(method, method.getFullName() + " declares no " + names));
                }
            }
        };
    }

    private static ArchCondition<JavaMethod> notDeclareBoth(
            Class<? extends Annotation> yes, Class<? extends Annotation> no) {
        return new ArchCondition<>("not declare both @" + yes.getSimpleName() + " and @" + no.getSimpleName()) {
            @Override
            public void check(JavaMethod method, ConditionEvents events) {
                for (var element : List.of(method, method.getOwner())) {
                    if (element.isAnnotatedWith(yes) && element.isAnnotatedWith(no)) {
                        events.add(SimpleConditionEvent.violated(
                                method, element.getDescription() + " says both yes and no"));
                    }
                }
            }
        };
    }

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
