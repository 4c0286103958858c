package dev.conduit.internal.config;

import dev.conduit.ConfigurationException;
import dev.conduit.ConfigurationException.Problem;
import dev.conduit.config.ConfigElement;
import dev.conduit.config.PipelineMode;
import dev.conduit.config.Section;
import dev.conduit.config.Source;
import dev.conduit.config.TypeChecker;
import dev.conduit.internal.config.FeatureCatalog.RootPart;
import dev.conduit.internal.config.ModulesSection.ModuleEntry;
import dev.conduit.internal.config.WebConfigFile.LocationBlock;
import dev.conduit.internal.mapping.IntegratedHandlersSection;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Every web.config of one site, loaded and checked at start, and the effective configuration of any path.
 *
 * <p><b>Levels.</b> The effective configuration of a file is the merge of, outermost first: the built-in root
 * configuration (core's part, then each feature's, see {@link FeatureCatalog#roots()}); then for each folder from the
 * site root down to the file's folder, the {@code <location>} blocks (from that folder's ancestors or itself) that
 * target the folder, then the folder's own web.config; finally the {@code <location>} blocks that target the file
 * itself. So a {@code <location>} applies just before the folder file it targets and that file wins, as in System.Web
 * (spec §2.6), unless the block says {@code allowOverride="false"}: then any later level from another file that
 * declares the same section is a configuration error.
 *
 * <p><b>Sections.</b> What each section means is its {@link Section} definition's, registered by a feature: this class
 * applies the rules every section shares (where it may appear, locks, the site-wide checks) and hands each {@link
 * FolderConfig} its levels; a section is merged when first read.
 *
 * <p><b>Cost.</b> Effective configurations are computed once per configuration-bearing folder (one with a
 * web.config or targeted by a location) and cached; a request path resolves to its nearest such folder, so the
 * cache stays as small as the site's configuration, whatever paths clients ask for.
 */
public final class SiteConfiguration {
    private static final String ROOT_RESOURCE = "root.web.config";
    private static final String APPLICATION_HOST_RESOURCE = "applicationHost.config";
    private static final String APPLICATION_HOST_NAME = "built-in applicationHost.config";

    /** The file name, compared ignoring case: ASP.NET sites often spell it Web.config. */
    public static final String FILE_NAME = "web.config";

    /** Problems in file order: the built-in file, then each folder's file before those of its sub-folders; by line. */
    private static final Comparator<Problem> FILE_ORDER = Comparator.comparing((Problem p) ->
                    p.file() == null ? "" : String.valueOf(p.file().getParent()))
            .thenComparing(p -> String.valueOf(p.file()))
            .thenComparingInt(Problem::line);

    private final Path siteRoot;
    private final FeatureCatalog catalog;
    /** The parts of the built-in root configuration, core's first. */
    private final List<BuiltIn> builtIn;
    /** Folder virtual path, lower case, ending in '/', to its web.config. */
    private final Map<String, WebConfigFile> files;
    /** Target virtual path, lower case, without a trailing '/', to the locations aimed at it, outermost first. */
    private final Map<String, List<LocationRef>> locations;
    /** Whether the root's is the only configuration level of the site (the lookup is then a constant). */
    private final boolean rootOnly;
    /** When {@link #rootOnly}: the root's configuration, once computed (the one answer of {@link #forPath}). */
    private volatile @Nullable FolderConfig rootConfig;
    /**
     * IIS's server-level configuration, as Conduit keeps it: the stock {@code <system.webServer>} handlers, modules and
     * request filtering. It is the outermost level in integrated mode and no level at all in classic mode.
     */
    private final BuiltIn applicationHost;

    private PipelineMode mode = PipelineMode.CLASSIC;
    private String modeOrigin = "the default";

    private final List<ConfigWarning> warnings;
    private final Set<String> declared = new HashSet<>();
    private final Map<String, FolderConfig> cache = new ConcurrentHashMap<>();

    private record LocationRef(LocationBlock block, WebConfigFile file) {}

    /** A part of the built-in root configuration and the name messages give it. */
    private record BuiltIn(String name, WebConfigFile file) {}

    /** One contributing level: its settings and where they came from. */
    private record Level(ConfigBody body, Source source, @Nullable Path file, @Nullable LocationBlock lockedBy) {}

    private SiteConfiguration(
            Path siteRoot,
            FeatureCatalog catalog,
            List<BuiltIn> builtIn,
            BuiltIn applicationHost,
            Map<String, WebConfigFile> files,
            Map<String, List<LocationRef>> locations,
            List<ConfigWarning> warnings) {
        this.siteRoot = siteRoot;
        this.catalog = catalog;
        this.builtIn = builtIn;
        this.applicationHost = applicationHost;
        this.files = files;
        this.locations = locations;
        this.rootOnly = locations.isEmpty() && (files.isEmpty() || files.size() == 1 && files.containsKey("/"));
        this.warnings = new ArrayList<>(warnings);
    }

    /**
     * The application's modules, in order: the built-in ones, then the site root's (spec §5.2); {@code <httpModules>}
     * in classic mode, {@code <system.webServer><modules>} in integrated mode.
     */
    public List<ModuleEntry> modules() {
        return mode == PipelineMode.CLASSIC
                ? forPath("/").get(ModulesSection.SECTION)
                : forPath("/").get(IntegratedModulesSection.SECTION).modules();
    }

    /**
     * Whether the application's own event handlers (global.asax's, and those its {@code init} adds) run only for
     * requests mapped to a managed handler: in integrated mode, as System.Web registers them with IIS under the {@code
     * managedHandler} precondition, unless {@code runAllManagedModulesForAllRequests}.
     */
    public boolean applicationHandlersManagedOnly() {
        return mode == PipelineMode.INTEGRATED
                && !forPath("/").get(IntegratedModulesSection.SECTION).runAllManagedModulesForAllRequests();
    }

    /** The pipeline mode in force. */
    public PipelineMode pipelineMode() {
        return mode;
    }

    /**
     * What chose the pipeline mode: {@code the default}, {@code --pipeline-mode}, or the {@code <conduit>} element's
     * file and line.
     */
    public String pipelineModeOrigin() {
        return modeOrigin;
    }

    /**
     * Loads and checks every web.config under {@code siteRoot} with the installed features, accepting every type
     * named (for tools and tests that have no site class loader).
     *
     * @throws ConfigurationException listing every problem of every file
     */
    public static SiteConfiguration load(Path siteRoot) {
        return load(siteRoot, FeatureCatalog.installed(), (type, anyOf) -> null);
    }

    /**
     * Loads and checks every web.config under {@code siteRoot} with the installed features.
     *
     * @param types checks the handler, module and provider types that configuration names
     * @throws ConfigurationException listing every problem of every file
     */
    public static SiteConfiguration load(Path siteRoot, TypeChecker types) {
        return load(siteRoot, FeatureCatalog.installed(), types, null);
    }

    /**
     * Loads and checks every web.config under {@code siteRoot} with the installed features, in {@code mode} when it is
     * given (the host's override: {@code conduit run --pipeline-mode}), else in the mode the site's {@code <conduit>}
     * element chooses.
     *
     * @param types checks the handler, module and provider types that configuration names
     * @throws ConfigurationException listing every problem of every file
     */
    public static SiteConfiguration load(Path siteRoot, TypeChecker types, @Nullable PipelineMode mode) {
        return load(siteRoot, FeatureCatalog.installed(), types, mode);
    }

    /**
     * Loads and checks every web.config under {@code siteRoot} with {@code catalog}'s features, in the mode the site
     * chooses.
     *
     * @throws ConfigurationException listing every problem of every file
     */
    public static SiteConfiguration load(Path siteRoot, FeatureCatalog catalog, TypeChecker types) {
        return load(siteRoot, catalog, types, null);
    }

    /**
     * Loads and checks every web.config under {@code siteRoot}: each section by its definition in {@code catalog}, then
     * the rules every section shares, then each section's site-wide check with {@code types}.
     *
     * @throws ConfigurationException listing every problem of every file
     */
    public static SiteConfiguration load(
            Path siteRoot, FeatureCatalog catalog, TypeChecker types, @Nullable PipelineMode override) {
        Path root = siteRoot.toAbsolutePath().normalize();
        List<Problem> problems = new ArrayList<>();
        List<BuiltIn> builtIn = loadBuiltIn(catalog);
        BuiltIn applicationHost = loadApplicationHost(catalog, builtIn);
        Map<String, WebConfigFile> files = new TreeMap<>();
        List<ConfigWarning> warnings = new ArrayList<>();
        for (BuiltIn part : builtIn) {
            warnings.addAll(part.file().warnings());
        }
        SectionDeclarations machine = builtIn.get(builtIn.size() - 1).file().declarations();
        for (Map.Entry<String, Path> e : findConfigFiles(root, problems).entrySet()) {
            // A file with problems still takes part in the checks below, so one pass reports everything. Folders come
            // parents first, so the declarations a file inherits are known when it is read.
            SectionDeclarations inherited = inheritedDeclarations(files, e.getKey(), machine);
            WebConfigFile f = WebConfigParser.parse(e.getValue(), root, catalog, inherited, problems);
            if (f != null) {
                files.put(e.getKey(), f);
                warnings.addAll(f.warnings());
            }
        }
        Map<String, List<LocationRef>> locations = new HashMap<>();
        for (Map.Entry<String, WebConfigFile> e : files.entrySet()) {
            for (LocationBlock block : e.getValue().locations()) {
                String target = targetOf(e.getKey(), block.path());
                locations.computeIfAbsent(target, k -> new ArrayList<>()).add(new LocationRef(block, e.getValue()));
            }
        }
        // Outermost defining file first: TreeMap order of folders puts parents before children.
        SiteConfiguration config =
                new SiteConfiguration(root, catalog, builtIn, applicationHost, files, locations, warnings);
        config.choosePipelineMode(override);
        config.checkLocks(problems);
        config.checkScopes(problems);
        config.collectDeclared();
        config.checkSections(types, problems);
        config.checkModeConsistency(problems);
        if (!problems.isEmpty()) {
            problems.sort(FILE_ORDER);
            throw new ConfigurationException(problems, bySection(warnings));
        }
        return config;
    }

    /** The declarations of the nearest folder above {@code folder} that has a web.config, else the machine's. */
    private static SectionDeclarations inheritedDeclarations(
            Map<String, WebConfigFile> files, String folder, SectionDeclarations machine) {
        String dir = folder;
        while (dir.length() > 1) {
            dir = dir.substring(0, dir.lastIndexOf('/', dir.length() - 2) + 1);
            WebConfigFile parent = files.get(dir);
            if (parent != null) {
                return parent.declarations();
            }
        }
        return machine;
    }

    /**
     * The sections the built-in root configuration declares (.NET's machine-level names, and those of features'
     * parts).
     */
    public static SectionDeclarations builtInDeclarations(FeatureCatalog catalog) {
        List<BuiltIn> parts = loadBuiltIn(catalog);
        return parts.get(parts.size() - 1).file().declarations();
    }

    private static List<BuiltIn> loadBuiltIn(FeatureCatalog catalog) {
        List<BuiltIn> parts = new ArrayList<>();
        SectionDeclarations declarations = SectionDeclarations.NONE;
        for (RootPart part : catalog.roots()) {
            String name = part.name().equals(FeatureCatalog.CORE) ? Source.ROOT : part.name() + " root web.config";
            try (InputStream in = part.document().openStream()) {
                WebConfigFile parsed = WebConfigParser.parseBuiltIn(in, name, catalog, declarations);
                declarations = parsed.declarations();
                parts.add(new BuiltIn(name, parsed));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the built-in configuration " + part.document(), e);
            }
        }
        return parts;
    }

    private static BuiltIn loadApplicationHost(FeatureCatalog catalog, List<BuiltIn> builtIn) {
        SectionDeclarations declarations =
                builtIn.get(builtIn.size() - 1).file().declarations();
        URL url = Objects.requireNonNull(
                SiteConfiguration.class.getResource(APPLICATION_HOST_RESOURCE),
                "the built-in " + APPLICATION_HOST_RESOURCE + " is missing from the jar");
        try (InputStream in = url.openStream()) {
            return new BuiltIn(
                    APPLICATION_HOST_NAME,
                    WebConfigParser.parseBuiltIn(in, APPLICATION_HOST_NAME, catalog, declarations));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the built-in configuration " + url, e);
        }
    }

    /** The mode: the host's override, else the site's {@code <conduit pipelineMode>}, else classic. */
    private void choosePipelineMode(@Nullable PipelineMode override) {
        if (override != null) {
            mode = override;
            modeOrigin = "--pipeline-mode";
            return;
        }
        List<ConfigElement> occurrences = new ArrayList<>();
        for (Level level : levelsFor("/")) { // the mode is still classic: no applicationHost level yet
            ConfigElement e = level.body().sections().get(PipelineSettings.SECTION.path());
            if (e != null) {
                occurrences.add(e);
            }
        }
        PipelineSettings.Choice choice = PipelineSettings.SECTION.merge(occurrences);
        mode = choice.mode();
        if (choice.source() != null) {
            modeOrigin = choice.source().toString();
        }
    }

    /**
     * IIS's rule between the modes: in integrated mode, {@code <httpModules>} or {@code <httpHandlers>} entries in a
     * site's web.config are an error (IIS's 500.22 and 500.23) unless {@code <validation
     * validateIntegratedModeConfiguration="false"/>}, and then a warning that they are not read; in classic mode the
     * {@code <system.webServer>} handlers and modules a site adds are said to be read in integrated mode only.
     */
    private void checkModeConsistency(List<Problem> problems) {
        boolean integrated = mode == PipelineMode.INTEGRATED;
        if (integrated) {
            checkStaticFilesUnprotected();
        }
        for (Map.Entry<String, WebConfigFile> e : files.entrySet()) {
            // Each level with the validation switch in force where it applies (MVC's Views/web.config sets it).
            List<Map.Entry<ConfigBody, String>> bodies = new ArrayList<>();
            bodies.add(Map.entry(e.getValue().body(), e.getKey()));
            for (LocationBlock b : e.getValue().locations()) {
                bodies.add(Map.entry(b.body(), targetOf(e.getKey(), b.path())));
            }
            for (Map.Entry<ConfigBody, String> level : bodies) {
                ConfigBody body = level.getKey();
                boolean validate = integrated && forPath(level.getValue()).get(PipelineSettings.VALIDATION);
                if (integrated) {
                    classicEntries(
                            body,
                            "system.web/httpModules",
                            "500.22",
                            "<system.webServer><modules>",
                            validate,
                            problems);
                    classicEntries(
                            body,
                            "system.web/httpHandlers",
                            "500.23",
                            "<system.webServer><handlers>",
                            validate,
                            problems);
                } else {
                    integratedEntries(body, IntegratedHandlersSection.SECTION.path());
                    integratedEntries(body, IntegratedModulesSection.SECTION.path());
                }
            }
        }
    }

    /**
     * Integrated mode's trap (spec §2.7): the stock UrlAuthorization module has {@code preCondition="managedHandler"},
     * so {@code <authorization>} rules do not protect what a native handler (StaticFile) serves. Said once per
     * {@code <authorization>} with a deny rule, when the modules and handlers in force make it so.
     */
    private void checkStaticFilesUnprotected() {
        boolean authorizationManagedOnly = false;
        for (ModuleEntry m : modules()) {
            if (m.managedHandlerOnly() && m.type().contains("UrlAuthorizationModule")) {
                authorizationManagedOnly = true;
            }
        }
        if (!authorizationManagedOnly) {
            return;
        }
        for (WebConfigFile f : files.values()) {
            List<ConfigBody> bodies = new ArrayList<>();
            bodies.add(f.body());
            for (LocationBlock b : f.locations()) {
                bodies.add(b.body());
            }
            for (ConfigBody body : bodies) {
                ConfigElement rules = body.sections().get("system.web/authorization");
                if (rules == null || rules.children("deny").isEmpty() || !servesNatively()) {
                    continue;
                }
                warnings.add(new ConfigWarning(
                        "<system.web><authorization>",
                        rules.where() + ": warning: these <authorization> rules do not protect static files in"
                                + " integrated mode: the UrlAuthorization module has preCondition=\"managedHandler\""
                                + " and static files are served by a native handler (StaticFile); set <modules"
                                + " runAllManagedModulesForAllRequests=\"true\">, or <remove"
                                + " name=\"UrlAuthorization\"/> and add it again without the precondition"));
            }
        }
    }

    /** Whether the site root's handler list has a native (unmanaged) entry, such as the stock StaticFile. */
    private boolean servesNatively() {
        for (var m : forPath("/").handlers().entries()) {
            if (!m.managed()) {
                return true;
            }
        }
        return false;
    }

    private void classicEntries(
            ConfigBody body,
            String path,
            String iisStatus,
            String counterpart,
            boolean validate,
            List<Problem> problems) {
        ConfigElement e = body.sections().get(path);
        if (e == null || e.children("add").isEmpty()) {
            return;
        }
        String name = "<system.web><" + e.name() + ">";
        if (validate) {
            problems.add(e.problem(name + " has entries, which integrated mode does not read (IIS refuses this with "
                    + iisStatus + "): move them to " + counterpart + ", or set <system.webServer><validation"
                    + " validateIntegratedModeConfiguration=\"false\"/> to keep both"));
        } else {
            warnings.add(new ConfigWarning(
                    name,
                    e.where() + ": warning: " + name + " is not read in integrated mode" + " (" + counterpart
                            + " is)"));
        }
    }

    private void integratedEntries(ConfigBody body, String path) {
        ConfigElement e = body.sections().get(path);
        if (e == null || e.children().isEmpty()) {
            return;
        }
        String name = "<system.webServer><" + e.name() + ">";
        warnings.add(new ConfigWarning(
                name,
                e.where() + ": warning: " + name + " is read in integrated mode only"
                        + " (<conduit pipelineMode=\"Integrated\"/> or --pipeline-mode Integrated); the site runs in classic"
                        + " mode"));
    }

    /** Core's own part of the built-in root configuration, a resource of this jar. */
    public static URL coreRootConfiguration() {
        return Objects.requireNonNull(
                SiteConfiguration.class.getResource(ROOT_RESOURCE),
                "the built-in " + ROOT_RESOURCE + " is missing from the jar");
    }

    /** Every web.config under root, by folder virtual path (lower case, ending in '/'). */
    private static Map<String, Path> findConfigFiles(Path root, List<Problem> problems) {
        Map<String, Path> found = new TreeMap<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    String name =
                            dir.getFileName() == null ? "" : dir.getFileName().toString();
                    return !dir.equals(root) && name.startsWith(".")
                            ? FileVisitResult.SKIP_SUBTREE
                            : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && file.getFileName().toString().equalsIgnoreCase(FILE_NAME)) {
                        String folder = virtualFolder(root, file.getParent());
                        Path other = found.putIfAbsent(folder, file);
                        if (other != null) {
                            problems.add(new Problem(file, 0, "", "two configuration files in one folder: " + other));
                        }
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            problems.add(new Problem(root, 0, "", "cannot read the site folder: " + e.getMessage()));
        }
        return found;
    }

    private static String virtualFolder(Path root, Path dir) {
        String rel = root.relativize(dir).toString().replace('\\', '/');
        return (rel.isEmpty() ? "/" : "/" + rel + "/").toLowerCase(Locale.ROOT);
    }

    private static String targetOf(String folder, String locationPath) {
        String p = locationPath.equals(".") ? "" : locationPath;
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        String t = folder + p.toLowerCase(Locale.ROOT);
        return t.length() > 1 && t.endsWith("/") ? t.substring(0, t.length() - 1) : t;
    }

    /**
     * Tells whether any level of the site (the built-in configuration, a web.config, a {@code <location>}) declares
     * {@code section}; a feature whose section appears nowhere can skip its per-request work.
     */
    public boolean declares(Section<?> section) {
        return declared.contains(section.path());
    }

    private void collectDeclared() {
        for (ConfigBody body : bodies()) {
            declared.addAll(body.sections().keySet());
        }
    }

    /**
     * Every level's body: the built-in parts (applicationHost first, in integrated mode), then each file and its
     * locations, parents before children.
     */
    private List<ConfigBody> bodies() {
        List<ConfigBody> all = new ArrayList<>();
        if (mode == PipelineMode.INTEGRATED) {
            all.add(applicationHost.file().body());
        }
        for (BuiltIn part : builtIn) {
            all.add(part.file().body());
        }
        for (WebConfigFile f : files.values()) {
            all.add(f.body());
            for (LocationBlock b : f.locations()) {
                all.add(b.body());
            }
        }
        return all;
    }

    /**
     * Reports sections declared below the application level (a sub-folder's web.config, or a {@code <location>} aimed
     * at anything but the root) whose scope does not allow it: an error for {@link Section.Scope#APPLICATION}, as
     * System.Web does for {@code allowDefinition="MachineToApplication"}; a warning for {@link
     * Section.Scope#APPLICATION_ELSEWHERE_IGNORED}.
     */
    private void checkScopes(List<Problem> problems) {
        for (Map.Entry<String, WebConfigFile> e : files.entrySet()) {
            SectionDeclarations declarations = e.getValue().declarations();
            boolean root = e.getKey().equals("/");
            if (!root) {
                checkScopes(e.getValue().body(), "in a sub-folder's web.config", problems);
            }
            checkDefinitions(e.getValue().body(), declarations, root, "in a sub-folder's web.config", problems);
            for (LocationBlock b : e.getValue().locations()) {
                boolean atRoot = targetOf(e.getKey(), b.path()).equals("/");
                String where = "inside <location path=\"" + b.path() + "\">";
                if (!atRoot) {
                    checkScopes(b.body(), where, problems);
                }
                checkDefinitions(b.body(), declarations, atRoot, where, problems);
            }
        }
    }

    /** The {@code allowDefinition} of sections declared in {@code <configSections>}, as System.Configuration. */
    private void checkDefinitions(
            ConfigBody body,
            SectionDeclarations declarations,
            boolean applicationLevel,
            String where,
            List<Problem> problems) {
        for (Map.Entry<String, ConfigElement> e : body.sections().entrySet()) {
            if (catalog.section(e.getKey()) != null) {
                continue;
            }
            SectionDeclarations.Declaration d = declarations.get(e.getKey());
            if (d == null) {
                continue;
            }
            String name = "<" + e.getValue().name() + ">";
            switch (d.definition()) {
                case EVERYWHERE -> {}
                case MACHINE_ONLY, MACHINE_TO_WEB_ROOT ->
                    problems.add(e.getValue()
                            .problem(name + " can only be set at the machine level (its declaration"
                                    + " at " + d.source() + " says allowDefinition=\""
                                    + (d.definition() == SectionDeclarations.Definition.MACHINE_ONLY
                                            ? "MachineOnly"
                                            : "MachineToWebRoot")
                                    + "\"), not in a site's web.config"));
                case MACHINE_TO_APPLICATION -> {
                    if (!applicationLevel) {
                        problems.add(e.getValue()
                                .problem(name + " applies to the whole application (its declaration at "
                                        + d.source()
                                        + " says allowDefinition=\"MachineToApplication\") and cannot be set "
                                        + where + "; set it in the site root's web.config"));
                    }
                }
            }
        }
    }

    private void checkScopes(ConfigBody body, String where, List<Problem> problems) {
        for (ConfigElement occurrence : body.sections().values()) {
            Section<?> section = catalog.section(sectionPath(body, occurrence));
            if (section == null) {
                continue;
            }
            String name = "<" + section.name() + ">";
            switch (section.scope()) {
                case EVERYWHERE -> {}
                case APPLICATION ->
                    problems.add(occurrence.problem(name + " applies to the whole application and cannot be set "
                            + where + "; set it in the site root's web.config"));
                case APPLICATION_ELSEWHERE_IGNORED ->
                    warnings.add(new ConfigWarning(
                            section.toString(),
                            occurrence.source() + ": warning: " + name + " has no effect below the site root (" + where
                                    + "): it is read at the application level only"));
            }
        }
    }

    private static String sectionPath(ConfigBody body, ConfigElement occurrence) {
        for (Map.Entry<String, ConfigElement> e : body.sections().entrySet()) {
            if (e.getValue() == occurrence) {
                return e.getKey();
            }
        }
        throw new IllegalStateException("not a section of this level: " + occurrence.name());
    }

    /** Runs every registered section's site-wide check. */
    private void checkSections(TypeChecker types, List<Problem> problems) {
        Map<String, @Nullable String> verdicts = new HashMap<>();
        TypeChecker memo = (type, anyOf) ->
                verdicts.computeIfAbsent(type + " " + Arrays.toString(anyOf), k -> types.check(type, anyOf));
        FolderConfig application = forPath("/");
        List<ConfigBody> bodies = bodies();
        for (Section<?> section : catalog.sections()) {
            List<ConfigElement> occurrences = new ArrayList<>();
            for (ConfigBody body : bodies) {
                ConfigElement e = body.sections().get(section.path());
                if (e != null) {
                    occurrences.add(e);
                }
            }
            List<ConfigElement> applicationLevels = application.levels(section);
            section.checkSite(
                    new Section.SiteView() {
                        @Override
                        public List<List<ConfigElement>> levelChains() {
                            return SiteConfiguration.this.levelChains(section);
                        }

                        @Override
                        public PipelineMode pipelineMode() {
                            return mode;
                        }

                        @Override
                        public List<ConfigElement> occurrences() {
                            return occurrences;
                        }

                        @Override
                        public List<ConfigElement> applicationLevels() {
                            return applicationLevels;
                        }

                        @Override
                        public TypeChecker types() {
                            return memo;
                        }
                    },
                    problems);
        }
    }

    /** The levels of {@code section} for every configuration-bearing path, outermost first. */
    private List<List<ConfigElement>> levelChains(Section<?> section) {
        Set<String> keys = new java.util.TreeSet<>(files.keySet());
        keys.add("/");
        keys.addAll(locations.keySet());
        List<List<ConfigElement>> chains = new ArrayList<>();
        for (String target : keys) {
            String key = target.endsWith("/") || Files.isDirectory(siteRoot.resolve(target.substring(1)))
                    ? withSlash(target)
                    : target;
            List<ConfigElement> chain = new ArrayList<>();
            for (Level level : levelsFor(key)) {
                ConfigElement e = level.body().sections().get(section.path());
                if (e != null) {
                    chain.add(e);
                }
            }
            chains.add(chain);
        }
        return chains;
    }

    /** The site's root folder. */
    public Path siteRoot() {
        return siteRoot;
    }

    /** The features whose sections this configuration was read with. */
    public FeatureCatalog catalog() {
        return catalog;
    }

    /** Warnings of every file: valid configuration that has no effect. */
    public List<String> warnings() {
        return warnings.stream().map(ConfigWarning::text).toList();
    }

    /**
     * The warnings grouped by the section they are about ({@code <system.web><compilation>}), sections in the order
     * of their first warning.
     */
    public Map<String, List<String>> warningsBySection() {
        return bySection(warnings);
    }

    static Map<String, List<String>> bySection(List<ConfigWarning> warnings) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (ConfigWarning w : warnings) {
            out.computeIfAbsent(w.section(), k -> new ArrayList<>()).add(w.text());
        }
        return out;
    }

    /**
     * The files the configuration was read from besides the web.config files ({@code configSource}, {@code
     * <appSettings file>}): a change to one is a change to the configuration.
     */
    public List<Path> externalFiles() {
        List<Path> all = new ArrayList<>();
        for (WebConfigFile f : files.values()) {
            all.addAll(f.externalFiles());
        }
        return all;
    }

    /** The web.config files found, by folder virtual path. */
    public Map<String, Path> configFiles() {
        Map<String, Path> m = new LinkedHashMap<>();
        files.forEach((k, v) -> m.put(k, v.file()));
        return m;
    }

    /**
     * The effective configuration for {@code filePath}, an app-absolute path such as {@code /dir/page.ashx} (a path
     * ending in {@code /} stands for the folder itself).
     */
    public FolderConfig forPath(String filePath) {
        FolderConfig only = rootConfig;
        if (only != null) {
            return only; // every path has the root's configuration: no key to make, no map to look in
        }
        String key = configKey(filePath);
        FolderConfig c = cache.get(key);
        if (c == null) {
            c = cache.computeIfAbsent(key, k -> compute(k));
            if (rootOnly) {
                rootConfig = c;
            }
        }
        return c;
    }

    private FolderConfig compute(String key) {
        List<Level> levels = levelsFor(key);
        List<ConfigBody> bodies = new ArrayList<>(levels.size());
        List<Source> sources = new ArrayList<>(levels.size());
        for (Level level : levels) {
            bodies.add(level.body());
            sources.add(level.source());
        }
        FolderConfig application = key.equals("/") ? null : forPath("/");
        return new FolderConfig(bodies, sources, application, mode);
    }

    /** The deepest configuration-bearing path that governs {@code filePath}, lower case. */
    private String configKey(String filePath) {
        if (rootOnly) {
            return "/"; // no sub-folder web.config and no <location>: every path has the root's configuration
        }
        String lower = filePath.toLowerCase(Locale.ROOT);
        if (!lower.endsWith("/") && locations.containsKey(lower)) {
            return lower;
        }
        String dir = lower.substring(0, lower.lastIndexOf('/') + 1);
        while (dir.length() > 1) {
            if (files.containsKey(dir) || locations.containsKey(dir.substring(0, dir.length() - 1))) {
                return dir;
            }
            dir = dir.substring(0, dir.lastIndexOf('/', dir.length() - 2) + 1);
        }
        return "/";
    }

    /** The levels for a configuration key (a folder ending in '/' or a file), outermost first. */
    private List<Level> levelsFor(String key) {
        List<Level> levels = new ArrayList<>();
        if (mode == PipelineMode.INTEGRATED) {
            levels.add(
                    new Level(applicationHost.file().body(), new Source(null, 1, applicationHost.name()), null, null));
        }
        for (BuiltIn part : builtIn) {
            levels.add(new Level(part.file().body(), new Source(null, 1, part.name()), null, null));
        }
        String folderPath = key.endsWith("/") ? key : key.substring(0, key.lastIndexOf('/') + 1);
        int from = 0;
        while (true) {
            int next = folderPath.indexOf('/', from);
            if (next < 0) {
                break;
            }
            String folder = folderPath.substring(0, next + 1);
            String target = folder.length() == 1 ? "/" : folder.substring(0, folder.length() - 1);
            addLocations(levels, target);
            WebConfigFile f = files.get(folder);
            if (f != null) {
                levels.add(new Level(f.body(), new Source(f.file(), 1), f.file(), null));
            }
            from = next + 1;
        }
        if (!key.endsWith("/")) {
            addLocations(levels, key);
        }
        return levels;
    }

    private void addLocations(List<Level> levels, String target) {
        for (LocationRef ref : locations.getOrDefault(target, List.of())) {
            LocationBlock b = ref.block();
            levels.add(new Level(b.body(), b.source(), ref.file().file(), b.allowOverride() ? null : b));
        }
    }

    /** Reports sections that a later level declares although an allowOverride="false" location locked them. */
    private void checkLocks(List<Problem> problems) {
        List<String> keys = new ArrayList<>(files.keySet());
        keys.addAll(locations.keySet());
        Set<String> reported = new HashSet<>();
        for (String target : keys) {
            String key = target.endsWith("/") || Files.isDirectory(siteRoot.resolve(target.substring(1)))
                    ? withSlash(target)
                    : target;
            Map<String, Level> locks = new HashMap<>();
            for (Level level : levelsFor(key)) {
                for (Map.Entry<String, ConfigElement> section :
                        level.body().sections().entrySet()) {
                    Level lock = locks.get(section.getKey());
                    if (lock != null && !Objects.equals(lock.file(), level.file())) {
                        ConfigElement at = section.getValue();
                        if (reported.add(at.source() + section.getKey())) {
                            problems.add(at.problem("<" + at.name() + "> cannot be overridden here: it is locked by"
                                    + " <location allowOverride=\"false\"> at " + lock.source()));
                        }
                    }
                }
                if (level.lockedBy() != null) {
                    for (String section : level.body().sections().keySet()) {
                        locks.putIfAbsent(section, level);
                    }
                }
            }
        }
    }

    private static String withSlash(String p) {
        return p.endsWith("/") ? p : p + "/";
    }
}
