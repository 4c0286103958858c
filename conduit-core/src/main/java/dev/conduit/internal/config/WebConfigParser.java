package dev.conduit.internal.config;

import dev.conduit.ConfigurationException;
import dev.conduit.ConfigurationException.Problem;
import dev.conduit.internal.config.ConfigBody.Setting;
import dev.conduit.internal.config.WebConfigFile.LocationBlock;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.jspecify.annotations.Nullable;

/**
 * Reads one web.config into a {@link WebConfigFile}, checking it against the ASP.NET schema subset Conduit
 * implements.
 *
 * <p>Every problem of the file is collected and reported together in one {@link ConfigurationException}, each with
 * file, line and element. The parser refuses DTDs and never resolves external entities. Sections that are valid
 * ASP.NET but that Conduit does not implement (yet) are accepted with a warning rather than an error, so an
 * existing web.config still loads; anything else unknown is an error.
 */
public final class WebConfigParser {

    /** ASP.NET sections under system.web that Conduit accepts but does not act on (warned about). */
    private static final Set<String> ACCEPTED_SYSTEM_WEB = Set.of(
            "compilation",
            "pages",
            "globalization",
            "webServices",
            "caching",
            "healthMonitoring",
            "membership",
            "profile",
            "siteMap",
            "xhtmlConformance",
            "identity",
            "securityPolicy",
            "trust",
            "deployment",
            "hostingEnvironment",
            "processModel",
            "urlMappings",
            "anonymousIdentification",
            "browserCaps",
            "clientTarget",
            "httpCookies",
            "mobileControls",
            "deviceFilters");

    /** Top-level sections Conduit accepts but does not act on. */
    private static final Set<String> ACCEPTED_TOP_LEVEL = Set.of(
            "configSections",
            "runtime",
            "startup",
            "system.codedom",
            "system.diagnostics",
            "system.net",
            "system.serviceModel",
            "system.web.extensions",
            "entityFramework");

    private static final Set<String> RUNTIME_ATTRIBUTES = Set.of(
            "maxRequestLength",
            "maxUrlLength",
            "maxQueryStringLength",
            "executionTimeout",
            "enableVersionHeader",
            "requestLengthDiskThreshold",
            "targetFramework",
            "requestValidationMode",
            "enable",
            "shutdownTimeout",
            "minFreeThreads",
            "minLocalRequestFreeThreads",
            "appRequestQueueLimit",
            "relaxedUrlToFileSystemMapping",
            "requestPathInvalidCharacters",
            "sendCacheControlHeader",
            "fcnMode");

    /** The {@code <httpRuntime>} attributes that must be true or false (System.Web refuses anything else). */
    private static final List<String> RUNTIME_BOOLEAN_ATTRIBUTES =
            List.of("enable", "enableVersionHeader", "relaxedUrlToFileSystemMapping", "sendCacheControlHeader");

    private final @Nullable Path file;
    private final List<Problem> problems = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    private WebConfigParser(@Nullable Path file) {
        this.file = file;
    }

