package dev.conduit.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering of DESIGN §3, enforced: dependencies point one way (api ← core ← hosts and features), only the Netty
 * host knows Netty, packages form no cycles, and no module reaches into core's internal packages. A rule changes in
 * the open, in a commit of its own that says why. Public handlers and modules are written against the public API.
 *
 * <p>Main classes of every module are imported (tests are not: a test may reach anywhere). A class's module is told by
 * where it was loaded from ({@code conduit-core/target/classes} in the build, {@code conduit-core-*.jar} elsewhere).
 */
class LayeringTest {
    private static final Pattern MODULE =
            Pattern.compile("/(conduit-[a-z]+(?:-[a-z]+)*)(?:/target/classes/|-[0-9][^/]*\\.jar!/)");

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = MainClasses.get();
    }

    /** The Maven module {@code c} was compiled in, such as {@code conduit-core}; empty when unknown. */
    static String moduleOf(JavaClass c) {
        Matcher m = MODULE.matcher(c.getSource().map(s -> s.getUri().toString()).orElse(""));
        return m.find() ? m.group(1) : "";
    }

    private static DescribedPredicate<JavaClass> inModule(String module) {
        return DescribedPredicate.describe("in " + module, c -> moduleOf(c).equals(module));
    }

    @Test
    void everyMainClassIsAttributedToAModule() {
        // Otherwise the module rules below would pass vacuously.
        assertThat(classes.stream().map(LayeringTest::moduleOf).distinct())
                .containsExactlyInAnyOrder(
                        "conduit-api",
                        "conduit-core",
                        "conduit-netty",
                        "conduit-testing",
                        "conduit-cli",
                        "conduit-pages",
                        "conduit-services",
                        "conduit-session-redis",
                        "conduit-session-jdbc");
    }

    @Test
    void theApiDependsOnTheJdkAndJSpecifyOnly() {
        noClasses()
                .that(inModule("conduit-api"))
                .should()
                .dependOnClassesThat(DescribedPredicate.describe(
                        "are neither the JDK's, JSpecify's nor conduit-api's",
                        c -> !c.getPackageName().startsWith("java.")
                                && !c.getPackageName().startsWith("javax.")
                                && !c.getPackageName().startsWith("org.jspecify.")
                                && !(c.getPackageName().startsWith("dev.conduit")
                                        && inModule("conduit-api").test(c))
                                && !c.isPrimitive()
                                && !c.isArray()))
                .because("site code compiles against conduit-api alone (DESIGN §3)")
                .check(classes);
    }

    @Test
    void onlyTheNettyHostImportsNetty() {
        noClasses()
                .that(DescribedPredicate.not(inModule("conduit-netty")))
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.netty..")
                .because(
                        "the runtime knows nothing of Netty; a host adapts its exchange to dev.conduit.spi (DESIGN §2)")
                .check(classes);
    }

    @Test
    void packagesFormNoCycles() {
        slices().assignedFrom(EACH_PACKAGE).should().beFreeOfCycles().check(classes);
    }

    /** Every package of Conduit is a slice of its own (sub-packages are separate slices). */
    private static final SliceAssignment EACH_PACKAGE = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass c) {
            return c.getPackageName().startsWith("dev.conduit")
                    ? SliceIdentifier.of(c.getPackageName())
                    : SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
            return "each package of dev.conduit";
        }
    };

    @Test
    void noModuleButCoreReachesIntoCoresInternalPackages() {
        noClasses()
                .that(DescribedPredicate.not(inModule("conduit-core")))
                .should()
                .dependOnClassesThat(DescribedPredicate.describe(
                        "are in conduit-core's internal packages",
                        c -> c.getPackageName().contains(".internal")
                                && inModule("conduit-core").test(c)))
                .because("core's internals are not API: hosts, tools and features use its public packages")
                .check(classes);
    }

    @Test
    void publicHandlersAndModulesUseThePublicApiOnly() {
        noClasses()
                .that(PUBLIC_HANDLER_OR_MODULE)
                .should()
                .dependOnClassesThat(DescribedPredicate.describe(
                        "are in an internal package", c -> c.getPackageName().contains(".internal")))
                .because("a public handler or module shows what a feature can do with the public API; what it needs"
                        + " from the runtime belongs in dev.conduit.feature.FeatureSite, not in a cast to"
                        + " ConduitContext (the runtime's own handlers live in dev.conduit.internal.handlers)")
                .check(classes);
    }

    /** Handlers, handler factories and modules outside internal packages, and the classes nested in them. */
    private static final DescribedPredicate<JavaClass> PUBLIC_HANDLER_OR_MODULE =
            DescribedPredicate.describe("are public handlers, handler factories or modules (or nested in one)", c -> {
                if (c.getPackageName().contains(".internal")) {
                    return false;
                }
                for (JavaClass k = c; k != null; k = k.getEnclosingClass().orElse(null)) {
                    if (k.isAssignableTo("dev.conduit.HttpHandler")
                            || k.isAssignableTo("dev.conduit.HttpHandlerFactory")
                            || k.isAssignableTo("dev.conduit.HttpModule")) {
                        return true;
                    }
                }
                return false;
            });
}
