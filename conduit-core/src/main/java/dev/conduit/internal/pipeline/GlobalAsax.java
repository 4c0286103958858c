package dev.conduit.internal.pipeline;

import dev.conduit.ConfigurationException;
import dev.conduit.HttpApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Finds the site's application class, as System.Web does from {@code Global.asax}: a file at the site root holding
 * one directive, {@code <%@ Application Inherits="com.acme.Global" %>} ({@code Language}, {@code Description} and
 * {@code CodeBehind} are accepted; Java is the only language). The class comes from {@code bin/} and must extend
 * {@link HttpApplication}. Without the file, {@link HttpApplication} itself is used. Script blocks are not
 * supported: the file must hold the directive only.
 */
final class GlobalAsax {
    private static final Pattern DIRECTIVE = Pattern.compile(
            "\\s*<%@\\s*Application((?:\\s+[A-Za-z]+\\s*=\\s*\"[^\"]*\")*)\\s*%>\\s*", Pattern.CASE_INSENSITIVE);
    private static final Pattern ATTRIBUTE = Pattern.compile("([A-Za-z]+)\\s*=\\s*\"([^\"]*)\"");

    private GlobalAsax() {}

    /**
     * The application class of the site at {@code root}.
     *
     * @throws ConfigurationException when Global.asax is malformed or names an unusable class
     */
    static Class<? extends HttpApplication> applicationClass(Path root, ClassLoader loader) {
        Path file = find(root);
        if (file == null) {
            return HttpApplication.class;
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        Matcher m = DIRECTIVE.matcher(text);
        if (!m.matches()) {
            throw problem(file, "Global.asax must hold exactly one <%@ Application Inherits=\"...\" %> directive");
        }
        String inherits = null;
        Matcher a = ATTRIBUTE.matcher(m.group(1));
        while (a.find()) {
            String name = a.group(1).toLowerCase(Locale.ROOT);
            switch (name) {
                case "inherits" -> inherits = a.group(2).trim();
                case "language" -> {
                    if (!a.group(2).equalsIgnoreCase("Java")) {
                        throw problem(file, "Language '" + a.group(2) + "' is not supported; Conduit runs Java");
                    }
                }
                case "description", "codebehind" -> {}
                default -> throw problem(file, "unknown attribute '" + a.group(1) + "' on <%@ Application %>");
            }
        }
        if (inherits == null || inherits.isEmpty()) {
            throw problem(file, "<%@ Application %> needs an Inherits attribute naming the application class");
        }
        Class<?> c;
        try {
            c = Class.forName(inherits, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw problem(file, "the application class '" + inherits + "' was not found in bin/*.jar");
        }
        if (!HttpApplication.class.isAssignableFrom(c) || Modifier.isAbstract(c.getModifiers())) {
            throw problem(file, "'" + inherits + "' must be a concrete subclass of dev.conduit.HttpApplication");
        }
        try {
            c.getConstructor();
        } catch (NoSuchMethodException e) {
            throw problem(file, "'" + inherits + "' needs a public constructor without parameters");
        }
        @SuppressWarnings("unchecked")
        Class<? extends HttpApplication> type = (Class<? extends HttpApplication>) c;
        return type;
    }

    private static @Nullable Path find(Path root) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(root, "*.[aA][sS][aA][xX]")) {
            for (Path f : files) {
                if (f.getFileName().toString().equalsIgnoreCase("Global.asax") && Files.isRegularFile(f)) {
                    return f;
                }
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
    }

    private static ConfigurationException problem(Path file, String message) {
        return new ConfigurationException(file, 1, "Application", message);
    }
}