    /**
     * Parses {@code file}.
     *
     * @throws ConfigurationException listing every problem of the file
     */
    public static WebConfigFile parse(Path file) {
        List<Problem> problems = new ArrayList<>();
        WebConfigFile parsed = parse(file, problems);
        if (parsed == null || !problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
        return parsed;
    }

    /**
     * Parses {@code file}, adding every problem found to {@code problems} rather than throwing.
     *
     * @return the file without the lines that have problems, so that checks spanning files (handler types, locks)
     *     can report theirs in the same pass; {@code null} when the file is not readable XML with a {@code
     *     <configuration>} root
     */
    public static @Nullable WebConfigFile parse(Path file, List<Problem> problems) {
        WebConfigParser parser = new WebConfigParser(file);
        try (InputStream in = Files.newInputStream(file)) {
            return parser.read(in);
        } catch (IOException e) {
            parser.problems.add(new Problem(file, 0, "", "cannot read the file: " + e.getMessage()));
            return null;
        } finally {
            problems.addAll(parser.problems);
        }
    }

    /** Parses the built-in root configuration (no file). */
    public static WebConfigFile parseBuiltIn(InputStream in) {
        WebConfigParser parser = new WebConfigParser(null);
        WebConfigFile parsed = parser.read(in);
        if (parsed == null || !parser.problems.isEmpty()) {
            throw new ConfigurationException(parser.problems);
        }
        return parsed;
    }

    private @Nullable WebConfigFile read(InputStream in) {
        XmlNode root = readTree(in);
        if (root == null) {
            return null;
        }
        if (!root.name.equals("configuration")) {
            problem(root, "the root element must be <configuration>, not <" + root.name + ">");
            return null;
        }
        noAttributes(root);
        BodyBuilder body = new BodyBuilder();
        List<LocationBlock> locations = new ArrayList<>();
        for (XmlNode child : root.children) {
            if (child.name.equals("location")) {
                LocationBlock block = location(child);
                if (block != null) {
                    locations.add(block);
                }
            } else {
                section(child, body);
            }
        }
        return new WebConfigFile(file, body.build(), locations, warnings);
    }

    private @Nullable LocationBlock location(XmlNode node) {
        String path = node.attr("path");
        String allowOverride = node.attr("allowOverride");
        checkAttributes(node, Set.of("path", "allowOverride", "inheritInChildApplications", "overrideMode"));
        if (path == null) {
            path = "";
        }
        String p = path.replace('\\', '/');
        if (p.startsWith("/") || p.startsWith("~") || p.contains("..") || p.contains("*")) {
            problem(node, "location path must be relative to this folder, without '..' or wildcards: '" + path + "'");
            return null;
        }
        boolean denied = deniesOverride(node, allowOverride);
        boolean allow = bool(node, "allowOverride", allowOverride, true) && !denied;
        bool(node, "inheritInChildApplications", node.attr("inheritInChildApplications"), true);
        BodyBuilder body = new BodyBuilder();
        for (XmlNode child : node.children) {
            if (child.name.equals("location")) {
                problem(child, "<location> cannot be nested");
            } else {
                section(child, body);
            }
        }
        return new LocationBlock(p, allow, source(node), body.build());
    }

    /**
     * Reads {@code overrideMode}, the .NET 4 form of {@code allowOverride}: {@code Deny} locks the block's sections
     * as {@code allowOverride="false"} does; {@code Allow} and {@code Inherit} do not. As in System.Configuration
     * the two attributes cannot be used together.
     */
    private boolean deniesOverride(XmlNode node, @Nullable String allowOverride) {
        String mode = node.attr("overrideMode");
        if (mode == null) {
            return false;
        }
        if (allowOverride != null) {
            problem(node, "the attributes 'allowOverride' and 'overrideMode' cannot be used together");
        }
        if (!Set.of("Allow", "Deny", "Inherit").contains(mode)) {
            problem(node, "the attribute 'overrideMode' must be Allow, Deny or Inherit: '" + mode + "'");
        }
        return mode.equals("Deny");
    }

    private void section(XmlNode node, BodyBuilder body) {
        switch (node.name) {
            case "system.web" -> {
                noAttributes(node);
                for (XmlNode child : node.children) {
                    systemWebSection(child, body);
                }
            }
            case "system.webServer" -> {
                noAttributes(node);
                for (XmlNode child : node.children) {
                    systemWebServerSection(child, body);
                }
            }
            case "appSettings" -> {
                checkAttributes(node, Set.of("file", "configSource"));
                if (node.attr("file") != null || node.attr("configSource") != null) {
                    problem(node, "<appSettings file/configSource> is not supported; put the settings in web.config");
                }
                declare(node, body);
                keyed(node, "key", "value", null, body.appSettings);
            }
            case "connectionStrings" -> {
                noAttributes(node);
                declare(node, body);
                keyed(node, "name", "connectionString", "providerName", body.connectionStrings);
            }
            default -> {
                if (ACCEPTED_TOP_LEVEL.contains(node.name)) {
                    warn(node, "<" + node.name + "> has no effect in Conduit; ignored");
                } else {
                    problem(node, "unknown element <" + node.name + ">");
                }
            }
        }
    }

    private void systemWebSection(XmlNode node, BodyBuilder body) {
        switch (node.name) {
            case "httpHandlers" -> {
                noAttributes(node);
                declare(node, body);
                handlers(node, body.handlers);
            }
            case "httpModules" -> {
                noAttributes(node);
                declare(node, body);
                keyed(node, "name", "type", null, body.modules);
            }
            case "httpRuntime" -> {
                checkAttributes(node, RUNTIME_ATTRIBUTES);
                declare(node, body);
                node.attributes.forEach((name, value) -> body.httpRuntime.put(name, new Setting(value, source(node))));
                for (String numeric : RuntimeSettings.NUMERIC_ATTRIBUTES) {
                    String value = node.attr(numeric);
                    if (value != null && RuntimeSettings.parseNonNegative(value) < 0) {
                        problem(node, numeric + " must be a whole number >= 0: '" + value + "'");
                    }
                }
                for (String flag : RUNTIME_BOOLEAN_ATTRIBUTES) {
                    bool(node, flag, node.attr(flag), false);
                }
                noChildren(node);
            }
            default -> {
                if (SectionReaders.isRaw(node.name)) {
                    declare(node, body);
                    RawElement raw = raw(node);
                    body.raw.add(raw);
                    SectionReaders.check(raw, problems);
                } else if (ACCEPTED_SYSTEM_WEB.contains(node.name)) {
                    warn(
                            node,
                            "<system.web><" + node.name + "> is not implemented by this version of Conduit; ignored");
                } else {
                    problem(node, "unknown element <" + node.name + "> in <system.web>");
                }
            }
        }
    }

    private void systemWebServerSection(XmlNode node, BodyBuilder body) {
        switch (node.name) {
            case "defaultDocument" -> {
                checkAttributes(node, Set.of("enabled"));
                declare(node, body);
                String enabled = node.attr("enabled");
                if (enabled != null) {
                    bool(node, "enabled", enabled, true);
                    body.defaultDocumentEnabled = new Setting(enabled, source(node));
                }
                for (XmlNode child : node.children) {
                    if (child.name.equals("files")) {
                        noAttributes(child);
                        keyed(child, "value", null, null, body.defaultDocuments);
                    } else {
                        problem(child, "unknown element <" + child.name + "> in <defaultDocument>");
                    }
                }
            }
            case "staticContent" -> {
                noAttributes(node);
                declare(node, body);
                staticContent(node, body);
            }
            case "handlers", "modules" ->
                warn(
                        node,
                        "<system.webServer><" + node.name + "> is IIS integrated mode and is ignored: Conduit reads"
                                + " <system.web><http" + (node.name.equals("handlers") ? "Handlers" : "Modules") + ">");
            default -> warn(node, "<system.webServer><" + node.name + "> has no effect in Conduit; ignored");
        }
    }

    private void staticContent(XmlNode node, BodyBuilder body) {
        for (XmlNode child : node.children) {
            switch (child.name) {
                case "mimeMap" -> {
                    checkAttributes(child, Set.of("fileExtension", "mimeType"));
                    String ext = required(child, "fileExtension");
                    String type = required(child, "mimeType");
                    if (ext != null && type != null) {
                        if (!ext.startsWith(".")) {
                            problem(child, "fileExtension must start with '.': '" + ext + "'");
                        }
                        body.mimeMaps.add(new KeyedAction(KeyedAction.Kind.ADD, ext, type, null, source(child)));
                    }
                }
                case "remove" -> {
                    checkAttributes(child, Set.of("fileExtension"));
                    String ext = required(child, "fileExtension");
                    if (ext != null) {
                        body.mimeMaps.add(new KeyedAction(KeyedAction.Kind.REMOVE, ext, null, null, source(child)));
                    }
                }
                case "clear" -> {
                    noAttributes(child);
                    body.mimeMaps.add(new KeyedAction(KeyedAction.Kind.CLEAR, "", null, null, source(child)));
                }
                case "clientCache" -> {
                    checkAttributes(child, Set.of("cacheControlMode", "cacheControlMaxAge", "cacheControlCustom"));
                    child.attributes.forEach((k, v) -> body.clientCache.put(k, new Setting(v, source(child))));
                    String mode = child.attr("cacheControlMode");
                    if (mode != null
                            && !Set.of("NoControl", "DisableCache", "UseMaxAge").contains(mode)) {
                        problem(child, "cacheControlMode must be NoControl, DisableCache or UseMaxAge: '" + mode + "'");
                    }
                    String maxAge = child.attr("cacheControlMaxAge");
                    if (maxAge != null && Durations.parseTimeSpan(maxAge) == null) {
                        problem(child, "cacheControlMaxAge must be a time span like 1.00:00:00: '" + maxAge + "'");
                    }
                }
                default -> problem(child, "unknown element <" + child.name + "> in <staticContent>");
            }
            noChildren(child);
        }
    }

    private void handlers(XmlNode section, List<HandlerAction> out) {
        for (XmlNode node : section.children) {
            Source src = source(node);
            switch (node.name) {
                case "add" -> {
                    checkAttributes(node, Set.of("verb", "path", "type", "validate"));
                    String verb = requiredNonEmpty(node, "verb");
                    String path = requiredNonEmpty(node, "path");
                    String type = requiredNonEmpty(node, "type");
                    boolean validate = bool(node, "validate", node.attr("validate"), true);
                    if (verb != null && path != null && type != null) {
                        checkPattern(node, path);
                        out.add(new HandlerAction.Add(verb, path, type, validate, src));
                    }
                }
                case "remove" -> {
                    checkAttributes(node, Set.of("verb", "path"));
                    String verb = requiredNonEmpty(node, "verb");
                    String path = requiredNonEmpty(node, "path");
                    if (verb != null && path != null) {
                        out.add(new HandlerAction.Remove(verb, path, src));
                    }
                }
                case "clear" -> {
                    // As in System.Web, <clear/> takes no attributes at all.
                    noAttributes(node);
                    out.add(new HandlerAction.Clear(src));
                }
                default -> problem(node, "unknown element <" + node.name + "> in <httpHandlers>");
            }
            noChildren(node);
        }
    }

    private void checkPattern(XmlNode node, String path) {
        for (String alternative : path.split(",", -1)) {
            if (alternative.isBlank()) {
                problem(node, "path has an empty alternative: '" + path + "'");
            }
        }
    }

    private void keyed(
            XmlNode section,
            String keyAttr,
            @Nullable String valueAttr,
            @Nullable String extraAttr,
            List<KeyedAction> out) {
        for (XmlNode node : section.children) {
            Source src = source(node);
            switch (node.name) {
                case "add" -> {
                    Set<String> allowed = new java.util.HashSet<>(Set.of(keyAttr));
                    if (valueAttr != null) {
                        allowed.add(valueAttr);
                    }
                    if (extraAttr != null) {
                        allowed.add(extraAttr);
                    }
                    checkAttributes(node, allowed);
                    String key = required(node, keyAttr);
                    String value = valueAttr == null ? null : required(node, valueAttr);
                    String extra = extraAttr == null ? null : node.attr(extraAttr);
                    if (key != null && (valueAttr == null || value != null)) {
                        out.add(new KeyedAction(KeyedAction.Kind.ADD, key, value, extra, src));
                    }
                }
                case "remove" -> {
                    checkAttributes(node, Set.of(keyAttr));
                    String key = required(node, keyAttr);
                    if (key != null) {
                        out.add(new KeyedAction(KeyedAction.Kind.REMOVE, key, null, null, src));
                    }
                }
                case "clear" -> {
                    noAttributes(node);
                    out.add(new KeyedAction(KeyedAction.Kind.CLEAR, "", null, null, src));
                }
                default -> problem(node, "unknown element <" + node.name + "> in <" + section.name + ">");
            }
            noChildren(node);
        }
    }

    // ---- XML reading ------------------------------------------------------------------------------------------

    private @Nullable XmlNode readTree(InputStream in) {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        // No DTDs and no external entities: a DOCTYPE is reported as an error below, never processed.
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        XmlNode root = null;
        Deque<XmlNode> stack = new ArrayDeque<>();
        XMLStreamReader reader = null;
        // StAX locations point just past the current event. Inside the root element every character belongs to
        // some event (whitespace included), so the end of the previous event is where the current one starts: an
        // element written over several lines is reported at the line of its '<', as System.Web does.
        int previousEnd = 1;
        try {
            reader = factory.createXMLStreamReader(in);
            while (reader.hasNext()) {
                int event = reader.next();
                int start = previousEnd;
                previousEnd = reader.getLocation().getLineNumber();
                switch (event) {
                    case XMLStreamConstants.DTD -> {
                        problems.add(new Problem(
                                file,
                                reader.getLocation().getLineNumber(),
                                "!DOCTYPE",
                                "DTDs are not allowed in web.config"));
                        return null;
                    }
                    case XMLStreamConstants.ENTITY_REFERENCE -> {
                        problems.add(new Problem(
                                file,
                                reader.getLocation().getLineNumber(),
                                reader.getLocalName(),
                                "entity references other than the XML built-ins are not allowed"));
                        return null;
                    }
                    case XMLStreamConstants.START_ELEMENT -> {
                        // The prolog's whitespace is not an event: the root element is reported where its tag ends.
                        XmlNode node = new XmlNode(reader.getLocalName(), stack.isEmpty() ? previousEnd : start);
                        for (int i = 0; i < reader.getAttributeCount(); i++) {
                            node.attributes.put(reader.getAttributeLocalName(i), reader.getAttributeValue(i));
                        }
                        if (stack.isEmpty()) {
                            root = node;
                        } else {
                            stack.peek().children.add(node);
                        }
                        stack.push(node);
                    }
                    case XMLStreamConstants.END_ELEMENT -> stack.pop();
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
                        if (!reader.isWhiteSpace() && !stack.isEmpty()) {
                            XmlNode owner = stack.peek();
                            problems.add(new Problem(
                                    file,
                                    start + leadingLineBreaks(reader.getText()),
                                    owner.name,
                                    "unexpected text inside <" + owner.name + ">"));
                        }
                    }
                    default -> {
                        // comments, processing instructions, whitespace
                    }
                }
            }
        } catch (XMLStreamException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNumber();
            problems.add(new Problem(file, line, "", "malformed XML: " + cleanMessage(e)));
            return null;
        } finally {
            if (reader != null) {
                try {
                    reader.close();
                } catch (XMLStreamException ignored) {
                    // closing a reader over a stream we close ourselves
                }
            }
        }
        if (root == null) {
            problems.add(new Problem(file, 1, "", "the file has no <configuration> element"));
        }
        return root;
    }

