package dev.conduit.internal.session;

import dev.conduit.HttpApplication;
import dev.conduit.HttpContext;
import dev.conduit.HttpCookie;
import dev.conduit.internal.config.SessionStateSettings;
import dev.conduit.internal.pipeline.HandlerTypes;
import dev.conduit.internal.pipeline.SiteServices;
import dev.conduit.spi.SessionData;
import dev.conduit.spi.SessionStore;
import dev.conduit.spi.SessionStoreContext;
import dev.conduit.state.HttpSessionState;
import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Session state for one site: the effective {@code <sessionState>} settings and the store, created on the first
 * request that reaches the session module (a {@link SiteServices#feature site feature}) and closed with the site.
 *
 * <p>Settings are read once from the application-level configuration, since {@code <sessionState>} is
 * application-wide. In Custom mode the provider's type is loaded from the site class loader, created with its
 * public no-argument constructor and initialized with its {@code <add>} attributes; its type was already checked
 * when the site loaded.
 *
 * <p>{@code Session_End} is raised for stores that report ended sessions (the in-process one), on a borrowed
 * application instance with no request ({@link SiteServices#withApplication}), on a virtual thread.
 */
public final class SessionStateRuntime implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("dev.conduit.session");

    /** How often the in-process store sweeps expired sessions. */
    static final Duration SWEEP_INTERVAL = Duration.ofMinutes(1);

    private static final ClassValue<Boolean> OVERRIDES_SESSION_START = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            try {
                return type.getMethod("sessionStart", HttpContext.class, HttpSessionState.class)
                                .getDeclaringClass()
                        != HttpApplication.class;
            } catch (NoSuchMethodException e) {
                return false;
            }
        }
    };

    private final SiteServices site;
    private final java.util.concurrent.atomic.AtomicLong lostLocks = new java.util.concurrent.atomic.AtomicLong();
    private final SessionStateSettings settings;
    private final @Nullable SessionStore store;
    private final boolean reportsEnd;

    /** Reads the settings and creates the store. */
    public SessionStateRuntime(SiteServices site) {
        this.site = site;
        this.settings = site.configuration().forPath("/").get(SessionStateSettings.SECTION);
        this.store = switch (settings.mode()) {
            case OFF -> null;
            case IN_PROC -> new InProcSessionStore(site.clock(), SWEEP_INTERVAL);
            case CUSTOM -> customStore(site, settings);
        };
        this.reportsEnd = store != null && store.setItemExpireCallback(this::raiseSessionEnd);
    }

    private static SessionStore customStore(SiteServices site, SessionStateSettings settings) {
        SessionStateSettings.Provider p = settings.provider(settings.customProvider());
        if (p == null) {
            throw new IllegalStateException("customProvider '" + settings.customProvider() + "' is not defined");
        }
        SessionStore created;
        try {
            Class<?> type = Class.forName(HandlerTypes.javaName(p.type()), true, site.classLoader());
            created = (SessionStore) type.getConstructor().newInstance();
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(
                    p.source() + ": session store '" + p.type() + "' failed in its constructor: " + e.getCause(),
                    e.getCause());
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException(p.source() + ": cannot create session store '" + p.type() + "': " + e, e);
        }
        java.util.Map<String, String> connectionStrings = new java.util.LinkedHashMap<>();
        site.configuration()
                .forPath("/")
                .connectionStrings()
                .forEach((name, cs) -> connectionStrings.put(name, cs.connectionString()));
        created.initialize(new SessionStoreContext(
                p.name(),
                p.attributes(),
                site.clock(),
                site.classLoader(),
                String.valueOf(p.source()),
                connectionStrings));
        return created;
    }

    /** The effective settings. */
    public SessionStateSettings settings() {
        return settings;
    }

    /**
     * A request's save, release or removal found its lock gone (taken over after executionTimeout, or expired in the
     * store): nothing was written. Counted, the first logged, each written to the request's trace.
     */
    void lockLost(dev.conduit.HttpContext context, String id, String what) {
        long n = lostLocks.incrementAndGet();
        String message = "the session lock of this request was lost (taken over after executionTimeout, or expired in"
                + " the store), so " + what + " did not happen";
        context.trace().warn("Session", message);
        if (n == 1) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    () -> message + " (" + context.request().httpMethod() + " "
                            + context.request().rawUrl() + "); later ones are counted, not logged");
        }
    }

    /** How many saves, releases and removals found their session lock gone since the site started. */
    public long lostLocks() {
        return lostLocks.get();
    }

    /** The store, or {@code null} when session state is off. */
    public @Nullable SessionStore store() {
        return store;
    }

    /** Tells whether this site raises {@code Session_End} (the store reports ended sessions). */
    boolean reportsEnd() {
        return reportsEnd;
    }

    /** The cookie that carries {@code id}: HttpOnly, path {@code /}, the configured SameSite, Secure over TLS. */
    HttpCookie cookie(String id, boolean secure) {
        return HttpCookie.of(settings.cookieName(), id)
                .withSameSite(settings.cookieSameSite())
                .withSecure(secure);
    }

    /**
     * Tells whether the application defines {@code Session_Start} (overrides {@link HttpApplication#sessionStart}):
     * then a new session is saved even when it holds nothing (spec §6.4).
     */
    static boolean hasSessionStart(HttpApplication app) {
        return OVERRIDES_SESSION_START.get(app.getClass());
    }

    /** Raises {@code Session_End} for a session that ended; on the caller's thread, which may block. */
    void raiseSessionEnd(String id, SessionData data) {
        SessionState ended = new SessionState(id, data, false, true, false);
        try {
            site.withApplication(app -> app.sessionEnd(ended));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Session_End failed for a session", e);
        }
    }

    /** Closes the store. */
    @Override
    public void close() {
        if (store != null) {
            store.close();
        }
    }
}
