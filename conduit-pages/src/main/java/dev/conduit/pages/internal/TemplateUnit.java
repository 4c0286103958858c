package dev.conduit.pages.internal;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.JavacTask;
import dev.conduit.HttpException;
import dev.conduit.feature.CompilationException;
import dev.conduit.feature.FeatureSite;
import dev.conduit.feature.FileDependencies;
import dev.conduit.feature.SiteCompiler;
import dev.conduit.pages.internal.Markup.Directive;
import dev.conduit.pages.internal.Markup.Loc;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.tools.JavaCompiler;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.jspecify.annotations.Nullable;

/**
 * One compilation unit of templates: a page (or a user control or master page loaded on its own) with every file it
 * depends on (its master pages, the user controls it registers or references, their code files, its includes), parsed,
 * turned into Java and compiled together by the site's compiler, so a page's code can name its user controls' and
 * master's classes. The files' state at compilation is kept ({@link FileDependencies}) to tell when to compile again,
 * as System.Web's BuildManager does with a page's virtual dependencies.
 */
final class TemplateUnit {
    /** Files larger than this are refused: a page compiles to one class, and classes have size limits. */
    static final long MAX_FILE_BYTES = 1024 * 1024;

    private final FeatureSite site;
    private final PagesSettings pages;
    private final Map<String, TemplateFile> files = new LinkedHashMap<>();
    private final Set<Path> dependencies = new LinkedHashSet<>();
    private final List<String> warnings = new ArrayList<>();

    /** The result: the classes by virtual path, and the files they were built from. */
    record Compiled(Map<String, Class<?>> classes, FileDependencies dependencies, List<String> warnings) {}

    private TemplateUnit(FeatureSite site, PagesSettings pages) {
        this.site = site;
        this.pages = pages;
    }

    PagesSettings pages() {
        return pages;
    }

    List<String> imports() {
        List<String> out = new ArrayList<>();
        for (String ns : pages.namespaces()) {
            String last = ns.substring(ns.lastIndexOf('.') + 1);
            out.add(!last.isEmpty() && Character.isUpperCase(last.charAt(0)) ? ns : ns + ".*");
        }
        return out;
    }

    /**
     * Compiles the template at {@code virtualPath} and everything it depends on.
     *
     * @throws HttpException 404 when the file does not exist
     * @throws CompilationException when any file does not parse or compile, naming the file and line
     */
    static Compiled compile(FeatureSite site, PagesSettings pages, String virtualPath) {
        return new TemplateUnit(site, pages).run(virtualPath);
    }

    private Compiled run(String root) {
        Deque<String> todo = new ArrayDeque<>();
        todo.add(root);
        TagResolver resolver = new TagResolver(site.classLoader(), this);
        while (!todo.isEmpty()) {
            String path = todo.poll();
            if (files.containsKey(path.toLowerCase(Locale.ROOT))) {
                continue;
            }
            TemplateFile t = read(path, resolver, path.equals(root));
            files.put(path.toLowerCase(Locale.ROOT), t);
            todo.addAll(references(t));
        }
        List<SiteCompiler.Source> sources = new ArrayList<>();
        Map<String, String> classNames = new LinkedHashMap<>();
        for (TemplateFile t : files.values()) {
            sources.addAll(generate(t, resolver));
            classNames.put(t.virtualPath, TemplateGenerator.PACKAGE + "." + className(t.virtualPath));
            warnings.addAll(t.warnings);
        }
        ClassLoader loader = site.compiler().compile(sources);
        Map<String, Class<?>> classes = new LinkedHashMap<>();
        for (var e : classNames.entrySet()) {
            try {
                classes.put(e.getKey().toLowerCase(Locale.ROOT), Class.forName(e.getValue(), true, loader));
            } catch (ClassNotFoundException ex) {
                throw new IllegalStateException("compiled " + e.getKey() + " but found no class " + e.getValue(), ex);
            }
        }
        return new Compiled(Map.copyOf(classes), FileDependencies.of(dependencies), List.copyOf(warnings));
    }

    /** The master page {@code t} names (its directive's, or web.config's for a content page), app-absolute; or null. */
    @Nullable
    String masterOf(TemplateFile t) {
        String master = t.attr("MasterPageFile");
        if (master == null
                && t.kind == TemplateFile.Kind.PAGE
                && pages.masterPageFile() != null
                && t.nodes.stream()
                        .anyMatch(n -> n instanceof Markup.Element e
                                && e.prefix().equalsIgnoreCase("asp")
                                && e.localName().equalsIgnoreCase("Content"))) {
            master = pages.masterPageFile();
        }
        return master == null ? null : absolute(t, master);
    }

