package dev.conduit.internal.security;

import dev.conduit.ConfigurationException;
import dev.conduit.ConfigurationException.Problem;
import dev.conduit.config.Source;
import dev.conduit.internal.config.FolderConfig;
import dev.conduit.internal.pipeline.HandlerTypes;
import dev.conduit.internal.pipeline.SiteServices;
import dev.conduit.internal.security.AuthenticationSection.Authentication;
import dev.conduit.internal.security.RoleManagerSection.ProviderEntry;
import dev.conduit.internal.security.RoleManagerSection.RoleManager;
import dev.conduit.security.RoleProvider;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A site's security state, made once when the site starts ({@link #of}): the authentication mode, the Forms
 * authenticator with its key, the role provider, and the authorization rules compiled per configuration path.
 *
 * <p><b>Application level.</b> {@code <authentication>}, {@code <machineKey>} and {@code <roleManager>} are read from
 * the site root's configuration only (they may not appear deeper; the configuration loader reports it), once: as in
 * System.Web, where changing them restarts the application.
 *
 * <p><b>Key.</b> With mode Forms, the ticket key is the site's key for {@link TicketProtector#KEY_PURPOSE}, derived
 * from {@code <machineKey>} by {@link SiteKeys} (which generates the App_Data key on first start when a key is not
 * configured). A site that does not use Forms never creates a key file.
 *
 * <p><b>Authorization.</b> Rules are compiled on first use per configuration path and cached by the identity of the
 * path's (itself cached) configuration, so a lookup takes no lock and allocates nothing.
 */
public final class SiteSecurity {
    /** Bound on cached rule sets; past it the cache starts over (it only grows past it if configurations change). */
    private static final int MAX_CACHED_RULE_SETS = 1024;

    private final AuthenticationMode mode;
    private final @Nullable FormsAuthenticator forms;
    private final @Nullable RoleProvider roleProvider;
    private volatile IdentityHashMap<FolderConfig, AuthorizationRules> rules = new IdentityHashMap<>();

    private SiteSecurity(
            AuthenticationMode mode, @Nullable FormsAuthenticator forms, @Nullable RoleProvider roleProvider) {
        this.mode = mode;
        this.forms = forms;
        this.roleProvider = roleProvider;
    }

    /**
     * The site's security state, made on first use.
     *
     * @throws ConfigurationException when the role provider or the key file is misconfigured
     * @throws java.io.UncheckedIOException when the generated key cannot be stored or read
     */
    public static SiteSecurity of(SiteServices site) {
        return site.feature(SiteSecurity.class, SiteSecurity::load);
    }

    private static SiteSecurity load(SiteServices site) {
        FolderConfig app = site.configuration().forPath("/");
        List<Problem> problems = new ArrayList<>();
        Authentication authentication = AuthenticationSection.read(app.levels(AuthenticationSection.SECTION), problems);
        RoleManager roleManager = RoleManagerSection.read(app.levels(RoleManagerSection.SECTION), problems);
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems); // unreachable for a loaded site: each file was checked
        }
        RoleProvider provider = roleManager.enabled() ? createProvider(roleManager, site.classLoader()) : null;
        FormsAuthenticator forms = null;
        if (authentication.mode() == AuthenticationMode.FORMS) {
            byte[] key = SiteKeys.of(site).key(TicketProtector.KEY_PURPOSE);
            forms = new FormsAuthenticator(authentication.forms(), new TicketProtector(key), provider);
        }
        return new SiteSecurity(authentication.mode(), forms, provider);
    }

    private static RoleProvider createProvider(RoleManager rm, ClassLoader loader) {
        String name = rm.defaultProvider();
        if (name == null) {
            return new ConfigRoleProvider(rm.rolesByUser());
        }
        Source at = rm.source() == null ? new Source(null, 0) : rm.source();
        if (!rm.rolesByUser().isEmpty()) {
            throw new ConfigurationException(
                    at.file(),
                    at.line(),
                    "roleManager",
                    "<roles> is read by the built-in" + " provider only, but defaultProvider names '" + name
                            + "'; remove one of them");
        }
        ProviderEntry entry = rm.providers().get(name.toLowerCase(Locale.ROOT));
        if (entry == null) {
            throw new ConfigurationException(
                    at.file(),
                    at.line(),
                    "roleManager",
                    "defaultProvider names no provider" + " declared in <providers>: '" + name + "'");
        }
        Source src = entry.source();
        Class<?> type;
        try {
            type = Class.forName(HandlerTypes.javaName(entry.type()), true, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new ConfigurationException(
                    src.file(),
                    src.line(),
                    "add",
                    "role provider type '" + entry.type()
                            + "' has no Java counterpart here: no class of that name in the site's App_Code, bin/*.jar or the"
                            + " server's classes");
        }
        if (!RoleProvider.class.isAssignableFrom(type)) {
            throw new ConfigurationException(
                    src.file(), src.line(), "add", "'" + entry.type() + "' does not implement " + RoleProvider.class);
        }
        RoleProvider provider;
        try {
            provider = (RoleProvider) type.getConstructor().newInstance();
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(
                    "role provider '" + entry.name() + "' failed in its constructor: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new ConfigurationException(
                    src.file(),
                    src.line(),
                    "add",
                    "'" + entry.type() + "' needs to be a public class with a public constructor without parameters");
        }
        try {
            provider.initialize(entry.name(), entry.settings());
        } catch (RuntimeException e) {
            throw new IllegalStateException("role provider '" + entry.name() + "' failed in initialize: " + e, e);
        }
        return provider;
    }

    /** The authentication mode. */
    public AuthenticationMode mode() {
        return mode;
    }

    /** The Forms authenticator, or {@code null} unless the mode is Forms. */
    public @Nullable FormsAuthenticator forms() {
        return forms;
    }

    /** The role provider, or {@code null} unless {@code <roleManager enabled="true">}. */
    public @Nullable RoleProvider roleProvider() {
        return roleProvider;
    }

    /** The authorization rules that govern {@code config}'s path. */
    public AuthorizationRules rulesFor(FolderConfig config) {
        AuthorizationRules r = rules.get(config);
        if (r != null) {
            return r;
        }
        synchronized (this) {
            IdentityHashMap<FolderConfig, AuthorizationRules> current = rules;
            r = current.get(config);
            if (r == null) {
                r = AuthorizationRules.compile(config);
                // Copy on write: readers use the published map without a lock.
                IdentityHashMap<FolderConfig, AuthorizationRules> next = current.size() >= MAX_CACHED_RULE_SETS
                        ? new IdentityHashMap<>()
                        : new IdentityHashMap<>(current);
                next.put(config, r);
                rules = next;
            }
            return r;
        }
    }
}
