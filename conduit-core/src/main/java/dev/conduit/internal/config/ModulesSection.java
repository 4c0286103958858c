package dev.conduit.internal.config;

import dev.conduit.ConfigurationException.Problem;
import dev.conduit.HttpModule;
import dev.conduit.config.ConfigElement;
import dev.conduit.config.ElementChecks;
import dev.conduit.config.KeyedCollection;
import dev.conduit.config.PipelineMode;
import dev.conduit.config.Section;
import dev.conduit.config.Source;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code <system.web><httpModules>}: the application's modules (spec §5.2), read at the application level only.
 *
 * <p>Merge policy, System.Web's AddRemoveClearMap: a level's modules come after the inherited ones; adding a name
 * again is an error unless the line is identical; removing a name that is not there is an error; names compare
 * ignoring case. DefaultAuthentication is always present: adding or removing it is an error.
 */
public final class ModulesSection {
    private ModulesSection() {}

    private static final String DEFAULT_AUTHENTICATION = "DefaultAuthentication";

    /** The merge policy. */
    public static final KeyedCollection.Policy POLICY = KeyedCollection.Policy.of(
            "module",
            "name",
            KeyedCollection.Order.INHERITED_FIRST,
            KeyedCollection.Duplicate.ERROR_UNLESS_IDENTICAL,
            true,
            true);

    /** The section. */
    public static final Section<List<ModuleEntry>> SECTION = Section.builder(
                    "system.web/httpModules", ModulesSection::merge)
            .scope(Section.Scope.APPLICATION_ELSEWHERE_IGNORED)
            .check((e, problems) -> {
                ElementChecks.noAttributes(e, problems);
                ElementChecks.keyedLines(e, "name", List.of("type"), List.of(), problems);
                for (ConfigElement line : e.children()) {
                    if (DEFAULT_AUTHENTICATION.equalsIgnoreCase(line.attr("name"))) {
                        problems.add(line.problem("DefaultAuthentication is always present and cannot be "
                                + (line.name().equals("add") ? "added" : "removed")));
                    }
                }
            })
            .siteCheck(ModulesSection::checkSite)
            .build();

    /**
     * One module of the application.
     *
     * @param name the name it is registered under (unique, ignoring case)
     * @param type the class, as written
     * @param source where it was added
     * @param managedHandlerOnly whether it runs only for requests mapped to a managed handler (integrated mode's {@code
     *     preCondition="managedHandler"}, unless {@code runAllManagedModulesForAllRequests})
     */
    public record ModuleEntry(String name, String type, Source source, boolean managedHandlerOnly) {}

    private static List<ModuleEntry> merge(List<ConfigElement> levels) {
        return entries(KeyedCollection.merge(POLICY, levels, new ArrayList<>()));
    }

    private static List<ModuleEntry> entries(List<ConfigElement> adds) {
        List<ModuleEntry> out = new ArrayList<>(adds.size());
        for (ConfigElement add : adds) {
            String name = add.attr("name");
            if (name != null && !name.equalsIgnoreCase(DEFAULT_AUTHENTICATION)) {
                out.add(new ModuleEntry(name, add.attributes().getOrDefault("type", ""), add.source(), false));
            }
        }
        return List.copyOf(out);
    }

    /** The merge's own errors (duplicates, removes of missing names) and each module's type. */
    private static void checkSite(Section.SiteView site, List<Problem> problems) {
        if (site.pipelineMode() != PipelineMode.CLASSIC) {
            return; // not read in integrated mode (and refused there unless validation is off)
        }
        List<ConfigElement> levels = new ArrayList<>();
        for (ConfigElement level : site.applicationLevels()) {
            // DefaultAuthentication lines were reported by the check; here they would only add noise.
            List<ConfigElement> lines = new ArrayList<>();
            for (ConfigElement line : level.children()) {
                if (!DEFAULT_AUTHENTICATION.equalsIgnoreCase(line.attr("name"))) {
                    lines.add(line);
                }
            }
            levels.add(new ConfigElement(level.name(), level.attributes(), lines, level.source()));
        }
        for (ModuleEntry m : entries(KeyedCollection.merge(POLICY, levels, problems))) {
            String verdict = site.types().check(m.type(), HttpModule.class);
            if (verdict != null) {
                problems.add(new Problem(m.source().file(), m.source().line(), "add", verdict));
            }
        }
    }
}