    /** The IDs (lower case) of the content placeholders in the master page at {@code path}, if it is in this unit. */
    @Nullable
    Set<String> placeHolders(String path) {
        TemplateFile master = files.get(path.toLowerCase(Locale.ROOT));
        if (master == null) {
            return null;
        }
        Set<String> ids = new HashSet<>();
        collectPlaceHolders(master.nodes, ids);
        return ids;
    }

    private static void collectPlaceHolders(List<Markup.Node> nodes, Set<String> ids) {
        for (Markup.Node n : nodes) {
            if (n instanceof Markup.Element e) {
                if (e.prefix().equalsIgnoreCase("asp")
                        && e.localName().equalsIgnoreCase("ContentPlaceHolder")
                        && e.value("ID") != null) {
                    ids.add(e.value("ID").toLowerCase(Locale.ROOT));
                }
                collectPlaceHolders(e.children(), ids);
            }
        }
    }

    /** The files {@code t} names: its master page, registered and referenced user controls and masters. */
    private List<String> references(TemplateFile t) {
        List<String> out = new ArrayList<>();
        String master = masterOf(t);
        if (master != null) {
            out.add(checked(
                    t,
                    t.main.attr("MasterPageFile") != null
                            ? t.main.attr("MasterPageFile").loc()
                            : t.main.loc(),
                    master,
                    TemplateFile.Kind.MASTER));
        }
        for (Directive d : t.directives("Register")) {
            if (d.value("Src") != null) {
                out.add(checked(t, d.loc(), d.value("Src"), null));
            }
        }
        for (PagesSettings.Registration r : pages.controls()) {
            if (r.src() != null && mentions(t, r.tagPrefix())) {
                out.add(checked(t, t.main.loc(), r.src(), null));
            }
        }
        for (Directive d : t.directives("Reference")) {
            for (String a : List.of("VirtualPath", "Page", "Control")) {
                if (d.value(a) != null) {
                    out.add(checked(t, d.loc(), d.value(a), null));
                }
            }
        }
        for (Directive d : t.directives("MasterType")) {
            if (d.value("VirtualPath") != null) {
                out.add(checked(t, d.loc(), d.value("VirtualPath"), TemplateFile.Kind.MASTER));
            }
        }
        return out;
    }

    private static boolean mentions(TemplateFile t, String prefix) {
        return t.text.toLowerCase(Locale.ROOT).contains("<" + prefix.toLowerCase(Locale.ROOT) + ":");
    }

    private String checked(TemplateFile from, Loc loc, String path, TemplateFile.@Nullable Kind kind) {
        String abs = absolute(from, path);
        TemplateFile.Kind k = TemplateFile.Kind.of(abs);
        if (k == null || kind != null && k != kind || k == TemplateFile.Kind.PAGE && kind == null) {
            throw new MarkupException(
                    loc,
                    "'" + path + "' is not a "
                            + (kind == TemplateFile.Kind.MASTER
                                    ? "master page (.master)"
                                    : "user control (.ascx) or master page (.master)")
                            + ".");
        }
        if (!Files.isRegularFile(physical(abs))) {
            throw new MarkupException(loc, "The file '" + path + "' does not exist.");
        }
        return abs;
    }

    /** {@code path} ({@code ~/x}, {@code /x} or relative to {@code from}'s folder) as an app-absolute path. */
    String absolute(TemplateFile from, String path) {
        String p = path.trim().replace('\\', '/');
        String abs;
        if (p.startsWith("~/")) {
            abs = p.substring(1);
        } else if (p.startsWith("/")) {
            abs = p;
        } else {
            abs = from.virtualPath.substring(0, from.virtualPath.lastIndexOf('/') + 1) + p;
        }
        String normalized =
                URI.create("x:" + abs.replace(" ", "%20")).normalize().getSchemeSpecificPart();
        if (!normalized.startsWith("/") || normalized.startsWith("/..") || normalized.contains("/../")) {
            throw new MarkupException(new Loc(from.virtualPath, 1), "'" + path + "' is outside the site.");
        }
        return normalized;
    }

    private Path physical(String virtualPath) {
        Path p = site.root().resolve(virtualPath.substring(1)).normalize();
        if (!p.startsWith(site.root())) {
            throw new HttpException(400, "The path '" + virtualPath + "' is outside the site.");
        }
        return p;
    }

