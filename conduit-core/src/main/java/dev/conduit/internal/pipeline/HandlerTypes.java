package dev.conduit.internal.pipeline;

import dev.conduit.HttpHandler;
import dev.conduit.HttpHandlerFactory;
import dev.conduit.internal.mapping.HandlerMapping;
import dev.conduit.internal.mapping.MappingTable;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Resolves the {@code type} of an {@code <httpHandlers>} entry to a class.
 *
 * <p>ASP.NET's built-in type names are accepted as aliases of Conduit's built-ins, so an existing web.config's
 * built-in entries keep working. An assembly qualification ({@code "Ns.Type, Assembly, Version=..."}) is accepted
 * and ignored: Java has no assemblies, the site class loader has every class. Types are looked up in the site class
 * loader ({@code bin/*.jar}) over the server's classes; names are case-sensitive, as in System.Web.
 */
public final class HandlerTypes {
    private static final String H = "dev.conduit.handlers.";

    /** ASP.NET type names and the Conduit built-ins they stand for. */
    public static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("System.Web.HttpNotFoundHandler", H + "NotFoundHandler"),
            Map.entry("System.Web.HttpForbiddenHandler", H + "ForbiddenHandler"),
            Map.entry("System.Web.HttpMethodNotAllowedHandler", H + "MethodNotAllowedHandler"),
            Map.entry("System.Web.HttpNotImplementedHandler", H + "NotImplementedHandler"),
            Map.entry("System.Web.StaticFileHandler", H + "StaticFileHandler"),
            Map.entry("System.Web.DefaultHttpHandler", H + "StaticFileHandler"),
            Map.entry("System.Web.Handlers.TraceHandler", H + "TraceHandler"),
            Map.entry("System.Web.UI.SimpleHandlerFactory", H + "SimpleHandlerFactory"),
            Map.entry("System.Web.UI.PageHandlerFactory", H + "NotImplementedHandler"),
            Map.entry("System.Web.Services.Protocols.WebServiceHandlerFactory", H + "NotImplementedHandler"),
            Map.entry("System.Web.Script.Services.ScriptHandlerFactory", H + "NotImplementedHandler"));

    private static final List<String> COMMON_VERBS =
            List.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS");
    private static final Set<String> NOT_SERVING = Set.of(
            H + "NotFoundHandler", H + "ForbiddenHandler", H + "MethodNotAllowedHandler", H + "NotImplementedHandler");

    private HandlerTypes() {}

    /**
     * The verbs among the common ones (GET, HEAD, POST, PUT, DELETE, PATCH, OPTIONS) that {@code table} maps on
     * {@code filePath} to a handler that can serve them (the static file handler only GET and HEAD), for the {@code
     * Allow} header of a 405.
     */
    public static List<String> allowedVerbs(MappingTable table, String filePath) {
        List<String> allowed = new ArrayList<>();
        for (String verb : COMMON_VERBS) {
            HandlerMapping m = table.find(verb, filePath);
            if (m == null) {
                continue;
            }
            String type = javaName(m.type());
            boolean staticOnly = type.equals(H + "StaticFileHandler");
            if (!NOT_SERVING.contains(type) && (!staticOnly || verb.equals("GET") || verb.equals("HEAD"))) {
                allowed.add(verb);
            }
        }
        return allowed;
    }

    /** The Java class name {@code type} stands for. */
    public static String javaName(String type) {
        int comma = type.indexOf(',');
        String name = (comma < 0 ? type : type.substring(0, comma)).trim();
        return ALIASES.getOrDefault(name, name);
    }

    /**
     * Loads the class {@code type} names and checks it is a handler or factory with a public no-argument
     * constructor.
     *
     * @throws IllegalArgumentException with a message naming the type and the rule it breaks
     */
    public static Class<?> load(String type, ClassLoader loader) {
        String name = javaName(type);
        Class<?> c;
        try {
            c = Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalArgumentException(
                    "type '" + type + "' was not found in the site's bin/*.jar or the server's classes", e);
        }
        if (!HttpHandler.class.isAssignableFrom(c) && !HttpHandlerFactory.class.isAssignableFrom(c)) {
            throw new IllegalArgumentException(
                    "'" + type + "' does not implement dev.conduit.HttpHandlerFactory or dev.conduit.HttpHandler");
        }
        if (c.isInterface() || Modifier.isAbstract(c.getModifiers())) {
            throw new IllegalArgumentException("'" + type + "' is abstract and cannot be created");
        }
        try {
            Constructor<?> ctor = c.getConstructor();
            if (!Modifier.isPublic(c.getModifiers())) {
                throw new IllegalArgumentException("'" + type + "' must be a public class");
            }
            ctor.getModifiers();
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException("'" + type + "' needs a public constructor without parameters", e);
        }
        return c;
    }

    /** Checks that {@code type} is a module with a public no-argument constructor: {@code null}, or why not. */
    public static @Nullable String checkModule(String type, ClassLoader loader) {
        String name = javaName(type);
        try {
            Class<?> c = Class.forName(name, false, loader);
            if (!dev.conduit.HttpModule.class.isAssignableFrom(c)) {
                return "'" + type + "' does not implement dev.conduit.HttpModule";
            }
            if (c.isInterface() || Modifier.isAbstract(c.getModifiers()) || !Modifier.isPublic(c.getModifiers())) {
                return "'" + type + "' must be a public, non-abstract class";
            }
            c.getConstructor();
            return null;
        } catch (ClassNotFoundException | LinkageError e) {
            return "module type '" + type + "' was not found in the site's bin/*.jar or the server's classes";
        } catch (NoSuchMethodException e) {
            return "'" + type + "' needs a public constructor without parameters";
        }
    }

    /**
     * Checks that {@code type} is a public, concrete class implementing {@code required} with a public no-argument
     * constructor (a provider such as a session store): {@code null}, or why not.
     */
    public static @Nullable String checkProvider(String type, Class<?> required, ClassLoader loader) {
        String name = javaName(type);
        try {
            Class<?> c = Class.forName(name, false, loader);
            if (!required.isAssignableFrom(c)) {
                return "'" + type + "' does not implement " + required.getName();
            }
            if (c.isInterface() || Modifier.isAbstract(c.getModifiers()) || !Modifier.isPublic(c.getModifiers())) {
                return "'" + type + "' must be a public, non-abstract class";
            }
            c.getConstructor();
            return null;
        } catch (ClassNotFoundException | LinkageError e) {
            return "type '" + type + "' was not found in the site's bin/*.jar or the server's classes";
        } catch (NoSuchMethodException e) {
            return "'" + type + "' needs a public constructor without parameters";
        }
    }

    /** Checks {@code type} as {@link #load} does: {@code null} when it is fine, else why not. */
    public static @Nullable String check(String type, ClassLoader loader) {
        try {
            load(type, loader);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }
}
