package dev.conduit.internal.mapping;

import dev.conduit.ConfigurationException.Problem;
import dev.conduit.config.ConfigElement;
import dev.conduit.config.ElementChecks;
import dev.conduit.config.KeyedCollection;
import dev.conduit.config.PipelineMode;
import dev.conduit.config.Section;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@code <system.webServer><handlers>}: the handler mappings of integrated mode, at any level (spec §2.7), read only
 * when the site runs in that mode.
 *
 * <p>Merge policy, IIS's: {@code name} is the key (ignoring case); a level's entries go ahead of the inherited ones
 * ({@code mergeAppend="false"}); adding a name already present is an error; removing a missing name is silent. An
 * entry applies when its {@code preCondition} holds in integrated mode ({@link #preConditionHolds}), and at lookup
 * when its {@code resourceType} admits what is on disk. An entry with a {@code type} runs that managed handler; one
 * with only {@code modules} runs Conduit's counterpart of the native module ({@code StaticFileModule}: the static file
 * handler; {@code ProtocolSupportModule}: OPTIONS and TRACE) or, with none ({@code IsapiModule}, {@code CgiModule},
 * {@code FastCgiModule}, …), is left out with a warning.
 *
 * <p>{@code scriptProcessor}, {@code allowPathInfo} and {@code responseBufferLimit} are accepted and have no effect:
 * path info is System.Web's own split here, and buffering the server's.
 */
public final class IntegratedHandlersSection {
    private IntegratedHandlersSection() {}

    private static final String STATIC_FILE = "System.Web.StaticFileHandler";
    private static final String PROTOCOL_SUPPORT = "dev.conduit.internal.handlers.ProtocolSupportHandler";

    private static final Set<String> ADD_ATTRIBUTES = Set.of(
            "name",
            "path",
            "verb",
            "type",
            "modules",
            "scriptProcessor",
            "resourceType",
            "requireAccess",
            "preCondition",
            "allowPathInfo",
            "responseBufferLimit");

    /** The merge policy. */
    public static final KeyedCollection.Policy POLICY = KeyedCollection.Policy.of(
            "handler", "name", KeyedCollection.Order.LOCAL_FIRST, KeyedCollection.Duplicate.ERROR, false, true);

    /** The section. */
    public static final Section<MappingTable> SECTION = Section.builder(
                    "system.webServer/handlers", IntegratedHandlersSection::merge)
            .check(IntegratedHandlersSection::check)
            .advice(IntegratedHandlersSection::advise)
            .siteCheck(IntegratedHandlersSection::checkSite)
            .build();

    /** The merged, ordered table of {@code levels} (outermost first) as integrated mode reads it. */
    public static MappingTable merge(List<ConfigElement> levels) {
        AccessPolicy policy = AccessPolicy.parse("Read");
        for (ConfigElement level : levels) {
            String text = level.attr("accessPolicy");
            AccessPolicy parsed = text == null ? null : AccessPolicy.parse(text);
            if (parsed != null) {
                policy = parsed;
            }
        }
        List<HandlerMapping> entries = new ArrayList<>();
        for (ConfigElement add : KeyedCollection.merge(POLICY, levels, new ArrayList<>())) {
            HandlerMapping m = mapping(add);
            if (m != null) {
                entries.add(m);
            }
        }
        return MappingTable.of(entries, policy == null ? AccessPolicy.ALL : policy);
    }

    /** The entry {@code add} makes in integrated mode, or null when its precondition fails or nothing serves it. */
    private static @Nullable HandlerMapping mapping(ConfigElement add) {
        if (!preConditionHolds(add.attributes().getOrDefault("preCondition", ""))) {
            return null;
        }
        String type = add.attr("type");
        boolean managed = type != null && !type.isBlank();
        if (!managed) {
            type = nativeCounterpart(add.attributes().getOrDefault("modules", ""));
            if (type == null) {
                return null;
            }
        }
        ResourceType resourceType = ResourceType.parse(add.attributes().getOrDefault("resourceType", "Unspecified"));
        AccessPolicy.Access access =
                AccessPolicy.Access.parse(add.attributes().getOrDefault("requireAccess", "Script"));
        return new HandlerMapping(
                VerbPattern.compile(add.attributes().getOrDefault("verb", "")),
                PathPattern.compileIis(add.attributes().getOrDefault("path", "")),
                type,
                false, // IIS resolves a handler's type when a request maps to it, not at load
                add.source(),
                add.attr("name"),
                resourceType == null ? ResourceType.UNSPECIFIED : resourceType,
                access == null ? AccessPolicy.Access.SCRIPT : access,
                managed);
    }

    /**
     * Whether an entry's {@code preCondition} (a comma list whose parts must all hold) holds for Conduit in integrated
     * mode: {@code integratedMode}, {@code runtimeVersionv4.0} and {@code bitness64} hold, {@code managedHandler} (a
     * module's) is not a handler's concern, an empty list holds; {@code classicMode}, {@code runtimeVersionv2.0},
     * {@code bitness32} and anything unknown do not.
     */
    public static boolean preConditionHolds(String preCondition) {
        for (String part : preCondition.split(",", -1)) {
            String p = part.trim().toLowerCase(Locale.ROOT);
            boolean holds =
                    switch (p) {
                        case "", "integratedmode", "runtimeversionv4.0", "bitness64", "managedhandler" -> true;
                        default -> false;
                    };
            if (!holds) {
                return false;
            }
        }
        return true;
    }

    /** Conduit's type for a native-module entry ({@code modules="StaticFileModule,…"}), or null when it has none. */
    static @Nullable String nativeCounterpart(String modules) {
        for (String m : modules.split(",", -1)) {
            switch (m.trim().toLowerCase(Locale.ROOT)) {
                case "staticfilemodule" -> {
                    return STATIC_FILE;
                }
                case "protocolsupportmodule" -> {
                    return PROTOCOL_SUPPORT;
                }
                default -> {}
            }
        }
        return null;
    }

    private static void check(ConfigElement section, List<Problem> problems) {
        ElementChecks.attributes(section, Set.of("accessPolicy"), problems);
        String policy = section.attr("accessPolicy");
        if (policy != null) {
            String problem = AccessPolicy.problem(policy);
            if (problem != null) {
                problems.add(section.problem(problem));
            }
        }
        for (ConfigElement line : section.children()) {
            switch (line.name()) {
                case "add" -> {
                    ElementChecks.attributes(line, ADD_ATTRIBUTES, problems);
                    ElementChecks.requiredNonEmpty(line, "name", problems);
                    ElementChecks.requiredNonEmpty(line, "path", problems);
                    ElementChecks.requiredNonEmpty(line, "verb", problems);
                    String type = line.attr("type");
                    String modules = line.attr("modules");
                    if ((type == null || type.isBlank()) && (modules == null || modules.isBlank())) {
                        problems.add(line.problem("the handler '" + line.attr("name")
                                + "' needs a type (a managed handler) or modules (a native one)"));
                    }
                    String resourceType = line.attr("resourceType");
                    if (resourceType != null && ResourceType.parse(resourceType) == null) {
                        problems.add(line.problem(
                                "resourceType must be Unspecified, File, Directory or Either: '" + resourceType + "'"));
                    }
                    String access = line.attr("requireAccess");
                    if (access != null && AccessPolicy.Access.parse(access) == null) {
                        problems.add(line.problem(
                                "requireAccess must be None, Read, Write, Script or Execute: '" + access + "'"));
                    }
                    ElementChecks.bool(line, "allowPathInfo", false, problems);
                    String limit = line.attr("responseBufferLimit");
                    if (limit != null && !limit.trim().matches("[0-9]{1,10}")) {
                        problems.add(line.problem("responseBufferLimit must be a number of bytes: '" + limit + "'"));
                    }
                    String path = line.attr("path");
                    if (path != null) {
                        for (String alternative : path.split(",", -1)) {
                            if (alternative.isBlank()) {
                                problems.add(line.problem("path has an empty alternative: '" + path + "'"));
                            }
                        }
                    }
                }
                case "remove" -> {
                    ElementChecks.attributes(line, Set.of("name"), problems);
                    ElementChecks.requiredNonEmpty(line, "name", problems);
                }
                case "clear" -> ElementChecks.noAttributes(line, problems);
                default -> problems.add(line.problem("unknown element <" + line.name() + "> in <handlers>"));
            }
            ElementChecks.noChildren(line, problems);
        }
    }

    /** Native-module entries without a counterpart here: left out, said once each. */
    private static void advise(ConfigElement section, List<String> warnings) {
        for (ConfigElement add : section.children("add")) {
            String type = add.attr("type");
            String modules = add.attr("modules");
            if ((type == null || type.isBlank())
                    && modules != null
                    && !modules.isBlank()
                    && nativeCounterpart(modules) == null
                    && preConditionHolds(add.attributes().getOrDefault("preCondition", ""))) {
                warnings.add("the handler '" + add.attr("name") + "' (line "
                        + add.source().line() + ", modules=\"" + modules
                        + "\") is served by an IIS module that has no counterpart in Conduit: the entry is left out");
            }
        }
    }

    /** In integrated mode: a name added twice along any chain of levels (IIS's "Cannot add duplicate collection entry"). */
    private static void checkSite(Section.SiteView site, List<Problem> problems) {
        if (site.pipelineMode() != PipelineMode.INTEGRATED) {
            return; // classic mode does not read the section: each occurrence's own check is enough
        }
        List<Problem> found = new ArrayList<>();
        for (List<ConfigElement> chain : site.levelChains()) {
            KeyedCollection.merge(POLICY, chain, found);
        }
        Set<String> seen = new java.util.HashSet<>();
        for (Problem p : found) {
            if (seen.add(p.toString())) {
                problems.add(p);
            }
        }
    }
}
