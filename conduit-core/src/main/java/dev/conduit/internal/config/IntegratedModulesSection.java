package dev.conduit.internal.config;

import dev.conduit.ConfigurationException.Problem;
import dev.conduit.HttpModule;
import dev.conduit.config.ConfigElement;
import dev.conduit.config.ElementChecks;
import dev.conduit.config.KeyedCollection;
import dev.conduit.config.PipelineMode;
import dev.conduit.config.Section;
import dev.conduit.internal.config.ModulesSection.ModuleEntry;
import dev.conduit.internal.mapping.IntegratedHandlersSection;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code <system.webServer><modules>}: the application's modules in integrated mode (spec §5.2), read at the
 * application level only, and only in that mode.
 *
 * <p>Merge policy, IIS's: {@code name} is the key (ignoring case); a level's modules come after the inherited ones;
 * adding a name already present is an error; removing a missing name is silent (sites remove IIS modules such as
 * {@code WebDAVModule} that a server may not have). A module whose {@code preCondition} includes {@code
 * managedHandler} runs only for requests mapped to a managed handler unless {@code runAllManagedModulesForAllRequests}
 * is true; a precondition that does not hold in integrated mode leaves the module out. An entry without a {@code type}
 * is one of IIS's native modules: Conduit's counterparts are built in, so it is left out (with a warning when a site
 * adds one). {@code DefaultAuthentication} is the runtime's own step whatever the list says.
 *
 * @param modules the managed modules, in order
 * @param runAllManagedModulesForAllRequests whether {@code managedHandler} preconditions are ignored (then the
 *     application's own event handlers, global.asax's, run for every request too)
 */
public record IntegratedModulesSection(List<ModuleEntry> modules, boolean runAllManagedModulesForAllRequests) {

    private static final String DEFAULT_AUTHENTICATION = "DefaultAuthentication";

    /** The merge policy. */
    public static final KeyedCollection.Policy POLICY = KeyedCollection.Policy.of(
            "module", "name", KeyedCollection.Order.INHERITED_FIRST, KeyedCollection.Duplicate.ERROR, false, true);

    /** The section. */
    public static final Section<IntegratedModulesSection> SECTION = Section.builder(
                    "system.webServer/modules", IntegratedModulesSection::merge)
            .scope(Section.Scope.APPLICATION_ELSEWHERE_IGNORED)
            .check((e, problems) -> {
                ElementChecks.attributes(
                        e,
                        Set.of("runAllManagedModulesForAllRequests", "runManagedModulesForWebDavRequests"),
                        problems);
                ElementChecks.bool(e, "runAllManagedModulesForAllRequests", false, problems);
                ElementChecks.bool(e, "runManagedModulesForWebDavRequests", false, problems);
                ElementChecks.keyedLines(e, "name", List.of(), List.of("type", "preCondition"), problems);
            })
            .advice((e, warnings) -> {
                for (ConfigElement add : e.children("add")) {
                    String type = add.attr("type");
                    if ((type == null || type.isBlank()) && !isDefaultAuthentication(add)) {
                        warnings.add("<modules><add name=\"" + add.attr("name") + "\"> (line "
                                + add.source().line()
                                + ") names a native"
                                + " IIS module (it has no type): Conduit's counterparts are built in, the entry is"
                                + " left out");
                    }
                }
                if (e.attr("runManagedModulesForWebDavRequests") != null) {
                    warnings.add("<modules runManagedModulesForWebDavRequests> has no effect in Conduit"
                            + " (there is no WebDAV)");
                }
            })
            .siteCheck(IntegratedModulesSection::checkSite)
            .build();

    private static boolean isDefaultAuthentication(ConfigElement add) {
        return DEFAULT_AUTHENTICATION.equalsIgnoreCase(add.attr("name"));
    }

    private static IntegratedModulesSection merge(List<ConfigElement> levels) {
        return of(levels, new ArrayList<>());
    }

    private static IntegratedModulesSection of(List<ConfigElement> levels, List<Problem> problems) {
        boolean runAll = false;
        for (ConfigElement level : levels) {
            String v = level.attr("runAllManagedModulesForAllRequests");
            if (v != null) {
                runAll = v.equalsIgnoreCase("true");
            }
        }
        List<ModuleEntry> out = new ArrayList<>();
        for (ConfigElement add : KeyedCollection.merge(POLICY, levels, problems)) {
            String type = add.attr("type");
            String preCondition = add.attributes().getOrDefault("preCondition", "");
            if (type == null || type.isBlank() || isDefaultAuthentication(add)) {
                continue;
            }
            if (!IntegratedHandlersSection.preConditionHolds(preCondition)) {
                continue;
            }
            boolean managedOnly = !runAll && hasManagedHandler(preCondition);
            out.add(new ModuleEntry(add.attributes().getOrDefault("name", ""), type, add.source(), managedOnly));
        }
        return new IntegratedModulesSection(List.copyOf(out), runAll);
    }

    private static boolean hasManagedHandler(String preCondition) {
        for (String part : preCondition.split(",", -1)) {
            if (part.trim().toLowerCase(Locale.ROOT).equals("managedhandler")) {
                return true;
            }
        }
        return false;
    }

    /** In integrated mode: the merge's errors (a name added twice) and each module's type. */
    private static void checkSite(Section.SiteView site, List<Problem> problems) {
        if (site.pipelineMode() != PipelineMode.INTEGRATED) {
            return;
        }
        for (ModuleEntry m : of(site.applicationLevels(), problems).modules()) {
            String verdict = site.types().check(m.type(), HttpModule.class);
            if (verdict != null) {
                problems.add(new Problem(m.source().file(), m.source().line(), "add", verdict));
            }
        }
    }
}
