package dev.conduit.pages.internal;

import dev.conduit.HttpException;
import dev.conduit.feature.FeatureSite;
import dev.conduit.web.ui.TemplateControl;
import dev.conduit.web.ui.TemplateLoader;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A site's compiled templates, by virtual path: the unit compiled for each page (or user control or master page loaded
 * on its own). A request checks its unit's files (one {@code stat} each) and compiles again when any changed;
 * concurrent requests for a file compile it once, the others wait; requests in flight finish on the classes they
 * started with. A replaced unit is forgotten, so its classes and class loader are collected once its last request
 * ends. The site's one instance, kept by {@link FeatureSite#state}.
 */
final class CompiledTemplates {
    private static final System.Logger LOG = System.getLogger("dev.conduit.pages");

    private final FeatureSite site;
    private final Map<String, TemplateUnit.Compiled> units = new ConcurrentHashMap<>();
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    CompiledTemplates(FeatureSite site) {
        this.site = site;
    }

    static CompiledTemplates of(FeatureSite site) {
        return site.state(CompiledTemplates.class, CompiledTemplates::new);
    }

    /** The current unit of {@code virtualPath}, compiled now when it never was or a file of it changed. */
    TemplateUnit.Compiled unit(String virtualPath, PagesSettings pages) {
        String key = virtualPath.toLowerCase(Locale.ROOT);
        TemplateUnit.Compiled u = units.get(key);
        if (u != null && !u.dependencies().changed()) {
            return u;
        }
        ReentrantLock lock = locks.computeIfAbsent(key, k -> new ReentrantLock());
        lock.lock();
        try {
            u = units.get(key);
            if (u != null && !u.dependencies().changed()) {
                return u;
            }
            TemplateUnit.Compiled fresh;
            try {
                fresh = TemplateUnit.compile(site, pages, virtualPath);
            } catch (RuntimeException e) {
                units.remove(key); // a broken file keeps no stale unit alive; the next request tries again
                throw e;
            }
            for (String w : fresh.warnings()) {
                LOG.log(System.Logger.Level.WARNING, w);
            }
            units.put(key, fresh);
            return fresh;
        } finally {
            lock.unlock();
            if (!lock.hasQueuedThreads()) {
                locks.remove(key, lock);
            }
        }
    }

    /** The class of {@code virtualPath} in its own unit. */
    Class<?> type(String virtualPath, PagesSettings pages) {
        TemplateUnit.Compiled u = unit(virtualPath, pages);
        return u.classes().get(virtualPath.toLowerCase(Locale.ROOT));
    }

    /**
     * The loader of user controls and master pages for one page request: the page's own unit's classes first (so the
     * page's code can cast to them), else a unit of their own.
     */
    TemplateLoader loader(TemplateUnit.Compiled pageUnit, PagesSettings pages) {
        return new TemplateLoader() {
            @Override
            public <T extends TemplateControl> T create(String virtualPath, Class<T> kind) throws Exception {
                Class<?> c = pageUnit.classes().get(virtualPath.toLowerCase(Locale.ROOT));
                if (c == null) {
                    // compiled on its own with the <pages> settings of its own folder, as System.Web does
                    c = type(virtualPath, site.section(PagesSection.SECTION, virtualPath));
                }
                if (!kind.isAssignableFrom(c)) {
                    throw new HttpException(
                            500,
                            "The file '" + virtualPath + "' is not a valid "
                                    + (kind.getSimpleName().equals("MasterPage") ? "master page" : "user control")
                                    + ".");
                }
                return kind.cast(instantiate(c));
            }
        };
    }

    static Object instantiate(Class<?> c) throws Exception {
        try {
            Constructor<?> k = c.getConstructor();
            return k.newInstance();
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            throw (Error) cause;
        }
    }
}
