package dev.conduit.internal.config;

import dev.conduit.ConfigurationException;
import dev.conduit.ConfigurationException.Problem;
import dev.conduit.config.ConfigElement;
import dev.conduit.config.ElementChecks;
import dev.conduit.config.Section;
import dev.conduit.config.Source;
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
 * Reads one web.config into a {@link WebConfigFile}. The parser knows XML, {@code <configSections>}, {@code
 * <location>}, {@code configSource}, and the sections the {@link FeatureCatalog} holds; nothing about any one section.
 *
 * <p>Each element of {@code <configuration>} (or of a {@code <location>}) is, in this order: a registered section,
 * kept as a {@link ConfigElement} and checked by its definition; a section group ({@code system.web}), whose children
 * are read the same way; a section a feature accepts without effect (a warning naming the module that would give it
 * effect); a group or section declared in {@code <configSections>} here or at an outer level (the built-in root
 * configuration declares .NET's machine-level names), kept as written for site code to read, with a warning when it
 * is a machine-level one Conduit does not implement; or an error. Every problem of the file is collected and reported
 * together, each with file, line and element. The parser refuses DTDs and never resolves external entities.
 *
 * <p>A section with {@code configSource="Config\\x.config"} is read from that file instead (a path relative to the
 * web.config's folder, never rooted and never outside the site), whose root element must be the section's; the
 * section element itself then has no other attribute and no child, as in System.Configuration.
 */
public final class WebConfigParser {
    /** System.Configuration's attributes of every element: locking, which Conduit has no use for. */
    private static final Set<String> LOCK_ATTRIBUTES =
            Set.of("lockAttributes", "lockAllAttributesExcept", "lockElements", "lockAllElementsExcept", "lockItem");

    private final @Nullable Path file;
    private final @Nullable Path siteRoot;
    private final String builtInName;
    private final FeatureCatalog catalog;
    private final List<Problem> problems = new ArrayList<>();
    private final List<ConfigWarning> warnings = new ArrayList<>();
    private final List<Path> externalFiles = new ArrayList<>();
    private SectionDeclarations declarations;

    private WebConfigParser(
            @Nullable Path file,
            @Nullable Path siteRoot,
            String builtInName,
            FeatureCatalog catalog,
            SectionDeclarations inherited) {
        this.file = file;
        this.siteRoot = siteRoot;
        this.builtInName = builtInName;
        this.catalog = catalog;
        this.declarations = inherited;
    }

    /**
     * Parses {@code file} with the installed features' sections.
     *
     * @throws ConfigurationException listing every problem of the file
     */
    public static WebConfigFile parse(Path file) {
        List<Problem> problems = new ArrayList<>();
        FeatureCatalog catalog = FeatureCatalog.installed();
        Path folder = file.toAbsolutePath().getParent();
        WebConfigFile parsed = parse(file, folder, catalog, SiteConfiguration.builtInDeclarations(catalog), problems);
        if (parsed == null || !problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
        return parsed;
    }

    /**
     * Parses {@code file}, adding every problem found to {@code problems} rather than throwing.
     *
     * @return the file without the sections that have problems in their structure (their checks' problems are
     *     reported, the sections kept), so that checks spanning files report theirs in the same pass; {@code null} when
     *     the file is not readable XML with a {@code <configuration>} root
     */
    public static @Nullable WebConfigFile parse(
            Path file, Path siteRoot, FeatureCatalog catalog, SectionDeclarations inherited, List<Problem> problems) {
        WebConfigParser parser = new WebConfigParser(file, siteRoot, Source.ROOT, catalog, inherited);
        try (InputStream in = Files.newInputStream(file)) {
            return parser.read(in);
        } catch (IOException e) {
            parser.problems.add(new Problem(file, 0, "", "cannot read the file: " + e.getMessage()));
            return null;
        } finally {
            problems.addAll(parser.problems);
        }
    }

    /**
     * Parses a part of the built-in root configuration (no file).
     *
     * @param name how messages name it ({@link Source#ROOT} for core's own)
     * @throws ConfigurationException listing its problems: a defect of the feature that ships it
     */
    public static WebConfigFile parseBuiltIn(
            InputStream in, String name, FeatureCatalog catalog, SectionDeclarations inherited) {
        WebConfigParser parser = new WebConfigParser(null, null, name, catalog, inherited);
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
        checkAttributes(root, Set.of());
        noText(root);
        Map<String, ConfigElement> body = new LinkedHashMap<>();
        List<LocationBlock> locations = new ArrayList<>();
        boolean first = true;
        for (XmlNode child : root.children) {
            if (child.name.equals("configSections")) {
                if (first) {
                    declarations = declarations.with(
                            element(child), path -> catalog.section(path) != null, problems, warnings);
                } else {
                    problem(
                            child,
                            "<configSections> must be the first element of <configuration>, and appear only once");
                }
            } else if (child.name.equals("location")) {
                LocationBlock block = location(child);
                if (block != null) {
                    locations.add(block);
                }
            } else {
                element(child, "", body, false);
            }
            first = false;
        }
        return new WebConfigFile(file, new ConfigBody(body), locations, warnings, declarations, externalFiles);
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
        boolean allow = bool(node, "allowOverride", true) && !denied;
        bool(node, "inheritInChildApplications", true);
        noText(node);
        Map<String, ConfigElement> body = new LinkedHashMap<>();
        for (XmlNode child : node.children) {
            if (child.name.equals("location")) {
                problem(child, "<location> cannot be nested");
            } else if (child.name.equals("configSections")) {
                problem(child, "<configSections> cannot be inside <location>");
            } else {
                element(child, "", body, true);
            }
        }
        return new LocationBlock(p, allow, source(node), new ConfigBody(body));
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

    /**
     * One element inside {@code group} ({@code ""} for the top level): a section, a group, accepted, declared, or an
     * error.
     */
    private void element(XmlNode node, String group, Map<String, ConfigElement> body, boolean inLocation) {
        String path = group.isEmpty() ? node.name : group + "/" + node.name;
        Section<?> section = catalog.section(path);
        if (section != null) {
            ConfigElement element = sectionElement(node);
            if (element == null || !once(node, path, element, body)) {
                return;
            }
            if (node.attr("configSource") == null) {
                noTextInside(node);
            }
            element = withOverlay(section, element);
            element = withoutInert(section, element, "", where(group, node.name));
            body.put(path, element);
            section.check(element, problems);
            List<String> advice = new ArrayList<>();
            section.advise(element, advice);
            for (String message : advice) {
                warnings.add(new ConfigWarning(where(group, node.name), element.source() + ": warning: " + message));
            }
            return;
        }
        if (catalog.isGroup(path) || declarations.isGroup(path)) {
            checkAttributes(node, Set.of());
            noText(node);
            for (XmlNode child : node.children) {
                element(child, path, body, inLocation);
            }
            return;
        }
        String module = catalog.accepted(path);
        if (module != null && !module.isEmpty()) {
            warn(
                    where(group, node.name),
                    node,
                    where(group, node.name) + " has no effect without the module " + module + " on the class path;"
                            + " ignored");
            return;
        }
        SectionDeclarations.Declaration declared = declarations.get(path);
        if (declared != null) {
            if (inLocation && !declared.allowLocation()) {
                problem(
                        node,
                        where(group, node.name) + " cannot be used inside <location>: its declaration at "
                                + declared.source() + " says allowLocation=\"false\"");
                return;
            }
            ConfigElement element = sectionElement(node);
            if (element == null || !once(node, path, element, body)) {
                return;
            }
            if (declared.machineLevel()) {
                warn(where(group, node.name), node, where(group, node.name) + " has no effect in Conduit; ignored");
            }
            return;
        }
        if (module != null || catalog.isLenient(group)) {
            warn(where(group, node.name), node, where(group, node.name) + " has no effect in Conduit; ignored");
        } else if (group.isEmpty()) {
            problem(
                    node,
                    "unknown element <" + node.name + ">: not a section Conduit knows, and not declared in"
                            + " <configSections>");
        } else {
            problem(
                    node,
                    "unknown element <" + node.name + "> in <" + group.substring(group.lastIndexOf('/') + 1)
                            + ">: not a section Conduit knows, and not declared in <configSections>");
        }
    }

    /**
     * Every element of a section loses the attributes System.Configuration allows everywhere that Conduit does not
     * act on (the lock attributes) and those the section lists as inert for it, with a warning each.
     */
    private ConfigElement withoutInert(Section<?> section, ConfigElement e, String elementPath, String where) {
        Set<String> inert = section.inertAttributes(elementPath);
        Map<String, String> kept = new LinkedHashMap<>();
        for (Map.Entry<String, String> a : e.attributes().entrySet()) {
            String name = a.getKey();
            if (LOCK_ATTRIBUTES.contains(name) || inert.contains(name)) {
                warnings.add(new ConfigWarning(
                        where,
                        e.source() + ": warning: the attribute '" + name + "' of "
                                + (elementPath.isEmpty() ? where : "<" + e.name() + "> in " + where)
                                + " has no effect in Conduit; ignored"));
            } else {
                kept.put(name, a.getValue());
            }
        }
        List<ConfigElement> children = new ArrayList<>(e.children().size());
        for (ConfigElement child : e.children()) {
            children.add(withoutInert(
                    section, child, elementPath.isEmpty() ? child.name() : elementPath + "/" + child.name(), where));
        }
        return new ConfigElement(e.name(), kept, children, e.source(), e.text());
    }

    /** The section with the entries of the file its overlay attribute names appended ({@code <appSettings file>}). */
    private ConfigElement withOverlay(Section<?> section, ConfigElement e) {
        String attribute = section.overlayAttribute();
        String value = attribute == null ? null : e.attr(attribute);
        if (value == null) {
            return e;
        }
        Path external = ExternalConfigFiles.resolve(
                file, siteRoot, value, attribute, false, message -> problems.add(e.problem(message)));
        if (external == null) {
            return e;
        }
        externalFiles.add(external); // watched even while missing: creating it is a change
        if (!Files.isRegularFile(external)) {
            warnings.add(new ConfigWarning(
                    "<" + e.name() + ">",
                    e.source() + ": warning: the " + attribute + " '" + value + "' of <" + e.name()
                            + "> does not exist (" + external + "); ignored, as ASP.NET does"));
            return e;
        }
        XmlNode root = readExternal(external, e);
        if (root == null) {
            return e;
        }
        if (!root.name.equals(e.name()) || !root.attributes.isEmpty()) {
            problems.add(new Problem(
                    external,
                    root.line,
                    root.name,
                    "the root element of the file named by " + attribute + " must be <" + e.name()
                            + "> without attributes"));
            return e;
        }
        List<ConfigElement> children = new ArrayList<>(e.children());
        WebConfigParser reader = new WebConfigParser(external, siteRoot, builtInName, catalog, declarations);
        for (XmlNode child : root.children) {
            reader.noTextInside(child);
            children.add(reader.element(child));
        }
        problems.addAll(reader.problems);
        return new ConfigElement(e.name(), e.attributes(), children, e.source(), e.text());
    }

    /** The root element of {@code external}, or {@code null} after reporting why it cannot be read. */
    private @Nullable XmlNode readExternal(Path external, ConfigElement namedBy) {
        WebConfigParser reader = new WebConfigParser(external, siteRoot, builtInName, catalog, declarations);
        try (InputStream in = Files.newInputStream(external)) {
            XmlNode root = reader.readTree(in);
            problems.addAll(reader.problems);
            return root;
        } catch (IOException ex) {
            problems.add(namedBy.problem("cannot read " + external + ": " + ex.getMessage()));
            return null;
        }
    }

    /** Keeps the first occurrence of a section in a body; a second is an error. */
    private boolean once(XmlNode node, String path, ConfigElement element, Map<String, ConfigElement> body) {
        // As in System.Web, a section appears once per file (or <location> block): a second would silently merge
        // into the first.
        ConfigElement first = body.putIfAbsent(path, element);
        if (first != null) {
            problem(
                    node,
                    "<" + node.name + "> appears twice here; the first is at line "
                            + first.source().line());
            return false;
        }
        return true;
    }

    /**
     * The section as written, or as read from its {@code configSource} file; {@code null} when that cannot be read
     * (reported).
     */
    private @Nullable ConfigElement sectionElement(XmlNode node) {
        String provider = node.attr("configProtectionProvider");
        if (provider != null) {
            // An encrypted section: only .NET's protected-configuration providers can read it.
            problem(
                    node,
                    "the protected-configuration provider '" + provider + "' has no Java counterpart here: Conduit"
                            + " cannot decrypt <" + node.name + ">; decrypt the section (aspnet_regiis -pdf) or set it"
                            + " in plain text");
            return null;
        }
        String configSource = node.attr("configSource");
        if (configSource == null) {
            return element(node);
        }
        boolean alone = true;
        for (String attribute : node.attributes.keySet()) {
            if (!attribute.equals("configSource") && !attribute.startsWith("xmlns")) {
                alone = false;
            }
        }
        if (!alone || !node.children.isEmpty() || !node.text().isEmpty()) {
            problem(node, "a section with configSource has no other attributes and no content: <" + node.name + ">");
            return null;
        }
        Path external = ExternalConfigFiles.resolve(
                file, siteRoot, configSource, "configSource", true, message -> problem(node, message));
        if (external == null) {
            return null;
        }
        externalFiles.add(external);
        WebConfigParser reader = new WebConfigParser(external, siteRoot, builtInName, catalog, declarations);
        XmlNode root;
        try (InputStream in = Files.newInputStream(external)) {
            root = reader.readTree(in);
        } catch (IOException e) {
            problem(node, "cannot read the configSource file " + external + ": " + e.getMessage());
            return null;
        }
        problems.addAll(reader.problems);
        if (root == null) {
            return null;
        }
        if (!root.name.equals(node.name)) {
            problems.add(new Problem(
                    external,
                    root.line,
                    root.name,
                    "the root element of a configSource file must be <" + node.name + ">, the section it holds; found"
                            + " <" + root.name + ">"));
            return null;
        }
        return reader.element(root);
    }

    /** {@code <system.web><pages>}, {@code <runtime>}. */
    private static String where(String group, String name) {
        String g = group.isEmpty() ? "" : "<" + group.replace("/", "><") + ">";
        return g + "<" + name + ">";
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
                        if (!stack.isEmpty()) {
                            XmlNode owner = stack.peek();
                            String text = reader.getText();
                            if (owner.textLine == 0 && !text.isBlank()) {
                                owner.textLine = start + leadingLineBreaks(text);
                            }
                            owner.text.append(text);
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
        return new Source(file, node.line, builtInName);
    }

    private void problem(XmlNode node, String message) {
        problems.add(new Problem(file, node.line, node.name, message));
    }

    /** Text is content only in sections declared in {@code <configSections>}; elsewhere it is an error. */
    private void noText(XmlNode node) {
        if (node.textLine != 0) {
            problems.add(new Problem(file, node.textLine, node.name, "unexpected text inside <" + node.name + ">"));
        }
    }

    private void noTextInside(XmlNode node) {
        noText(node);
        for (XmlNode child : node.children) {
            noTextInside(child);
        }
    }

    private void warn(String section, XmlNode node, String message) {
        warnings.add(new ConfigWarning(section, source(node) + ": warning: " + message));
    }

    private void checkAttributes(XmlNode node, Set<String> allowed) {
        ElementChecks.attributes(shallow(node), allowed, problems);
    }

    private boolean bool(XmlNode node, String attribute, boolean dflt) {
        return ElementChecks.bool(shallow(node), attribute, dflt, problems);
    }

    /** The node without its children, for the element checks. */
    private ConfigElement shallow(XmlNode node) {
        return new ConfigElement(node.name, node.attributes, List.of(), source(node));
    }

    private ConfigElement element(XmlNode node) {
        List<ConfigElement> kids = new ArrayList<>();
        for (XmlNode child : node.children) {
            kids.add(element(child));
        }
        return new ConfigElement(node.name, node.attributes, kids, source(node), node.text());
    }
}