    private static int leadingLineBreaks(String text) {
        int breaks = 0;
        for (int i = 0; i < text.length() && Character.isWhitespace(text.charAt(i)); i++) {
            if (text.charAt(i) == '\n') {
                breaks++;
            }
        }
        return breaks;
    }

    private static String cleanMessage(XMLStreamException e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        int i = m.indexOf("Message: ");
        return i >= 0 ? m.substring(i + 9).trim() : m.trim();
    }

    // ---- checks -------------------------------------------------------------------------------------------------

    private Source source(XmlNode node) {
        return new Source(file, node.line);
    }

    private void problem(XmlNode node, String message) {
        problems.add(new Problem(file, node.line, node.name, message));
    }

    private void warn(XmlNode node, String message) {
        warnings.add(new Source(file, node.line) + ": warning: " + message);
    }

    /**
     * Records that this level declares the section {@code node}; as in System.Web, a section may appear only once
     * per file (or per {@code <location>} block), else the second would silently merge into the first.
     */
    private void declare(XmlNode node, BodyBuilder body) {
        Source first = body.sections.putIfAbsent(node.name, source(node));
        if (first != null) {
            problem(node, "<" + node.name + "> appears twice here; the first is at line " + first.line());
        }
    }

    private void noAttributes(XmlNode node) {
        checkAttributes(node, Set.of());
    }

