package dev.conduit.testing;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiled pages and handlers (site code in a test) report their class loader here by reflection (site code cannot name test classes at
 * compile time; at run time the server's class loader finds this one), so a test can tell whether old loaders are
 * collected.
 */
public final class LoaderTracker {
    private static final List<WeakReference<ClassLoader>> LOADERS = new ArrayList<>();

    private LoaderTracker() {}

    /** Records {@code o}'s class loader. */
    public static synchronized void track(Object o) {
        ClassLoader l = o.getClass().getClassLoader();
        for (WeakReference<ClassLoader> r : LOADERS) {
            if (r.get() == l) {
                return;
            }
        }
        LOADERS.add(new WeakReference<>(l));
    }

    /** How many recorded loaders are still reachable, after collecting garbage until the count settles. */
    public static synchronized int live() throws InterruptedException {
        int last = -1;
        for (int i = 0; i < 50; i++) {
            System.gc();
            byte[][] pressure = new byte[64][];
            for (int j = 0; j < pressure.length; j++) {
                pressure[j] = new byte[1 << 16];
            }
            Thread.sleep(20);
            int n = (int) LOADERS.stream().filter(r -> r.get() != null).count();
            if (n == last && n <= 2) {
                return n;
            }
            last = n;
        }
        return last;
    }

    /** How many loaders were recorded. */
    public static synchronized int recorded() {
        return LOADERS.size();
    }

    /** Forgets every loader. */
    public static synchronized void reset() {
        LOADERS.clear();
    }
}
