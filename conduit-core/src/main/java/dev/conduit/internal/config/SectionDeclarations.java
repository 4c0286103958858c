package dev.conduit.internal.config;

import dev.conduit.ConfigurationException.Problem;
import dev.conduit.config.ConfigElement;
import dev.conduit.config.ElementChecks;
import dev.conduit.config.Source;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The sections and section groups declared by {@code <configSections>}, as System.Configuration keeps them: the
 * built-in root configuration declares .NET 4.x's machine-level names (machine.config and the root web.config), and
 * each web.config may declare more for itself and the folders below it. Immutable: a file's declarations are its
 * parent's plus its own.
 *
 * <p>Rules, as in System.Configuration: a section or group is declared once on its path through the folders (a second
 * {@code <section>} of the same name in the same file or below is an error), except that a site may repeat a
 * machine-level declaration (files written for .NET 2.0/3.5 declare {@code system.web.extensions}, which .NET 4
 * declares itself): that repetition is accepted with a warning. A {@code <sectionGroup>} may be repeated to add
 * sections to it. A name cannot be both a section and a group.
 */
public final class SectionDeclarations {
    /** Where a declared section may be set: System.Configuration's {@code allowDefinition}. */
    public enum Definition {
        EVERYWHERE,
        MACHINE_TO_APPLICATION,
        MACHINE_TO_WEB_ROOT,
        MACHINE_ONLY
    }

    /**
     * One declaration.
     *
     * @param path {@code log4net}, {@code system.web.extensions/scripting/scriptResourceHandler}
     * @param group true for a {@code <sectionGroup>}
     * @param definition where it may be set (sections)
     * @param allowLocation false when it may not appear inside {@code <location>} (sections)
     * @param source where it was declared
     */
    public record Declaration(String path, boolean group, Definition definition, boolean allowLocation, Source source) {
        /** Whether the built-in root configuration declared it (a machine-level name). */
        public boolean machineLevel() {
            return source.file() == null;
        }
    }

    private static final Set<String> SECTION_ATTRIBUTES = Set.of(
            "name",
            "type",
            "allowDefinition",
            "allowExeDefinition",
            "allowLocation",
            "requirePermission",
            "restartOnExternalChanges",
            "overrideModeDefault",
            "requireDefinition");

    /** No declarations: what the built-in root configuration starts from. */
    public static final SectionDeclarations NONE = new SectionDeclarations(Map.of());

    private final Map<String, Declaration> byPath;

    private SectionDeclarations(Map<String, Declaration> byPath) {
        this.byPath = byPath;
    }

    /** The declaration of {@code path}, or {@code null}. */
    public @Nullable Declaration get(String path) {
        return byPath.get(path);
    }

    /** Whether {@code path} is a declared section group. */
    public boolean isGroup(String path) {
        Declaration d = byPath.get(path);
        return d != null && d.group();
    }

    /** Whether {@code path} is a declared section. */
    public boolean isSection(String path) {
        Declaration d = byPath.get(path);
        return d != null && !d.group();
    }

    /**
     * These declarations with those of {@code configSections} (one file's element) added.
     *
     * @param implemented whether a feature implements the section at a path (a site's declaration of one is a
     *     repetition of a machine-level name)
     * @param problems where errors go
     * @param warnings where warnings go
     */
    public SectionDeclarations with(
            ConfigElement configSections,
            java.util.function.Predicate<String> implemented,
            List<Problem> problems,
            List<ConfigWarning> warnings) {
        ElementChecks.noAttributes(configSections, problems);
        Map<String, Declaration> all = new HashMap<>(byPath);
        declare(configSections, "", all, implemented, problems, warnings);
        return new SectionDeclarations(Map.copyOf(all));
    }

    private void declare(
            ConfigElement parent,
            String group,
            Map<String, Declaration> all,
            java.util.function.Predicate<String> implemented,
            List<Problem> problems,
            List<ConfigWarning> warnings) {
        for (ConfigElement e : parent.children()) {
            if (!e.text().isEmpty()) {
                problems.add(e.problem("unexpected text inside <" + e.name() + ">"));
            }
            switch (e.name()) {
                case "section" -> section(e, group, all, implemented, problems, warnings);
                case "sectionGroup" -> {
                    ElementChecks.attributes(e, Set.of("name", "type"), problems);
                    String name = ElementChecks.requiredNonEmpty(e, "name", problems);
                    if (name == null) {
                        continue;
                    }
                    String path = group.isEmpty() ? name : group + "/" + name;
                    Declaration existing = all.get(path);
                    if (existing != null && !existing.group()) {
                        problems.add(e.problem("'" + name + "' is already declared as a section at " + existing.source()
                                + "; it cannot also be a section group"));
                        continue;
                    }
                    if (existing == null) {
                        all.put(path, new Declaration(path, true, Definition.EVERYWHERE, true, e.source()));
                    }
                    declare(e, path, all, implemented, problems, warnings);
                }
                default ->
                    problems.add(e.problem("unknown element <" + e.name() + "> in <" + parent.name()
                            + ">: it holds <section> and <sectionGroup> declarations"));
            }
        }
    }

    private void section(
            ConfigElement e,
            String group,
            Map<String, Declaration> all,
            java.util.function.Predicate<String> implemented,
            List<Problem> problems,
            List<ConfigWarning> warnings) {
        ElementChecks.attributes(e, SECTION_ATTRIBUTES, problems);
        ElementChecks.noChildren(e, problems);
        String name = ElementChecks.requiredNonEmpty(e, "name", problems);
        if (name == null) {
            return;
        }
        String path = group.isEmpty() ? name : group + "/" + name;
        Definition definition = definition(e, problems);
        boolean allowLocation = ElementChecks.bool(e, "allowLocation", true, problems);
        ElementChecks.bool(e, "requirePermission", true, problems);
        ElementChecks.bool(e, "restartOnExternalChanges", true, problems);
        Declaration existing = all.get(path);
        boolean machineLevel = existing != null ? existing.machineLevel() : implemented.test(path);
        if (existing != null && existing.group()) {
            problems.add(e.problem("'" + name + "' is already declared as a section group at " + existing.source()
                    + "; it cannot also be a section"));
        } else if ((existing != null || implemented.test(path)) && e.source().file() != null && machineLevel) {
            warnings.add(new ConfigWarning(
                    "<configSections>",
                    e.source() + ": warning: the section '" + path + "' is declared at the machine level already"
                            + " (.NET 4 declares it); this declaration is ignored"));
        } else if (existing != null) {
            problems.add(e.problem("the section '" + path + "' is already declared at " + existing.source()
                    + "; a section is declared once, at one level"));
        } else {
            all.put(path, new Declaration(path, false, definition, allowLocation, e.source()));
        }
    }

    private static Definition definition(ConfigElement e, List<Problem> problems) {
        String value = e.attr("allowDefinition");
        if (value == null) {
            return Definition.EVERYWHERE;
        }
        return switch (value) {
            case "Everywhere" -> Definition.EVERYWHERE;
            case "MachineToApplication" -> Definition.MACHINE_TO_APPLICATION;
            case "MachineToWebRoot" -> Definition.MACHINE_TO_WEB_ROOT;
            case "MachineOnly" -> Definition.MACHINE_ONLY;
            default -> {
                problems.add(e.problem("allowDefinition must be Everywhere, MachineToApplication, MachineToWebRoot or"
                        + " MachineOnly: '" + value + "'"));
                yield Definition.EVERYWHERE;
            }
        };
    }
}
