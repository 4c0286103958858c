package dev.conduit.spi;

import dev.conduit.HttpApplication;
import dev.conduit.HttpContext;
import dev.conduit.HttpModule;
import dev.conduit.PipelineEvent;
import dev.conduit.state.HttpApplicationState;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The runtime's way into {@link HttpApplication}, kept off that class's public surface (the JDK's "shared secrets"
 * pattern): {@link HttpApplication} installs the one instance when it is loaded, and the runtime calls the static
 * methods. Site code has no reason to use it.
 */
public abstract class ApplicationAccess {
    private static volatile @Nullable ApplicationAccess instance;

    /** For {@link HttpApplication} only. */
    protected ApplicationAccess() {}

    /**
     * Installs the accessor; called once by {@link HttpApplication}'s static initializer.
     *
     * @throws IllegalStateException when one is already installed
     */
    public static synchronized void install(ApplicationAccess access) {
        if (instance != null) {
            throw new IllegalStateException("ApplicationAccess is installed already");
        }
        instance = access;
    }

    private static ApplicationAccess get() {
        ApplicationAccess a = instance;
        if (a == null) {
            try {
                Class.forName(HttpApplication.class.getName(), true, HttpApplication.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            a = instance;
        }
        if (a == null) {
            throw new IllegalStateException("HttpApplication did not install its accessor");
        }
        return a;
    }

    /** The subscribers of {@code event} on {@code app}, in order: {@code EventHandler}s and {@code AsyncEventHandler}s. */
    public static List<Object> subscribersOf(HttpApplication app, PipelineEvent event) {
        return get().subscribers(app, event);
    }

    /** Makes {@code context} the request {@code app} serves; {@code null} after it. */
    public static void attachTo(HttpApplication app, @Nullable HttpContext context) {
        get().attach(app, context);
    }

    /** Gives a new instance its application state and modules, before the modules' init. */
    public static void setUp(HttpApplication app, HttpApplicationState state, Map<String, HttpModule> modules) {
        get().setup(app, state, modules);
    }

    /** Ends subscription: after this, {@code on()} throws. */
    public static void sealSubscriptions(HttpApplication app) {
        get().seal(app);
    }

    protected abstract List<Object> subscribers(HttpApplication app, PipelineEvent event);

    protected abstract void attach(HttpApplication app, @Nullable HttpContext context);

    protected abstract void setup(HttpApplication app, HttpApplicationState state, Map<String, HttpModule> modules);

    protected abstract void seal(HttpApplication app);
}
