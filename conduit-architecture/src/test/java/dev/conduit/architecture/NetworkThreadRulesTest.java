package dev.conduit.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What keeps requests on their network thread (docs/performance.md, "Threads"): a step that may block moves a request
 * to a virtual thread, and a synchronous event subscriber ({@code HttpApplication.on}) may block as far as the runtime
 * knows. The features' own modules are in every site's built-in module list, so one synchronous subscriber of theirs
 * would move every request of every site; they subscribe with {@code onAsync} (completed at once when the work is on
 * the request only). Core's modules use its internal non-blocking subscriber type instead.
 */
class NetworkThreadRulesTest {
    private static final Set<String> FEATURES =
            Set.of("conduit-pages", "conduit-services", "conduit-session-redis", "conduit-session-jdbc");

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = MainClasses.get();
    }

    @Test
    void featureModulesSubscribeAsynchronously() {
        noClasses()
                .that(DescribedPredicate.describe(
                        "are in a feature module", (JavaClass c) -> FEATURES.contains(LayeringTest.moduleOf(c))))
                .should()
                .callMethod(
                        "dev.conduit.HttpApplication", "on", "dev.conduit.PipelineEvent", "dev.conduit.EventHandler")
                .because("a synchronous subscriber in the built-in module list moves every request of every site"
                        + " off its network thread (ScriptModule did: pipelined asynchronous .ashx at a third of"
                        + " their rate); subscribe with onAsync")
                .check(classes);
    }
}
