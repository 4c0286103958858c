package dev.conduit.feature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.conduit.ConfigurationException;
import dev.conduit.internal.config.FeatureCatalog;
import dev.conduit.internal.config.SiteConfiguration;
import dev.conduit.internal.feature.CoreFeature;
import dev.conduit.testing.SiteBuilder;
import dev.conduit.testing.TestHost;
import dev.conduit.testing.TestResponse;
import dev.conduit.testing.fixtures.greeting.GreetingFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A feature that core does not know ({@link GreetingFeature}, in this module's test sources, found with ServiceLoader)
 * adds a web.config section, a mapping of the built-in root configuration, a type alias, and a handler factory that
 * compiles its templates through the public compiler.
 */
class FeatureSeamTest {
    @TempDir
    Path site;

    @Test
    void aFeatureOnTheClassPathAddsItsSectionMappingAndCompiledHandler() {
        try (TestHost host = SiteBuilder.in(site)
                .systemWeb("    <greeting text=\"Hi\"/>")
                .systemWeb("sub", "    <greeting punctuation=\"?\"/>")
                .file("a.greet", "world ${6 * 7}")
                .file("sub/b.greet", "there")
                .start()) {
            TestResponse a = host.get("/a.greet").send();
            assertThat(a.status()).isEqualTo(200);
            assertThat(a.text()).isEqualTo("Hi, world 42!");
            // The sub-folder's level overrides only the attribute it sets.
            assertThat(host.get("/sub/b.greet").send().text()).isEqualTo("Hi, there?");
        }
    }

    @Test
    void siteCodeCompilesAgainstTheTypesAFeatureOffers() {
        // The fixture's classes are not on the compile class path of site code unless the feature puts them there.
        SiteBuilder.in(site)
                .file(
                        "uses.ashx",
                        """
                <%@ WebHandler Language="Java" Class="site.Uses" %>
                package site;
                import dev.conduit.testing.fixtures.greeting.GreetingFeature.Greeting;
                public class Uses implements dev.conduit.HttpHandler {
                    public void processRequest(dev.conduit.HttpContext c) {
                        Greeting g = new Greeting("Hey", "?");
                        c.response().write(g.text() + g.punctuation());
                    }
                    public boolean isReusable() { return true; }
                }
                """);
        try (TestHost host = TestHost.start(site)) {
            TestResponse r = host.get("/uses.ashx").send();
            assertThat(r.status()).as(r.text()).isEqualTo(200);
            assertThat(r.text()).isEqualTo("Hey?");
        }
    }

    @Test
    void theFeaturesSectionIsCheckedWithFileAndLine() {
        SiteBuilder.in(site).systemWeb("    <greeting punctuation=\";\" colour=\"red\"/>");
        ConfigurationException e = catchThrowableOfType(
                ConfigurationException.class, () -> TestHost.start(site).close());
        assertThat(e).isNotNull();
        assertThat(e.problems())
                .extracting(p -> p.file() + ":" + p.line() + ": " + p.message())
                .containsExactlyInAnyOrder(
                        site.resolve("web.config") + ":3: unknown attribute 'colour' on <greeting>",
                        site.resolve("web.config") + ":3: punctuation must be '!', '.' or '?': ';'");
    }

    @Test
    void aCompileErrorNamesTheTemplateFileAndLineNotTheGeneratedSource() {
        SiteBuilder.in(site).file("bad.greet", "line one\nline two\nbroken ${undefinedName}\n");
        try (TestHost host = TestHost.start(site)) {
            TestResponse r = host.get("/bad.greet").send(); // a local request: the error page shows the details
            assertThat(r.status()).isEqualTo(500);
            assertThat(r.text()).contains("/bad.greet:3:").contains("broken ${undefinedName}");
        }
    }

    @Test
    void concurrentFirstRequestsCompileATemplateOnce() throws Exception {
        SiteBuilder.in(site).file("busy.greet", "busy ${1 + 1}");
        try (TestHost host = TestHost.start(site)) {
            CountDownLatch go = new CountDownLatch(1);
            List<CompletableFuture<TestResponse>> all = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                all.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        go.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return host.get("/busy.greet").send();
                }));
            }
            go.countDown();
            for (CompletableFuture<TestResponse> f : all) {
                assertThat(f.get(30, TimeUnit.SECONDS).text()).isEqualTo("Hello, busy 2!");
            }
            assertThat(host.runtime().compilationCount()).isEqualTo(1);
        }
    }

    @Test
    void theFeaturesTypeAliasResolvesInAnyWebConfig() {
        try (TestHost host = SiteBuilder.in(site)
                .systemWeb(
                        "<httpHandlers><add verb=\"*\" path=\"*.hi\" type=\"Contoso.Web.GreetingFactory\"/></httpHandlers>")
                .file("x.hi", "alias")
                .start()) {
            assertThat(host.get("/x.hi").send().text()).isEqualTo("Hello, alias!");
        }
    }

    @Test
    void withoutTheFeatureItsSectionIsAnErrorAndItsMappingIsGone() throws IOException {
        SiteBuilder.in(site).systemWeb("    <greeting text=\"Hi\"/>");
        FeatureCatalog coreOnly = FeatureCatalog.of(List.of(new CoreFeature()));
        ConfigurationException e = catchThrowableOfType(
                ConfigurationException.class, () -> SiteConfiguration.load(site, coreOnly, (type, anyOf) -> null));
        assertThat(e).isNotNull();
        assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p.message())
                .isEqualTo("unknown element <greeting> in <system.web>: not a section Conduit knows, and not"
                        + " declared in <configSections>"));

        Files.delete(site.resolve("web.config"));
        assertThat(SiteConfiguration.load(site, coreOnly, (type, anyOf) -> null)
                        .forPath("/")
                        .handlers()
                        .find("GET", "/a.greet")
                        .type())
                .isEqualTo("System.Web.StaticFileHandler");
    }

    @Test
    void aSectionAcceptedForAMissingModuleSaysWhichModuleItNeeds() {
        SiteBuilder.in(site).systemWeb("    <greeting text=\"Hi\"/>");
        Feature hint = new Feature() {
            @Override
            public String name() {
                return "hints";
            }

            @Override
            public void register(FeatureRegistry registry) {
                registry.acceptSection("system.web/greeting", "conduit-greeting");
            }
        };
        SiteConfiguration loaded = SiteConfiguration.load(
                site, FeatureCatalog.of(List.of(new CoreFeature(), hint)), (type, anyOf) -> null);
        assertThat(loaded.warnings())
                .containsExactly(site.resolve("web.config") + ":3: warning: <system.web><greeting> has no effect"
                        + " without the module conduit-greeting on the class path; ignored");
    }

    @Test
    void twoFeaturesCannotRegisterTheSameSection() {
        Feature copy = new Feature() {
            @Override
            public String name() {
                return "copy";
            }

            @Override
            public void register(FeatureRegistry registry) {
                registry.section(GreetingFeature.SECTION);
            }
        };
        IllegalStateException e = catchThrowableOfType(
                IllegalStateException.class,
                () -> FeatureCatalog.of(List.of(new CoreFeature(), new GreetingFeature(), copy)));
        assertThat(e)
                .hasMessageContaining("the feature 'greeting'")
                .hasMessageContaining("<system.web><greeting> is registered by the feature 'copy' already");
    }

    @Test
    void keysArePerPurposeAndFollowTheMachineKey() throws IOException {
        String keys = "validationKey=\"" + "ef".repeat(20) + "\" decryptionKey=\"" + "ab".repeat(32) + "\"";
        SiteBuilder.in(site).systemWeb("    <machineKey " + keys + "/>");
        byte[] a;
        byte[] b;
        try (TestHost host = TestHost.start(site)) {
            FeatureSite view = host.runtime().featureSite();
            a = view.key("greeting:one");
            b = view.key("greeting:two");
            assertThat(a).hasSize(32).isNotEqualTo(b);
            assertThat(view.key("greeting:one")).isEqualTo(a);
        }
        Path other = Files.createDirectories(site.resolveSibling(site.getFileName() + "-other"));
        Files.writeString(
                other.resolve("web.config"),
                "<configuration><system.web><machineKey " + keys + "/></system.web></configuration>");
        try (TestHost host = TestHost.start(other)) {
            assertThat(host.runtime().featureSite().key("greeting:one"))
                    .as("another server with the same machine key")
                    .isEqualTo(a);
        }
        for (String changed : List.of(keys.replace("ab", "cd"), keys.replace("ef", "01"))) {
            Files.writeString(
                    other.resolve("web.config"),
                    "<configuration><system.web><machineKey " + changed + "/></system.web></configuration>");
            try (TestHost host = TestHost.start(other)) {
                assertThat(host.runtime().featureSite().key("greeting:one"))
                        .as(changed)
                        .isNotEqualTo(a);
            }
        }
    }

    @Test
    void fileDependenciesTellWhenAFileChangedAppearedOrWentAway() throws IOException {
        Path page = Files.writeString(site.resolve("page.greet"), "one");
        Path control = site.resolve("control.part");
        FileDependencies deps = FileDependencies.of(List.of(page, control));
        assertThat(deps.changed()).isFalse();
        Files.writeString(control, "now here");
        assertThat(deps.changed()).isTrue();
        deps = FileDependencies.of(List.of(page, control));
        Files.writeString(page, "one, longer");
        assertThat(deps.changed()).isTrue();
        deps = FileDependencies.of(List.of(page, control));
        Files.delete(control);
        assertThat(deps.changed()).isTrue();
    }
}
