package dev.conduit.internal.config;

import dev.conduit.ConfigurationException;
import dev.conduit.ConfigurationException.Problem;
import dev.conduit.internal.config.WebConfigFile.LocationBlock;
import dev.conduit.internal.mapping.MappingTable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Every web.config of one site, loaded and checked at start, and the effective configuration of any path.
 *
 * <p><b>Levels.</b> The effective configuration of a file is the merge of, outermost first: the built-in root
 * configuration; then for each folder from the site root down to the file's folder, the {@code <location>} blocks
 * (from that folder's ancestors or itself) that target the folder, then the folder's own web.config; finally the
 * {@code <location>} blocks that target the file itself. So a {@code <location>} applies just before the folder file
 * it targets and that file wins, as in System.Web (spec §2.6), unless the block says {@code allowOverride="false"}:
 * then any later level from another file that declares the same section is a configuration error.
 *
 * <p><b>Cost.</b> Effective configurations are computed once per configuration-bearing folder (one with a
 * web.config or targeted by a location) and cached; a request path resolves to its nearest such folder, so the
 * cache stays as small as the site's configuration, whatever paths clients ask for.
 */
public final class SiteConfiguration {
    private static final String ROOT_RESOURCE = "root.web.config";

    /** The file name, compared ignoring case: ASP.NET sites often spell it Web.config. */
    public static final String FILE_NAME = "web.config";

    /** Problems in file order: the built-in file, then each folder's file before those of its sub-folders; by line. */
    private static final Comparator<Problem> FILE_ORDER = Comparator.comparing((Problem p) ->
                    p.file() == null ? "" : String.valueOf(p.file().getParent()))
            .thenComparing(p -> String.valueOf(p.file()))
            .thenComparingInt(Problem::line);

    private final Path siteRoot;
    private final WebConfigFile builtIn;
    /** Folder virtual path, lower case, ending in '/', to its web.config. */
    private final Map<String, WebConfigFile> files;
    /** Target virtual path, lower case, without a trailing '/', to the locations aimed at it, outermost first. */
    private final Map<String, List<LocationRef>> locations;
    /** Whether the root's is the only configuration level of the site (the lookup is then a constant). */
    private final boolean rootOnly;

    private final List<String> warnings;
    private final java.util.Set<String> declared = new java.util.HashSet<>();
    private List<ModuleEntry> modules = List.of();
    private final Map<String, FolderConfig> cache = new ConcurrentHashMap<>();

    private record LocationRef(LocationBlock block, WebConfigFile file) {}

    /** One contributing level: its settings and where they came from. */
    private record Level(ConfigBody body, Source source, @Nullable Path file, @Nullable LocationBlock lockedBy) {}

    private SiteConfiguration(
            Path siteRoot,
            WebConfigFile builtIn,
            Map<String, WebConfigFile> files,
            Map<String, List<LocationRef>> locations,
            List<String> warnings) {
        this.siteRoot = siteRoot;
        this.builtIn = builtIn;
        this.files = files;
        this.locations = locations;
        this.rootOnly = locations.isEmpty() && (files.isEmpty() || files.size() == 1 && files.containsKey("/"));
        this.warnings = new ArrayList<>(warnings);
    }

    /**
     * One module of the application.
     *
     * @param name the name it is registered under (unique, ignoring case)
     * @param type the class, as written
     */
    public record ModuleEntry(String name, String type, Source source) {}

    /** The application's modules, in order: the built-in ones, then the site root's (spec §5.2). */
    public List<ModuleEntry> modules() {
        return modules;
    }

    /**
     * Merges {@code <httpModules>} as System.Web's AddRemoveClearMap: inherited entries first, local ones appended;
     * adding a name again with another type, or removing a name that is not there, is an error. Only the built-in
     * configuration and the site root's web.config count: a sub-folder's {@code <httpModules>} is reported and has no
     * effect.
     */
    private static List<ModuleEntry> mergeModules(
            WebConfigFile builtIn,
            Map<String, WebConfigFile> files,
            Function<String, @Nullable String> moduleChecker,
            List<Problem> problems,
            List<String> warnings) {
        LinkedHashMap<String, ModuleEntry> merged = new LinkedHashMap<>();
        List<List<KeyedAction>> levels = new ArrayList<>();
        levels.add(builtIn.body().modules());
        WebConfigFile root = files.get("/");
        if (root != null) {
            levels.add(root.body().modules());
        }
        for (Map.Entry<String, WebConfigFile> e : files.entrySet()) {
            WebConfigFile f = e.getValue();
            boolean subFolder = !e.getKey().equals("/");
            Source declared = f.body().sections().get("httpModules");
            if (subFolder && declared != null) {
                warnings.add(declared + ": warning: <httpModules> has no effect below the site root; modules are"
                        + " application-wide");
            }
            for (LocationBlock b : f.locations()) {
                Source at = b.body().sections().get("httpModules");
                if (at != null) {
                    warnings.add(at + ": warning: <httpModules> inside <location> has no effect; modules are"
                            + " application-wide");
                }
            }
        }
        for (List<KeyedAction> level : levels) {
            for (KeyedAction a : level) {
                String key = a.key().toLowerCase(Locale.ROOT);
                Source src = a.source();
                switch (a.kind()) {
                    case CLEAR -> merged.clear();
                    case REMOVE -> {
                        if (key.equals("defaultauthentication")) {
                            problems.add(new Problem(
                                    src.file(),
                                    src.line(),
                                    "remove",
                                    "DefaultAuthentication is always present and cannot be removed"));
                        } else if (merged.remove(key) == null) {
                            problems.add(new Problem(
                                    src.file(),
                                    src.line(),
                                    "remove",
                                    "there is no module named '" + a.key() + "' to remove"));
                        }
                    }
                    case ADD -> {
                        ModuleEntry existing = merged.get(key);
                        String type = a.value() == null ? "" : a.value();
                        if (key.equals("defaultauthentication")) {
                            problems.add(new Problem(
                                    src.file(),
                                    src.line(),
                                    "add",
                                    "DefaultAuthentication is always present and cannot be added"));
                        } else if (existing != null && !existing.type().equals(type)) {
                            problems.add(new Problem(
                                    src.file(),
                                    src.line(),
                                    "add",
                                    "the module '" + a.key() + "' has already been added (at " + existing.source()
                                            + "); <remove> it first to replace it"));
                        } else if (existing == null) {
                            String verdict = moduleChecker.apply(type);
                            if (verdict != null) {
                                problems.add(new Problem(src.file(), src.line(), "add", verdict));
                            }
                            merged.put(key, new ModuleEntry(a.key(), type, src));
                        }
                    }
                }
            }
        }
        return List.copyOf(merged.values());
    }

    /**
     * Loads and checks every web.config under {@code siteRoot}.
     *
     * @param typeChecker for each {@code <add validate="true">}: returns {@code null} when the type is a handler or
     *     factory, or a message saying why it is not
     * @throws ConfigurationException listing every problem of every file
     */
    public static SiteConfiguration load(Path siteRoot, Function<String, @Nullable String> typeChecker) {
        return load(siteRoot, typeChecker, type -> null);
    }

    /**
     * Loads and checks every web.config under {@code siteRoot}, handler and module types included.
     *
     * @param typeChecker for each {@code <add validate="true">} of {@code <httpHandlers>}: {@code null} when the type
     *     is a handler or factory, or a message saying why it is not
     * @param moduleChecker for each module of the application: {@code null} when the type is a module, or why not
     * @throws ConfigurationException listing every problem of every file
     */
    public static SiteConfiguration load(
            Path siteRoot,
            Function<String, @Nullable String> typeChecker,
            Function<String, @Nullable String> moduleChecker) {
        return load(siteRoot, typeChecker, moduleChecker, (type, required) -> null);
    }

    /**
     * Loads and checks every web.config under {@code siteRoot}: handler, module and provider types included.
     *
     * @param typeChecker for each {@code <add validate="true">} of {@code <httpHandlers>}: {@code null} when the type
     *     is a handler or factory, or a message saying why it is not
     * @param moduleChecker for each module of the application: {@code null} when the type is a module, or why not
     * @param providerTypes for the provider types of application-wide sections (such as {@code <sessionState>})
     * @throws ConfigurationException listing every problem of every file
     */
    public static SiteConfiguration load(
            Path siteRoot,
            Function<String, @Nullable String> typeChecker,
            Function<String, @Nullable String> moduleChecker,
            SectionReaders.TypeChecker providerTypes) {
        Path root = siteRoot.toAbsolutePath().normalize();
        List<Problem> problems = new ArrayList<>();
        WebConfigFile builtIn = loadBuiltIn();
        Map<String, WebConfigFile> files = new TreeMap<>();
        List<String> warnings = new ArrayList<>(builtIn.warnings());
        for (Map.Entry<String, Path> e : findConfigFiles(root, problems).entrySet()) {
            // A file with problems still takes part in the checks below, so one pass reports everything.
            WebConfigFile f = WebConfigParser.parse(e.getValue(), problems);
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
        SiteConfiguration config = new SiteConfiguration(root, builtIn, files, locations, warnings);
        config.checkTypes(typeChecker, problems);
        config.checkLocks(problems);
        config.checkApplicationOnly(problems);
        config.collectDeclared();
        config.modules = mergeModules(builtIn, files, moduleChecker, problems, config.warnings);
        config.checkApplicationLevel(providerTypes, problems);
        if (!problems.isEmpty()) {
            problems.sort(FILE_ORDER);
            throw new ConfigurationException(problems);
        }
        return config;
    }

    private static WebConfigFile loadBuiltIn() {
        try (InputStream in = SiteConfiguration.class.getResourceAsStream(ROOT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the built-in " + ROOT_RESOURCE + " is missing from the jar");
            }
            return WebConfigParser.parseBuiltIn(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
     * the section {@code name}; a feature whose section appears nowhere can skip its per-request work.
     */
    public boolean declares(String name) {
        return declared.contains(name);
    }

    private void collectDeclared() {
        declared.addAll(builtIn.body().sections().keySet());
        for (WebConfigFile f : files.values()) {
            declared.addAll(f.body().sections().keySet());
            for (LocationBlock b : f.locations()) {
                declared.addAll(b.body().sections().keySet());
            }
        }
    }

    /** Reports application-only sections ({@link SectionReaders#APPLICATION_ONLY}) declared below the site root. */
    private void checkApplicationOnly(List<Problem> problems) {
        for (Map.Entry<String, WebConfigFile> e : files.entrySet()) {
            boolean root = e.getKey().equals("/");
            if (!root) {
                reportApplicationOnly(e.getValue().body(), "in a sub-folder's web.config", problems);
            }
            for (LocationBlock b : e.getValue().locations()) {
                if (!targetOf(e.getKey(), b.path()).equals("/")) {
                    reportApplicationOnly(b.body(), "inside <location path=\"" + b.path() + "\">", problems);
                }
            }
        }
    }

    private static void reportApplicationOnly(ConfigBody body, String where, List<Problem> problems) {
        for (Map.Entry<String, Source> section : body.sections().entrySet()) {
            if (SectionReaders.APPLICATION_ONLY.contains(section.getKey())) {
                Source at = section.getValue();
                problems.add(new Problem(
                        at.file(),
                        at.line(),
                        section.getKey(),
                        "<" + section.getKey() + "> applies to the whole application and cannot be set " + where
                                + "; set it in the site root's web.config"));
            }
        }
    }

    /** The site's root folder. */
    public Path siteRoot() {
        return siteRoot;
    }

    /** Warnings of every file: valid configuration that has no effect. */
    public List<String> warnings() {
        return List.copyOf(warnings);
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
        String key = configKey(filePath);
        FolderConfig c = cache.get(key);
        if (c == null) {
            c = cache.computeIfAbsent(key, k -> compute(levelsFor(k)));
        }
        return c;
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
        levels.add(new Level(builtIn.body(), new Source(null, 1), null, null));
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

    private static FolderConfig compute(List<Level> levels) {
        List<List<HandlerAction>> handlerLevels = new ArrayList<>();
        RuntimeSettings runtime = RuntimeSettings.DEFAULTS;
        Map<String, String> appSettings = new LinkedHashMap<>();
        Map<String, FolderConfig.ConnectionString> connections = new LinkedHashMap<>();
        Map<String, String> docs = new LinkedHashMap<>();
        boolean docsEnabled = true;
        Map<String, String> mime = new LinkedHashMap<>(MimeTypes.BUILT_IN);
        Map<String, ConfigBody.Setting> clientCache = new HashMap<>();
        List<Source> sources = new ArrayList<>();
        List<RawElement> raw = new ArrayList<>();
        for (Level level : levels) {
            ConfigBody b = level.body();
            sources.add(level.source());
            handlerLevels.add(b.handlers());
            raw.addAll(b.raw());
            runtime = runtime.with(b.httpRuntime());
            apply(b.appSettings(), appSettings, a -> a.value());
            for (KeyedAction a : b.connectionStrings()) {
                switch (a.kind()) {
                    case CLEAR -> connections.clear();
                    case REMOVE -> connections.remove(a.key());
                    case ADD ->
                        connections.put(
                                a.key(),
                                new FolderConfig.ConnectionString(
                                        a.key(),
                                        a.value() == null ? "" : a.value(),
                                        a.extra() == null ? "" : a.extra()));
                }
            }
            docs = defaultDocuments(b.defaultDocuments(), docs);
            if (b.defaultDocumentEnabled() != null) {
                docsEnabled = Boolean.parseBoolean(b.defaultDocumentEnabled().value());
            }
            applyIgnoringCase(b.mimeMaps(), mime, a -> a.value());
            clientCache.putAll(b.clientCache());
        }
        StaticContentSettings statics =
                new StaticContentSettings(docsEnabled, List.copyOf(docs.values()), mime, cacheControl(clientCache));
        return new FolderConfig(
                MappingTable.merge(handlerLevels), runtime, appSettings, connections, statics, raw, sources);
    }

    private static void apply(
            List<KeyedAction> actions, Map<String, String> into, Function<KeyedAction, String> value) {
        for (KeyedAction a : actions) {
            switch (a.kind()) {
                case CLEAR -> into.clear();
                case REMOVE -> into.remove(a.key());
                case ADD -> into.put(a.key(), value.apply(a));
            }
        }
    }

    /** As {@link #apply}, with keys compared ignoring case (file names and extensions). */
    private static void applyIgnoringCase(
            List<KeyedAction> actions, Map<String, String> into, Function<KeyedAction, String> value) {
        for (KeyedAction a : actions) {
            String key = a.key().toLowerCase(Locale.ROOT);
            switch (a.kind()) {
                case CLEAR -> into.clear();
                case REMOVE -> into.remove(key);
                case ADD -> into.put(key, value.apply(a));
            }
        }
    }

    /**
     * One level's {@code <defaultDocument><files>} lines applied to the inherited list. IIS declares that collection
     * {@code mergeAppend="false"}: the names a level adds come before the inherited ones, in the order written (an
     * added name already inherited moves to the front). Names compare ignoring case.
     */
    private static Map<String, String> defaultDocuments(List<KeyedAction> actions, Map<String, String> inherited) {
        if (actions.isEmpty()) {
            return inherited;
        }
        Map<String, String> added = new LinkedHashMap<>();
        Map<String, String> kept = new LinkedHashMap<>(inherited);
        for (KeyedAction a : actions) {
            String key = a.key().toLowerCase(Locale.ROOT);
            switch (a.kind()) {
                case CLEAR -> {
                    added.clear();
                    kept.clear();
                }
                case REMOVE -> {
                    added.remove(key);
                    kept.remove(key);
                }
                case ADD -> {
                    kept.remove(key);
                    added.put(key, a.key());
                }
            }
        }
        added.putAll(kept);
        return added;
    }

    private static @Nullable String cacheControl(Map<String, ConfigBody.Setting> clientCache) {
        ConfigBody.Setting mode = clientCache.get("cacheControlMode");
        ConfigBody.Setting maxAge = clientCache.get("cacheControlMaxAge");
        ConfigBody.Setting custom = clientCache.get("cacheControlCustom");
        String m = mode == null ? "UseMaxAge" : mode.value();
        return switch (m) {
            case "NoControl" -> custom == null ? null : custom.value();
            case "DisableCache" -> "no-cache";
            default -> {
                Duration age = maxAge == null ? Duration.ofDays(1) : Durations.parseTimeSpan(maxAge.value());
                String base = "public, max-age=" + (age == null ? 86400 : age.toSeconds());
                yield custom == null ? base : base + ", " + custom.value();
            }
        };
    }

    private void checkTypes(Function<String, @Nullable String> typeChecker, List<Problem> problems) {
        Map<String, @Nullable String> verdicts = new HashMap<>();
        List<ConfigBody> bodies = new ArrayList<>();
        List<WebConfigFile> all = new ArrayList<>(files.values());
        all.add(0, builtIn);
        for (WebConfigFile f : all) {
            bodies.add(f.body());
            for (LocationBlock b : f.locations()) {
                bodies.add(b.body());
            }
        }
        for (ConfigBody body : bodies) {
            for (HandlerAction action : body.handlers()) {
                if (action instanceof HandlerAction.Add add && add.validate()) {
                    String verdict = verdicts.computeIfAbsent(add.type(), typeChecker);
                    if (verdict != null) {
                        problems.add(
                                new Problem(add.source().file(), add.source().line(), "add", verdict));
                    }
                }
            }
        }
    }

    /**
     * Reports application-wide sections ({@link SectionReaders#APPLICATION_LEVEL}) declared below the site root, in a
     * sub-folder's web.config or a {@code <location>} aimed at anything but the root, as System.Web does for {@code
     * allowDefinition="MachineToApplication"} sections; then checks each such section's merged levels.
     */
    private void checkApplicationLevel(SectionReaders.TypeChecker providerTypes, List<Problem> problems) {
        for (Map.Entry<String, WebConfigFile> e : files.entrySet()) {
            WebConfigFile f = e.getValue();
            if (!e.getKey().equals("/")) {
                reportBelowRoot(f.body(), problems);
            }
            for (LocationBlock b : f.locations()) {
                if (!targetOf(e.getKey(), b.path()).equals("/")) {
                    reportBelowRoot(b.body(), problems);
                }
            }
        }
        FolderConfig application = forPath("/");
        SectionReaders.APPLICATION_LEVEL.forEach((name, check) -> {
            List<RawElement> levels = application.sections(name);
            if (!levels.isEmpty()) {
                check.check(levels, providerTypes, problems);
            }
        });
    }

    private static void reportBelowRoot(ConfigBody body, List<Problem> problems) {
        for (String name : SectionReaders.APPLICATION_LEVEL.keySet()) {
            Source at = body.sections().get(name);
            if (at != null) {
                problems.add(new Problem(
                        at.file(),
                        at.line(),
                        name,
                        "<" + name + "> is application-wide: set it in the site root's web.config, not in a"
                                + " sub-folder or a <location> below the root"));
            }
        }
    }

    /** Reports sections that a later level declares although an allowOverride="false" location locked them. */
    private void checkLocks(List<Problem> problems) {
        List<String> keys = new ArrayList<>(files.keySet());
        keys.addAll(locations.keySet());
        java.util.Set<String> reported = new java.util.HashSet<>();
        for (String target : keys) {
            String key = target.endsWith("/") || Files.isDirectory(siteRoot.resolve(target.substring(1)))
                    ? withSlash(target)
                    : target;
            Map<String, Level> locks = new HashMap<>();
            for (Level level : levelsFor(key)) {
                for (Map.Entry<String, Source> section : level.body().sections().entrySet()) {
                    Level lock = locks.get(section.getKey());
                    if (lock != null && !java.util.Objects.equals(lock.file(), level.file())) {
                        Source at = section.getValue();
                        String id = at + section.getKey();
                        if (reported.add(id)) {
                            problems.add(new Problem(
                                    at.file(),
                                    at.line(),
                                    section.getKey(),
                                    "<" + section.getKey() + "> cannot be overridden here: it is locked by"
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
