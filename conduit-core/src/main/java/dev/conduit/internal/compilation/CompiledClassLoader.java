package dev.conduit.internal.compilation;

import java.util.Map;

/**
 * Defines the classes of one compiled source over the site's class loader. Each compiled version gets its own
 * loader, so a changed file's new classes never clash with the old ones still serving requests in flight; the old
 * loader is collected once nothing uses it.
 */
public final class CompiledClassLoader extends ClassLoader {
    private final Map<String, byte[]> classes;

    public CompiledClassLoader(SourceCompiler.Compiled compiled, ClassLoader parent) {
        super("compiled:" + compiled.key(), parent);
        this.classes = Map.copyOf(compiled.classes());
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = classes.get(name);
        if (bytes == null) {
            throw new ClassNotFoundException(name);
        }
        return defineClass(name, bytes, 0, bytes.length);
    }

    /**
     * Loads {@code name}, this loader's own classes first: a compiled .ashx class shadows nothing on the server's
     * class path, but must win over an older version of itself should the parent ever see one.
     */
    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null && classes.containsKey(name)) {
                c = findClass(name);
            }
            if (c == null) {
                return super.loadClass(name, resolve);
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }
}
