package dev.conduit.internal.diagnostics;

import dev.conduit.HttpException;
import dev.conduit.config.PipelineMode;
import dev.conduit.config.Source;
import dev.conduit.internal.config.FolderConfig;
import dev.conduit.internal.config.SiteConfiguration;
import dev.conduit.internal.mapping.AccessPolicy;
import dev.conduit.internal.mapping.HandlerMapping;
import dev.conduit.internal.mapping.ResourceProbe;
import dev.conduit.internal.mapping.ResourceType;
import dev.conduit.internal.pipeline.HandlerTypes;
import dev.conduit.internal.pipeline.RequestPaths;
import dev.conduit.internal.pipeline.RequestTarget;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Explains mapping for a loaded site: {@link #routes} lists a folder's effective handler entries in order with
 * where each came from; {@link #explain} walks one request through the same steps the runtime takes (path parsing,
 * hidden folders, path info, default document, the entry list) and says why each earlier entry did not match.
 */
public final class MappingDiagnostics {
    private final SiteConfiguration config;
    private final ClassLoader loader;

    /** Diagnostics for {@code config}, resolving types in {@code loader}. */
    public MappingDiagnostics(SiteConfiguration config, ClassLoader loader) {
        this.config = config;
        this.loader = loader;
    }

    /** The effective entries for {@code folder} (a virtual path such as {@code /} or {@code /images/}), as text. */
    public List<String> routes(String folder) {
        String f = folder.startsWith("/") ? folder : "/" + folder;
        if (!f.endsWith("/")) {
            f = f + "/";
        }
        FolderConfig fc = config.forPath(f);
        List<String> out = new ArrayList<>();
        boolean integrated = config.pipelineMode() == PipelineMode.INTEGRATED;
        out.add(modeLine());
        out.add("Handler mappings for " + f + " (" + (integrated ? "<system.webServer><handlers>" : "<httpHandlers>")
                + ", first match wins):");
        List<HandlerMapping> entries = fc.handlers().entries();
        int wName = 4;
        int wVerb = 4;
        int wPath = 4;
        for (HandlerMapping m : entries) {
            wName = Math.max(wName, m.name() == null ? 0 : m.name().length());
            wVerb = Math.max(wVerb, m.verb().text().length());
            wPath = Math.max(wPath, m.path().text().length());
        }
        String name = integrated ? "%-" + wName + "s  " : "%s";
        out.add(String.format(
                Locale.ROOT,
                "  %3s  " + name + "%-" + wVerb + "s  %-" + wPath + "s  %s",
                "#",
                integrated ? "name" : "",
                "verb",
                "path",
                "type  (from)"));
        int i = 1;
        for (HandlerMapping m : entries) {
            String extra =
                    m.resourceType() == ResourceType.UNSPECIFIED ? "" : "  [resourceType=" + m.resourceType() + "]";
            out.add(String.format(
                    Locale.ROOT,
                    "  %3d  " + name + "%-" + wVerb + "s  %-" + wPath + "s  %s%s  (%s)",
                    i++,
                    integrated ? m.name() : "",
                    m.verb().text(),
                    m.path().text(),
                    m.type(),
                    extra,
                    m.source()));
        }
        if (integrated) {
            out.add("Access policy: " + fc.handlers().accessPolicy());
        }
        out.add("Configuration levels, outermost first:");
        for (Source s : fc.levels()) {
            out.add("  " + (s.file() == null ? "<" + s.builtIn() + ">" : s.toString()));
        }
        return out;
    }

    /** Walks {@code verb} {@code target} through mapping and tells what answers it, and why. */
    public List<String> explain(String verb, String target) {
        List<String> out = new ArrayList<>();
        out.add(verb + " " + target);
        out.add("  " + modeLine());
        RequestTarget parsed;
        try {
            parsed = RequestTarget.parse(target.startsWith("/") ? target : "/" + target);
        } catch (HttpException e) {
            out.add("  => " + e.statusCode() + ": " + e.getMessage() + " The request never reaches handler mapping.");
            return out;
        }
        String path = parsed.path();
        Path root = config.siteRoot();
        if (RequestPaths.hasHiddenSegment(path)) {
            out.add("  path " + path + " names a protected folder (" + String.join(", ", hiddenNames()) + ").");
            out.add("  => 404: protected folders are never served, at any depth.");
            return out;
        }
        int split = RequestPaths.splitPoint(root, path);
        String filePath = split > 0 ? path.substring(0, split) : path;
        String pathInfo = split > 0 ? path.substring(split) : "";
        out.add("  file path: " + filePath + (pathInfo.isEmpty() ? "" : "   path info: " + pathInfo));
        if (filePath.endsWith("/") && pathInfo.isEmpty()) {
            String doc = defaultDocument(filePath);
            if (doc != null) {
                out.add("  folder request: served its default document " + doc);
                filePath = filePath + doc;
            }
        }
        Path physical = filePath.length() <= 1 ? root : root.resolve(filePath.substring(1));
        out.add("  physical path: " + physical
                + (Files.isDirectory(physical)
                        ? " (a folder)"
                        : Files.isRegularFile(physical) ? " (exists)" : " (does not exist)"));
        FolderConfig fc = config.forPath(filePath);
        StringBuilder levels = new StringBuilder("  configuration: ");
        for (Source s : fc.levels()) {
            levels.append(s.file() == null ? s.builtIn() : s.toString()).append(" -> ");
        }
        out.add(levels.substring(0, levels.length() - 4));
        out.add("  entries tried, first match wins:");
        int builtInMisses = 0;
        int i = 0;
        ResourceProbe.Kind onDisk = Files.isDirectory(physical)
                ? ResourceProbe.Kind.DIRECTORY
                : Files.isRegularFile(physical) ? ResourceProbe.Kind.FILE : ResourceProbe.Kind.MISSING;
        for (HandlerMapping m : fc.handlers().entries()) {
            i++;
            boolean verbOk = m.verb().matches(verb);
            boolean pathOk = m.path().matches(filePath);
            boolean resourceOk = m.resourceType().admits(onDisk);
            if (verbOk && pathOk && resourceOk) {
                flushBuiltIn(out, builtInMisses);
                out.add(String.format(Locale.ROOT, "  %3d  %s  (%s)  MATCHES", i, m.describe(), m.source()));
                String denied = m.requireAccess() == AccessPolicy.Access.NONE
                        ? null
                        : fc.handlers().accessPolicy().denial(m.requireAccess(), true);
                out.add("  => " + (denied != null ? "403: " + denied : outcome(m, verb, filePath, physical)));
                return out;
            }
            if (m.source().file() == null) {
                builtInMisses++;
                continue;
            }
            flushBuiltIn(out, builtInMisses);
            builtInMisses = 0;
            String why = !pathOk
                    ? "path '" + filePath + "' does not match '" + m.path().text() + "'"
                    : !verbOk
                            ? "verb " + verb + " is not in '" + m.verb().text() + "' (verbs are case-sensitive)"
                            : "resourceType " + m.resourceType() + " needs " + needs(m.resourceType()) + " on disk";
            out.add(String.format(Locale.ROOT, "  %3d  %s  (%s)  no: %s", i, m.describe(), m.source(), why));
        }
        flushBuiltIn(out, builtInMisses);
        if (config.pipelineMode() == PipelineMode.INTEGRATED) {
            out.add("  => 404: no handler maps the request (IIS's 404.4; with the stock list: no such file).");
        } else {
            out.add("  => 500: No http handler was found for request type '" + verb + "' and path '" + filePath
                    + "' (a <clear/> without a catch-all entry after it?).");
        }
        return out;
    }

    private static String needs(ResourceType t) {
        return switch (t) {
            case FILE -> "a file";
            case DIRECTORY -> "a folder";
            default -> "a file or a folder";
        };
    }

    /** Which pipeline mode is in force, and what chose it. */
    private String modeLine() {
        return "Pipeline mode: " + config.pipelineMode() + " (" + config.pipelineModeOrigin() + ")";
    }

    private static void flushBuiltIn(List<String> out, int misses) {
        if (misses > 0) {
            out.add("       (" + misses + " built-in " + (misses == 1 ? "entry does" : "entries do") + " not match)");
        }
    }

    private @Nullable String defaultDocument(String folder) {
        var statics = config.forPath(folder).staticContent();
        if (!statics.defaultDocumentsEnabled()) {
            return null;
        }
        Path dir = folder.length() <= 1 ? config.siteRoot() : config.siteRoot().resolve(folder.substring(1));
        for (String doc : statics.defaultDocuments()) {
            if (Files.isRegularFile(dir.resolve(doc))) {
                return doc;
            }
        }
        return null;
    }

    private String outcome(HandlerMapping m, String verb, String filePath, Path physical) {
        String type = HandlerTypes.javaName(m.type());
        String problem = HandlerTypes.check(m.type(), loader);
        if (problem != null) {
            return "500: the entry's type cannot be used: " + problem;
        }
        String ext = filePath.contains(".") ? filePath.substring(filePath.lastIndexOf('.')) : "";
        return switch (type) {
            case "dev.conduit.handlers.ForbiddenHandler" -> "403: files of type '" + ext + "' are never served.";
            case "dev.conduit.handlers.NotFoundHandler" -> "404: this name is reserved and answers 404.";
            case "dev.conduit.handlers.NotImplementedHandler" ->
                "501: no feature of this server serves this kind of resource.";
            case "dev.conduit.handlers.MethodNotAllowedHandler" ->
                "405: no entry maps " + verb + " here; Allow: "
                        + String.join(
                                ", ",
                                HandlerTypes.allowedVerbs(
                                        config.forPath(filePath).handlers(), filePath, this::probe))
                        + ".";
            case "dev.conduit.internal.handlers.StaticFileHandler" -> staticOutcome(verb, filePath, physical);
            case "dev.conduit.internal.handlers.SimpleHandlerFactory" -> ashxOutcome(filePath, physical);
            default -> type + " handles the request" + (type.equals(m.type()) ? "." : " (" + m.type() + ").");
        };
    }

    private String ashxOutcome(String filePath, Path physical) {
        if (!Files.isRegularFile(physical)) {
            return "404: no such .ashx file.";
        }
        try {
            var directive = dev.conduit.feature.SimpleHandlerFile.parse(
                    filePath, Files.readString(physical, StandardCharsets.UTF_8), "WebHandler");
            String problem = HandlerTypes.check(directive.className(), loader);
            return problem == null
                    ? directive.className() + " (named by " + filePath + ") handles the request."
                    : "500: " + filePath + " names " + directive.className() + ", which cannot be used: " + problem;
        } catch (HttpException e) {
            return e.statusCode() + ": " + e.getMessage();
        } catch (IOException e) {
            return "500: " + filePath + " cannot be read: " + e.getMessage();
        }
    }

    private String staticOutcome(String verb, String filePath, Path physical) {
        if (!verb.equals("GET") && !verb.equals("HEAD")) {
            return "405: the static file handler serves GET and HEAD only.";
        }
        if (filePath.contains("/.")) {
            return "404: hidden files (names starting with '.') are never served.";
        }
        if (Files.isDirectory(physical)) {
            return filePath.endsWith("/") ? "403: a folder without a default document." : "302: to " + filePath + "/";
        }
        return Files.isRegularFile(physical) ? "200: the static file handler sends the file." : "404: no such file.";
    }

    private ResourceProbe.Kind probe(String filePath) {
        Path p = filePath.length() <= 1 ? config.siteRoot() : config.siteRoot().resolve(filePath.substring(1));
        return Files.isDirectory(p)
                ? ResourceProbe.Kind.DIRECTORY
                : Files.isRegularFile(p) ? ResourceProbe.Kind.FILE : ResourceProbe.Kind.MISSING;
    }

    private static List<String> hiddenNames() {
        return List.of("App_Code", "App_Data", "bin", "App_GlobalResources", "App_LocalResources", "WEB-INF", "...");
    }
}
