package dev.conduit.internal.config;

import dev.conduit.ConfigurationException.Problem;
import dev.conduit.config.ConfigElement;
import dev.conduit.config.ElementChecks;
import dev.conduit.config.KeyedCollection;
import dev.conduit.config.Section;
import dev.conduit.config.Source;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The effective static-file settings of a folder, from {@code <system.webServer>} as IIS spells them.
 *
 * @param defaultDocumentsEnabled whether a request for a folder ending in {@code /} is served its default document
 * @param defaultDocuments the names tried, in order
 * @param mimeTypes extension (lower case, with the dot) to media type: the built-in table with this folder's
 *     {@code <mimeMap>}, {@code <remove>} and {@code <clear/>} applied
 * @param cacheControl the Cache-Control value for static responses, or {@code null} to send none
 */
public record StaticContentSettings(
        boolean defaultDocumentsEnabled,
        List<String> defaultDocuments,
        Map<String, String> mimeTypes,
        @Nullable String cacheControl) {

    /** Copies the collections. */
    public StaticContentSettings {
        defaultDocuments = List.copyOf(defaultDocuments);
        mimeTypes = Map.copyOf(mimeTypes);
    }

    /**
     * The {@code <defaultDocument><files>} merge policy: IIS declares that collection {@code mergeAppend="false"}, so
     * the names a level adds come before the inherited ones, in the order written (an added name already inherited
     * moves to the front); a missing remove is silent; names compare ignoring case.
     */
    public static final KeyedCollection.Policy DOCUMENTS_POLICY = KeyedCollection.Policy.of(
            "default document",
            "value",
            KeyedCollection.Order.LOCAL_FIRST,
            KeyedCollection.Duplicate.REPLACE_AND_MOVE,
            false,
            true);

    /**
     * The {@code <staticContent>} MIME map policy: a level's entries after the inherited ones (the built-in table
     * first); an extension mapped again takes the new type in place; a missing remove is silent; extensions compare
     * ignoring case.
     */
    public static final KeyedCollection.Policy MIME_POLICY = KeyedCollection.Policy.of(
                    "MIME map",
                    "fileExtension",
                    KeyedCollection.Order.INHERITED_FIRST,
                    KeyedCollection.Duplicate.REPLACE_IN_PLACE,
                    false,
                    true)
            .withAddName("mimeMap");

    /** The default documents of a folder. */
    public record DefaultDocuments(boolean enabled, List<String> names) {}

    /** The {@code <staticContent>} settings of a folder. */
    public record StaticContent(Map<String, String> mimeTypes, @Nullable String cacheControl) {}

    /** {@code <system.webServer><defaultDocument>}. */
    public static final Section<DefaultDocuments> DEFAULT_DOCUMENT = Section.builder(
                    "system.webServer/defaultDocument", StaticContentSettings::mergeDocuments)
            .check(StaticContentSettings::checkDocuments)
            .build();

    /** {@code <system.webServer><staticContent>}. */
    public static final Section<StaticContent> SECTION = Section.builder(
                    "system.webServer/staticContent", StaticContentSettings::mergeStaticContent)
            .check(StaticContentSettings::checkStaticContent)
            // IIS's document footers and its Expires and ETag switches: Conduit always sends an ETag.
            .inert("", "enableDocFooter", "defaultDocFooter", "isDocFooterFileName")
            .inert("clientCache", "httpExpires", "setEtag")
            .build();

    /** The built-in MIME table as a level of its own, before every configured one. */
    private static final ConfigElement BUILT_IN_TYPES = builtInTypes();

    /** The settings of a folder from its two sections. */
    static StaticContentSettings of(DefaultDocuments documents, StaticContent content) {
        return new StaticContentSettings(
                documents.enabled(), documents.names(), content.mimeTypes(), content.cacheControl());
    }

    private static DefaultDocuments mergeDocuments(List<ConfigElement> levels) {
        boolean enabled = true;
        List<ConfigElement> files = new ArrayList<>();
        for (ConfigElement level : levels) {
            String e = level.attr("enabled");
            if (e != null) {
                enabled = Boolean.parseBoolean(e);
            }
            files.addAll(level.children("files"));
        }
        List<String> names = new ArrayList<>();
        for (ConfigElement add : KeyedCollection.merge(DOCUMENTS_POLICY, files, new ArrayList<>())) {
            names.add(add.attributes().getOrDefault("value", ""));
        }
        return new DefaultDocuments(enabled, List.copyOf(names));
    }

    private static void checkDocuments(ConfigElement e, List<Problem> problems) {
        ElementChecks.attributes(e, Set.of("enabled"), problems);
        ElementChecks.bool(e, "enabled", true, problems);
        for (ConfigElement child : e.children()) {
            if (child.name().equals("files")) {
                ElementChecks.noAttributes(child, problems);
                ElementChecks.keyedLines(child, "value", List.of(), List.of(), problems);
            } else {
                problems.add(child.problem("unknown element <" + child.name() + "> in <defaultDocument>"));
            }
        }
    }

    private static StaticContent mergeStaticContent(List<ConfigElement> levels) {
        List<ConfigElement> withBuiltIn = new ArrayList<>(levels.size() + 1);
        withBuiltIn.add(BUILT_IN_TYPES);
        withBuiltIn.addAll(levels);
        Map<String, String> mime = new LinkedHashMap<>();
        for (ConfigElement map : KeyedCollection.merge(MIME_POLICY, withBuiltIn, new ArrayList<>())) {
            mime.put(
                    map.attributes().getOrDefault("fileExtension", "").toLowerCase(Locale.ROOT),
                    map.attributes().getOrDefault("mimeType", ""));
        }
        Map<String, String> clientCache = new HashMap<>();
        for (ConfigElement level : levels) {
            for (ConfigElement cc : level.children("clientCache")) {
                clientCache.putAll(cc.attributes());
            }
        }
        return new StaticContent(mime, cacheControl(clientCache));
    }

    private static void checkStaticContent(ConfigElement e, List<Problem> problems) {
        ElementChecks.noAttributes(e, problems);
        for (ConfigElement child : e.children()) {
            switch (child.name()) {
                case "mimeMap" -> {
                    ElementChecks.attributes(child, Set.of("fileExtension", "mimeType"), problems);
                    String ext = ElementChecks.required(child, "fileExtension", problems);
                    ElementChecks.required(child, "mimeType", problems);
                    if (ext != null && !ext.startsWith(".")) {
                        problems.add(child.problem("fileExtension must start with '.': '" + ext + "'"));
                    }
                }
                case "remove" -> {
                    ElementChecks.attributes(child, Set.of("fileExtension"), problems);
                    ElementChecks.required(child, "fileExtension", problems);
                }
                case "clear" -> ElementChecks.noAttributes(child, problems);
                case "clientCache" -> {
                    ElementChecks.attributes(
                            child, Set.of("cacheControlMode", "cacheControlMaxAge", "cacheControlCustom"), problems);
                    String mode = child.attr("cacheControlMode");
                    if (mode != null
                            && !Set.of("NoControl", "DisableCache", "UseMaxAge").contains(mode)) {
                        problems.add(child.problem(
                                "cacheControlMode must be NoControl, DisableCache or UseMaxAge: '" + mode + "'"));
                    }
                    String maxAge = child.attr("cacheControlMaxAge");
                    if (maxAge != null && Durations.parseTimeSpan(maxAge) == null) {
                        problems.add(child.problem(
                                "cacheControlMaxAge must be a time span like 1.00:00:00: '" + maxAge + "'"));
                    }
                }
                default -> problems.add(child.problem("unknown element <" + child.name() + "> in <staticContent>"));
            }
            ElementChecks.noChildren(child, problems);
        }
    }

    private static @Nullable String cacheControl(Map<String, String> clientCache) {
        String mode = clientCache.getOrDefault("cacheControlMode", "UseMaxAge");
        String maxAge = clientCache.get("cacheControlMaxAge");
        String custom = clientCache.get("cacheControlCustom");
        return switch (mode) {
            case "NoControl" -> custom;
            case "DisableCache" -> "no-cache";
            default -> {
                Duration age = maxAge == null ? Duration.ofDays(1) : Durations.parseTimeSpan(maxAge);
                String base = "public, max-age=" + (age == null ? 86400 : age.toSeconds());
                yield custom == null ? base : base + ", " + custom;
            }
        };
    }

    private static ConfigElement builtInTypes() {
        Source source = new Source(null, 0);
        List<ConfigElement> maps = new ArrayList<>();
        MimeTypes.BUILT_IN.forEach((ext, type) -> maps.add(
                new ConfigElement("mimeMap", Map.of("fileExtension", ext, "mimeType", type), List.of(), source)));
        return new ConfigElement("staticContent", Map.of(), maps, source);
    }
}