    private String readText(String virtualPath, Path file) {
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new CompilationException(
                        virtualPath,
                        List.of(new CompilationException.Diagnostic(
                                virtualPath,
                                1,
                                1,
                                "The file is " + size + " bytes; pages, user controls, master pages and"
                                        + " their includes are limited to " + MAX_FILE_BYTES + " bytes.",
                                "")));
            }
            dependencies.add(file);
            String text = Files.readString(file, StandardCharsets.UTF_8);
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (NoSuchFileException e) {
            throw new HttpException(404, "The resource '" + virtualPath + "' cannot be found.");
        } catch (IOException e) {
            throw new HttpException(500, "Cannot read " + virtualPath + ": " + e.getMessage(), e);
        }
    }

    private TemplateFile read(String virtualPath, TagResolver resolver, boolean root) {
        TemplateFile.Kind kind = TemplateFile.Kind.of(virtualPath);
        if (kind == null) {
            throw new HttpException(404, "The resource '" + virtualPath + "' cannot be found.");
        }
        Path file = physical(virtualPath);
        String text = readText(virtualPath, file);
        try {
            var nodes = MarkupParser.parse(
                    virtualPath,
                    text,
                    tag -> resolver.childrenAsProperties(text, tag),
                    (loc, how, path) -> include(loc, how, path));
            return TemplateFile.of(kind, virtualPath, file, text, nodes);
        } catch (MarkupException e) {
            throw error(e);
        }
    }

    private String[] include(Loc loc, String how, String path) {
        TemplateFile from = files.get(loc.file().toLowerCase(Locale.ROOT));
        String abs = how.equals("virtual") || path.startsWith("/") || path.startsWith("~/")
                ? (path.startsWith("~/") ? path.substring(1) : path.startsWith("/") ? path : "/" + path)
                : loc.file().substring(0, loc.file().lastIndexOf('/') + 1) + path;
        String normalized =
                URI.create("x:" + abs.replace(" ", "%20")).normalize().getSchemeSpecificPart();
        if (normalized.contains("..") || !normalized.startsWith("/")) {
            throw new MarkupException(loc, "The include '" + path + "' is outside the site.");
        }
        Path p = physical(normalized);
        if (!Files.isRegularFile(p)) {
            throw new MarkupException(loc, "The include file '" + path + "' does not exist.");
        }
        return new String[] {normalized, readText(normalized, p)};
    }

    CompilationException error(MarkupException e) {
        Loc loc = e.loc();
        String text = "";
        TemplateFile f = files.get(loc.file().toLowerCase(Locale.ROOT));
        if (f != null) {
            text = f.text;
        } else {
            try {
                text = Files.readString(physical(loc.file()), StandardCharsets.UTF_8);
            } catch (IOException | RuntimeException ignored) {
                text = "";
            }
        }
        return new CompilationException(
                loc.file(),
                List.of(new CompilationException.Diagnostic(
                        loc.file(), loc.line(), 1, "Parser error: " + e.getMessage(), excerpt(text, loc.line()))));
    }

    /** The lines around {@code line}, numbered, the line itself marked with {@code >}. */
    static String excerpt(String text, int line) {
        String[] lines = text.split("\n", -1);
        StringBuilder b = new StringBuilder();
        for (int i = Math.max(1, line - 2); i <= Math.min(lines.length, line + 2); i++) {
            String l = lines[i - 1];
            if (l.length() > 200) {
                l = l.substring(0, 200) + "...";
            }
            b.append(i == line ? ">" : " ")
                    .append(String.format("%5d: ", i))
                    .append(l.stripTrailing())
                    .append('\n');
        }
        return b.toString();
    }

    // ---- generation --------------------------------------------------------------------------------------------

    private List<SiteCompiler.Source> generate(TemplateFile t, TagResolver resolver) {
        List<SiteCompiler.Source> sources = new ArrayList<>();
        String baseName = t.kind.base.getCanonicalName();
        Set<String> members = new HashSet<>();
        String codeFile = t.attr("CodeFile");
        String inherits = t.attr("Inherits");
        try {
            if (codeFile != null) {
                String abs = absolute(t, codeFile);
                Path p = physical(abs);
                if (!Files.isRegularFile(p)) {
                    throw new MarkupException(
                            t.main.attr("CodeFile").loc(), "The file '" + codeFile + "' does not exist.");
                }
                String source = readText(abs, p);
                CodeFileInfo info = CodeFileInfo.of(abs, source);
                if (inherits != null && !inherits.equals(info.className()) && !inherits.equals(info.simpleName())) {
                    throw new MarkupException(
                            t.main.attr("Inherits").loc(),
                            "Inherits names '" + inherits + "', but the code file '" + codeFile + "' declares '"
                                    + info.className() + "'.");
                }
                baseName = info.className();
                members.addAll(info.fields());
                sources.add(SiteCompiler.Source.of(abs, source, 1));
            } else if (inherits != null) {
                Class<?> c;
                try {
                    c = Class.forName(inherits, false, site.classLoader());
                } catch (ClassNotFoundException | LinkageError e) {
                    throw new MarkupException(
                            t.main.attr("Inherits").loc(),
                            "Could not load the type '" + inherits
                                    + "' (Inherits): it is in neither App_Code nor bin/*.jar.");
                }
                if (!t.kind.base.isAssignableFrom(c)) {
                    throw new MarkupException(
                            t.main.attr("Inherits").loc(),
                            "'" + inherits + "' is not allowed here" + " because it does not extend "
                                    + t.kind.base.getName() + ".");
                }
                baseName = c.getCanonicalName();
                for (Class<?> k = c; k != null && k != t.kind.base; k = k.getSuperclass()) {
                    for (Field f : k.getDeclaredFields()) {
                        if (!Modifier.isPrivate(f.getModifiers())) {
                            members.add(f.getName());
                        }
                    }
                }
            }
            JavaOut out = new TemplateGenerator(t, this, resolver, baseName, members).generate();
            sources.add(new SiteCompiler.Source(t.virtualPath, out.source(), out::markupLine, t.text));
            return sources;
        } catch (MarkupException e) {
            throw error(e);
        }
    }

    /** The generated class's simple name for a file: {@code /shop/Default.aspx} is {@code shop_default_aspx}. */
    static String className(String virtualPath) {
        StringBuilder b = new StringBuilder();
        String p = virtualPath.startsWith("/") ? virtualPath.substring(1) : virtualPath;
        for (char c : p.toLowerCase(Locale.ROOT).toCharArray()) {
            if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
                b.append(c);
            } else if (c == '/' || c == '.') {
                b.append('_');
            } else if (c == '_') {
                b.append("__");
            } else {
                b.append("_x").append(Integer.toHexString(c)).append('_');
            }
        }
        if (b.isEmpty() || Character.isDigit(b.charAt(0))) {
            b.insert(0, '_');
        }
        return b.toString();
    }

    /** A code file's class and its non-private fields, read with the JDK's parser (nothing is compiled). */
    record CodeFileInfo(String className, String simpleName, Set<String> fields) {
        static CodeFileInfo of(String virtualPath, String source) {
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            if (javac == null) {
                throw new HttpException(500, "Cannot compile " + virtualPath + ": this Java runtime has no compiler.");
            }
            var file =
                    new SimpleJavaFileObject(URI.create("string:///CodeFile.java"), SimpleJavaFileObject.Kind.SOURCE) {
                        @Override
                        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                            return source;
                        }
                    };
            JavacTask task = (JavacTask) javac.getTask(null, null, d -> {}, List.of("-proc:none"), null, List.of(file));
            try {
                for (CompilationUnitTree unit : task.parse()) {
                    String pkg = unit.getPackageName() == null
                            ? ""
                            : unit.getPackageName().toString();
                    for (Tree type : unit.getTypeDecls()) {
                        if (type instanceof ClassTree c
                                && c.getModifiers().getFlags().contains(javax.lang.model.element.Modifier.PUBLIC)) {
                            Set<String> fields = new HashSet<>();
                            for (Tree m : c.getMembers()) {
                                if (m instanceof VariableTree v
                                        && !v.getModifiers()
                                                .getFlags()
                                                .contains(javax.lang.model.element.Modifier.PRIVATE)
                                        && !v.getModifiers()
                                                .getFlags()
                                                .contains(javax.lang.model.element.Modifier.STATIC)) {
                                    fields.add(v.getName().toString());
                                }
                            }
                            String simple = c.getSimpleName().toString();
                            if (pkg.isEmpty()) {
                                throw new CompilationException(
                                        virtualPath,
                                        List.of(new CompilationException.Diagnostic(
                                                virtualPath,
                                                1,
                                                1,
                                                "The code file's class " + simple + " is in no package: put"
                                                        + " it in one (package site;), as a class of the default package"
                                                        + " cannot be named by the page that extends it.",
                                                excerpt(source, 1))));
                            }
                            return new CodeFileInfo(pkg.isEmpty() ? simple : pkg + "." + simple, simple, fields);
                        }
                    }
                }
            } catch (IOException e) {
                throw new HttpException(500, "Cannot read " + virtualPath + ": " + e.getMessage(), e);
            }
            throw new CompilationException(
                    virtualPath,
                    List.of(new CompilationException.Diagnostic(
                            virtualPath, 1, 1, "The code file declares no public class.", excerpt(source, 1))));
        }
    }
}