    private void noChildren(XmlNode node) {
        for (XmlNode child : node.children) {
            problem(child, "<" + node.name + "> takes no child elements, found <" + child.name + ">");
        }
    }

    private void checkAttributes(XmlNode node, Set<String> allowed) {
        for (String name : node.attributes.keySet()) {
            if (!allowed.contains(name) && !name.startsWith("xmlns")) {
                problem(node, "unknown attribute '" + name + "' on <" + node.name + ">");
            }
        }
    }

    private @Nullable String required(XmlNode node, String attribute) {
        String value = node.attr(attribute);
        if (value == null) {
            problem(node, "<" + node.name + "> needs the attribute '" + attribute + "'");
        }
        return value;
    }

    private @Nullable String requiredNonEmpty(XmlNode node, String attribute) {
        String value = required(node, attribute);
        if (value != null && value.isBlank()) {
            problem(node, "the attribute '" + attribute + "' of <" + node.name + "> must not be empty");
            return null;
        }
        return value;
    }

    private boolean bool(XmlNode node, String attribute, @Nullable String value, boolean dflt) {
        if (value == null) {
            return dflt;
        }
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        problem(node, "the attribute '" + attribute + "' must be true or false: '" + value + "'");
        return dflt;
    }

    private RawElement raw(XmlNode node) {
        List<RawElement> kids = new ArrayList<>();
        for (XmlNode child : node.children) {
            kids.add(raw(child));
        }
        return new RawElement(node.name, node.attributes, kids, source(node));
    }

    /** Collects one level's sections while it is parsed. */
    private static final class BodyBuilder {
        final List<HandlerAction> handlers = new ArrayList<>();
        final Map<String, Setting> httpRuntime = new LinkedHashMap<>();
        final List<KeyedAction> appSettings = new ArrayList<>();
        final List<KeyedAction> connectionStrings = new ArrayList<>();
        final List<KeyedAction> defaultDocuments = new ArrayList<>();

        @Nullable
        Setting defaultDocumentEnabled;

        final List<KeyedAction> mimeMaps = new ArrayList<>();
        final List<KeyedAction> modules = new ArrayList<>();
        final List<RawElement> raw = new ArrayList<>();
        final Map<String, Setting> clientCache = new LinkedHashMap<>();
        final Map<String, Source> sections = new LinkedHashMap<>();

        ConfigBody build() {
            return new ConfigBody(
                    handlers,
                    httpRuntime,
                    appSettings,
                    connectionStrings,
                    defaultDocuments,
                    defaultDocumentEnabled,
                    mimeMaps,
                    clientCache,
                    modules,
                    raw,
                    sections);
        }
    }
}
