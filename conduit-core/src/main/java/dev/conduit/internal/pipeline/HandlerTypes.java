package dev.conduit.internal.pipeline;

import dev.conduit.HttpHandler;
import dev.conduit.HttpHandlerFactory;
import dev.conduit.config.TypeChecker;
import dev.conduit.internal.config.FeatureCatalog;
import dev.conduit.internal.mapping.HandlerMapping;
import dev.conduit.internal.mapping.MappingTable;
import dev.conduit.internal.mapping.ResourceProbe;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
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

    private static final List<String> COMMON_VERBS =
            List.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS");
    private static final Set<String> NOT_SERVING = Set.of(
            H + "NotFoundHandler",
            H + "ForbiddenHandler",
            H + "MethodNotAllowedHandler",
            H + "NotImplementedHandler",
            "dev.conduit.internal.handlers.ProtocolSupportHandler");

    private HandlerTypes() {}

    /**
     * The verbs among the common ones (GET, HEAD, POST, PUT, DELETE, PATCH, OPTIONS) that {@code table} maps on
     * {@code filePath} to a handler that can serve them (the static file handler only GET and HEAD), for the {@code
     * Allow} header of a 405.
     */
    public static List<String> allowedVerbs(MappingTable table, String filePath, ResourceProbe probe) {
        List<String> allowed = new ArrayList<>();
        for (String verb : COMMON_VERBS) {
            HandlerMapping m = table.find(verb, filePath, probe);
            if (m == null) {
                continue;
            }
            String type = javaName(m.type());
            boolean staticOnly = type.equals("dev.conduit.internal.handlers.StaticFileHandler");
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
        return FeatureCatalog.installed().javaName(name);
    }

    /**
     * Loads the class {@code type} names and checks it is a handler or factory with a public no-argument
     * constructor.
     *
     * @throws IllegalArgumentException with a message naming the type and the rule it breaks
     */
    public static Class<?> load(String type, ClassLoader loader) {
        String verdict = check(type, loader, HttpHandlerFactory.class, HttpHandler.class);
        if (verdict != null) {
            throw new IllegalArgumentException(verdict);
        }
        try {
            return Class.forName(javaName(type), false, loader);
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException(verdict, e); // unreachable: check() found it
        }
    }

    /**
     * The type checker of a site: {@code type} must name a public, concrete class with a public no-argument
     * constructor, implementing one of {@code anyOf}, found in {@code loader}.
     */
    public static TypeChecker checker(ClassLoader loader) {
        return (type, anyOf) -> check(type, loader, anyOf);
    }

    /** Checks {@code type} against {@code anyOf} in {@code loader}: {@code null}, or why not. */
    public static @Nullable String check(String type, ClassLoader loader, Class<?>... anyOf) {
        String name = javaName(type);
        Class<?> c;
        try {
            c = Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return "type '" + type
                    + "' has no Java counterpart here: no class of that name in the site's App_Code, bin/*.jar or the server's classes";
        }
        boolean fits = anyOf.length == 0;
        for (Class<?> required : anyOf) {
            fits |= required.isAssignableFrom(c);
        }
        if (!fits) {
            StringBuilder names = new StringBuilder();
            for (int i = 0; i < anyOf.length; i++) {
                names.append(i == 0 ? "" : i == anyOf.length - 1 ? " or " : ", ")
                        .append(anyOf[i].getName());
            }
            return "'" + type + "' does not implement " + names;
        }
        if (c.isInterface() || Modifier.isAbstract(c.getModifiers())) {
            return "'" + type + "' is abstract and cannot be created";
        }
        if (!Modifier.isPublic(c.getModifiers())) {
            return "'" + type + "' must be a public class";
        }
        try {
            c.getConstructor();
        } catch (NoSuchMethodException e) {
            return "'" + type + "' needs a public constructor without parameters";
        }
        return null;
    }
}
