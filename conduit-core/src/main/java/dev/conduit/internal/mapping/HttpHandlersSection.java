package dev.conduit.internal.mapping;

import dev.conduit.ConfigurationException.Problem;
import dev.conduit.HttpHandler;
import dev.conduit.HttpHandlerFactory;
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
 * {@code <system.web><httpHandlers>}: the handler mappings, at any level (spec §2.3–2.6).
 *
 * <p>Merge policy, System.Web's AddRemoveClearMapAlternate: a level's entries go ahead of the inherited ones; an
 * {@code <add>} of a key already present drops it and takes a new place; {@code <remove>} of a missing key is silent;
 * keys are the raw verb and path text, compared ignoring case.
 */
public final class HttpHandlersSection {
    private HttpHandlersSection() {}

    /** The merge policy. */
    public static final KeyedCollection.Policy POLICY = new KeyedCollection.Policy(
            "handler",
            HttpHandlersSection::key,
            KeyedCollection.Order.LOCAL_FIRST,
            KeyedCollection.Duplicate.REPLACE_AND_MOVE,
            false,
            true,
            "add");

    /** The section. */
    public static final Section<MappingTable> SECTION = Section.builder(
                    "system.web/httpHandlers", HttpHandlersSection::merge)
            .check(HttpHandlersSection::check)
            .siteCheck(HttpHandlersSection::checkTypes)
            .build();

    /** The merged handler list of {@code levels}, outermost first. */
    public static MappingTable merge(List<ConfigElement> levels) {
        List<HandlerMapping> entries = new ArrayList<>();
        for (ConfigElement add : KeyedCollection.merge(POLICY, levels, new ArrayList<>())) {
            entries.add(HandlerMapping.of(add));
        }
        return MappingTable.of(entries);
    }

    /** {@code "verb=" + verb + " | path=" + path}, as System.Web builds the key; null when either is missing. */
    private static @Nullable String key(ConfigElement line) {
        String verb = line.attr("verb");
        String path = line.attr("path");
        return verb == null || path == null ? null : ("verb=" + verb + " | path=" + path).toLowerCase(Locale.ROOT);
    }

    private static void check(ConfigElement section, List<Problem> problems) {
        ElementChecks.noAttributes(section, problems);
        for (ConfigElement line : section.children()) {
            switch (line.name()) {
                case "add" -> {
                    ElementChecks.attributes(line, Set.of("verb", "path", "type", "validate"), problems);
                    ElementChecks.requiredNonEmpty(line, "verb", problems);
                    String path = ElementChecks.requiredNonEmpty(line, "path", problems);
                    ElementChecks.requiredNonEmpty(line, "type", problems);
                    ElementChecks.bool(line, "validate", true, problems);
                    if (path != null) {
                        for (String alternative : path.split(",", -1)) {
                            if (alternative.isBlank()) {
                                problems.add(line.problem("path has an empty alternative: '" + path + "'"));
                            }
                        }
                    }
                }
                case "remove" -> {
                    ElementChecks.attributes(line, Set.of("verb", "path"), problems);
                    ElementChecks.requiredNonEmpty(line, "verb", problems);
                    ElementChecks.requiredNonEmpty(line, "path", problems);
                }
                // As in System.Web, <clear/> takes no attributes at all.
                case "clear" -> ElementChecks.noAttributes(line, problems);
                default -> problems.add(line.problem("unknown element <" + line.name() + "> in <httpHandlers>"));
            }
            ElementChecks.noChildren(line, problems);
        }
    }

    /** In classic mode, each {@code <add validate="true">} at any level names a handler or factory (spec §2.5). */
    private static void checkTypes(Section.SiteView site, List<Problem> problems) {
        if (site.pipelineMode() != PipelineMode.CLASSIC) {
            return; // not read in integrated mode (and refused there unless validation is off)
        }
        for (ConfigElement section : site.occurrences()) {
            for (ConfigElement add : section.children("add")) {
                String type = add.attr("type");
                if (type == null || type.isBlank() || "false".equalsIgnoreCase(add.attr("validate"))) {
                    continue;
                }
                String verdict = site.types().check(type, HttpHandlerFactory.class, HttpHandler.class);
                if (verdict != null) {
                    problems.add(add.problem(verdict));
                }
            }
        }
    }
}
