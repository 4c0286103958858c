package dev.conduit.internal.pipeline;

import dev.conduit.HttpApplication;
import dev.conduit.HttpApplication.RuntimeAccess;
import dev.conduit.HttpModule;
import dev.conduit.PipelineEvent;
import dev.conduit.internal.config.ModulesSection.ModuleEntry;
import dev.conduit.state.HttpApplicationState;
import java.lang.reflect.InvocationTargetException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The pool of application instances (System.Web's {@code HttpApplicationFactory}): a request takes an instance, uses
 * it alone from BeginRequest to RequestCompleted, and gives it back. The pool grows on demand to what the load needs
 * at once; at most {@link #MAX_IDLE} idle instances are kept, and those no request took for a while are closed a share
 * at a time ({@link IdleStack}: half of them every 10 s, on the site's executor).
 */
final class ApplicationPool {
    static final int MAX_IDLE = 4096;

    private static final System.Logger LOG = System.getLogger("dev.conduit.runtime");

    private final Class<? extends HttpApplication> type;
    private final List<ModuleEntry> moduleEntries;
    /** Whether the application's own subscribers run only for managed handlers (integrated mode). */
    private final boolean applicationManagedOnly;

    private final HttpApplicationState state;
    private final ClassLoader loader;
    private final SiteServices site;
    /** Where trimmed instances are closed: their modules' {@code close} is site code, which may block. */
    private final Executor closer;
    /** Instances given up (trimmed, or over the cap) and not yet closed. */
    private final ConcurrentLinkedQueue<ApplicationInstance> leaving = new ConcurrentLinkedQueue<>();
    /**
     * Held while instances given up are closed (never on a network thread but when the runtime stops: the closer is
     * the runtime's executor).
     */
    private final ReentrantLock closingLeaving = new ReentrantLock();

    private final IdleStack<ApplicationInstance> idle = new IdleStack<>(MAX_IDLE);
    private final AtomicInteger created = new AtomicInteger();

    ApplicationPool(
            Class<? extends HttpApplication> type,
            List<ModuleEntry> modules,
            boolean applicationManagedOnly,
            HttpApplicationState state,
            ClassLoader loader,
            SiteServices site,
            Executor closer) {
        this.type = type;
        this.closer = closer;
        this.applicationManagedOnly = applicationManagedOnly;
        this.site = site;
        this.moduleEntries = List.copyOf(modules);
        this.state = state;
        this.loader = loader;
    }

    /** Runs {@code applicationStart()} on an instance of its own, then keeps one ready instance. */
    void start() {
        HttpApplication starter = newApplication();
        RuntimeAccess.setUp(starter, state, Map.of());
        starter.applicationStart();
        give(take());
    }

    /** An idle instance, or a new one. */
    ApplicationInstance take() {
        ApplicationInstance i = idle.poll();
        return i != null ? i : create();
    }

    /** An idle instance, or {@code null} when one would have to be created (site code that may block). */
    @org.jspecify.annotations.Nullable
    ApplicationInstance poll() {
        return idle.poll();
    }

    /** Gives an instance back after its request. */
    void give(ApplicationInstance instance) {
        if (!idle.offer(instance)) {
            closeLater(List.of(instance));
            return;
        }
        closeLater(idle.trimAfterGive());
    }

    /** Trims now if an interval is over (for tests: {@link #give} looks by itself). */
    void trimIfDue(long now) {
        closeLater(idle.trimIfDue(now));
    }

    /**
     * Closes instances the pool gave up on the closer (their modules' {@code close} is site code, which may block,
     * and the giver may be a network thread); on the caller when the closer takes no more tasks (the runtime stops).
     */
    private void closeLater(List<ApplicationInstance> instances) {
        if (instances.isEmpty()) {
            return;
        }
        leaving.addAll(instances);
        try {
            closer.execute(this::closeLeaving);
        } catch (RejectedExecutionException stopping) {
            closeLeaving();
        }
    }

    /**
     * Closes the instances given up so far. Under a lock that {@link #close()} takes too, so that every module is
     * closed before {@code applicationEnd()} runs and the site's class loader closes, as before the pool trimmed.
     */
    private void closeLeaving() {
        closingLeaving.lock();
        try {
            ApplicationInstance i;
            while ((i = leaving.poll()) != null) {
                i.close();
            }
        } finally {
            closingLeaving.unlock();
        }
    }

    /** How many instances are idle now (for tests and diagnostics). */
    int idleCount() {
        return idle.size();
    }

    /** How many instances were created so far (for tests and diagnostics). */
    int created() {
        return created.get();
    }

    /** Closes the idle instances and runs {@code applicationEnd()} once. */
    void close() {
        idle.drain(ApplicationInstance::close);
        closeLeaving();
        try {
            HttpApplication ender = newApplication();
            RuntimeAccess.setUp(ender, state, Map.of());
            ender.applicationEnd();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "applicationEnd failed", e);
        }
    }

    private ApplicationInstance create() {
        HttpApplication app = newApplication();
        Map<String, HttpModule> modules = new LinkedHashMap<>();
        for (ModuleEntry e : moduleEntries) {
            modules.put(e.name(), newModule(e));
        }
        RuntimeAccess.setUp(app, state, modules);
        for (HttpModule m : modules.values()) {
            if (m instanceof SiteAware aware) {
                aware.attachSite(site); // a ConfigurationException goes out as it is: it names file and line
            }
        }
        // Whose subscriber is whose: what each module's init added (integrated mode's managedHandler precondition is
        // a module's), and the rest, the application's own.
        Set<Object> moduleSubscribers = Collections.newSetFromMap(new IdentityHashMap<>());
        Set<Object> managedOnly = Collections.newSetFromMap(new IdentityHashMap<>());
        int i = 0;
        for (Map.Entry<String, HttpModule> m : modules.entrySet()) {
            Set<Object> before = subscribers(app);
            try {
                m.getValue().init(app);
            } catch (Exception ex) {
                throw new IllegalStateException("module '" + m.getKey() + "' failed in init: " + ex, ex);
            }
            Set<Object> added = subscribers(app);
            added.removeAll(before);
            moduleSubscribers.addAll(added);
            if (moduleEntries.get(i).managedHandlerOnly()) {
                managedOnly.addAll(added);
            }
            i++;
        }
        app.init();
        RuntimeAccess.sealSubscriptions(app);
        if (applicationManagedOnly) {
            Set<Object> own = subscribers(app);
            own.removeAll(moduleSubscribers);
            managedOnly.addAll(own);
        }
        created.incrementAndGet();
        return new ApplicationInstance(app, modules, managedOnly);
    }

    /** Every subscriber of every event of {@code app} so far, by identity. */
    private static Set<Object> subscribers(HttpApplication app) {
        Set<Object> all = Collections.newSetFromMap(new IdentityHashMap<>());
        for (PipelineEvent e : PipelineEvent.values()) {
            all.addAll(RuntimeAccess.subscribersOf(app, e));
        }
        return all;
    }

    private HttpApplication newApplication() {
        try {
            return type.getConstructor().newInstance();
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(
                    type.getName() + " failed in its constructor: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create the application " + type.getName() + ": " + e, e);
        }
    }

    private HttpModule newModule(ModuleEntry e) {
        try {
            Class<?> c = Class.forName(HandlerTypes.javaName(e.type()), true, loader);
            return (HttpModule) c.getConstructor().newInstance();
        } catch (InvocationTargetException ex) {
            throw new IllegalStateException(
                    "module '" + e.name() + "' failed in its constructor: " + ex.getCause(), ex.getCause());
        } catch (ReflectiveOperationException | ClassCastException ex) {
            throw new IllegalStateException("cannot create module '" + e.name() + "' (" + e.type() + "): " + ex, ex);
        }
    }
}
