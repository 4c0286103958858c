package dev.conduit.internal.config;

import dev.conduit.config.Section;
import dev.conduit.feature.Feature;
import dev.conduit.feature.FeatureRegistry;
import java.net.URL;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Every {@link Feature} of the process and what they registered: the sections the parser reads, the groups they sit
 * in, the sections accepted without effect, the parts of the built-in root configuration and the type aliases.
 * Immutable once built.
 */
public final class FeatureCatalog {
    /** The name of core's own feature, which registers first. */
    public static final String CORE = "core";

    private static volatile @Nullable FeatureCatalog installed;

    /** A part of the built-in root configuration. */
    public record RootPart(String name, URL document) {}

    private final Map<String, Section<?>> sections;
    private final Map<String, String> accepted;
    private final Set<String> groups;
    private final Set<String> lenientGroups;
    private final List<RootPart> roots;
    private final Map<String, String> aliases;
    private final List<Class<?>> compileAgainst;
    private final List<dev.conduit.feature.SiteCheck> siteChecks;

    private FeatureCatalog(Registry r) {
        this.sections = Map.copyOf(r.sections);
        this.accepted = Map.copyOf(r.accepted);
        Set<String> g = new HashSet<>();
        for (String path : r.sections.keySet()) {
            addGroups(path, g);
        }
        for (String path : r.accepted.keySet()) {
            addGroups(path, g);
        }
        this.groups = Set.copyOf(g);
        this.lenientGroups = Set.copyOf(r.lenient);
        this.roots = List.copyOf(r.roots);
        this.aliases = Map.copyOf(r.aliases);
        this.compileAgainst = List.copyOf(r.compileAgainst);
        this.siteChecks = List.copyOf(r.siteChecks);
    }

    private static void addGroups(String path, Set<String> into) {
        for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
            into.add(path.substring(0, slash));
        }
    }

    /**
     * The features on the server's class path ({@link ServiceLoader} over this class's loader), loaded on first use
     * and kept for the life of the process.
     *
     * @throws IllegalStateException naming the feature whose registration failed
     */
    public static FeatureCatalog installed() {
        FeatureCatalog c = installed;
        if (c == null) {
            synchronized (FeatureCatalog.class) {
                c = installed;
                if (c == null) {
                    List<Feature> found = new ArrayList<>();
                    ServiceLoader.load(Feature.class, FeatureCatalog.class.getClassLoader())
                            .forEach(found::add);
                    c = of(found);
                    installed = c;
                }
            }
        }
        return c;
    }

    /**
     * A catalog of exactly {@code features}: core's first, then the others by name.
     *
     * @throws IllegalStateException naming the feature whose registration failed or clashed with another's
     */
    public static FeatureCatalog of(List<? extends Feature> features) {
        List<Feature> sorted = new ArrayList<>(features);
        sorted.sort(Comparator.comparing((Feature f) -> !f.name().equals(CORE)).thenComparing(Feature::name));
        Registry registry = new Registry();
        for (Feature f : sorted) {
            registry.current = f.name();
            try {
                f.register(registry);
            } catch (RuntimeException e) {
                throw new IllegalStateException(
                        "the feature '" + f.name() + "' (" + f.getClass().getName() + ") failed to register: "
                                + e.getMessage(),
                        e);
            }
        }
        registry.current = null;
        return new FeatureCatalog(registry);
    }

    /** The section registered at {@code path}, or null. */
    public @Nullable Section<?> section(String path) {
        return sections.get(path);
    }

    /** Every registered section. */
    public List<Section<?>> sections() {
        List<Section<?>> all = new ArrayList<>(sections.values());
        all.sort(Comparator.comparing(Section::path));
        return all;
    }

    /** Tells whether {@code path} is a section group ({@code system.web}). */
    public boolean isGroup(String path) {
        return groups.contains(path);
    }

    /** Tells whether unknown elements in {@code group} are warnings. */
    public boolean isLenient(String group) {
        if (lenientGroups.contains(group)) {
            return true;
        }
        for (String lenient : lenientGroups) { // a group inside a lenient one ({@code system.webServer/security})
            if (group.startsWith(lenient + "/")) {
                return true;
            }
        }
        return false;
    }

    /**
     * For a section accepted without effect: the module that would give it one ({@code ""} when none); {@code null}
     * for any other path.
     */
    public @Nullable String accepted(String path) {
        return accepted.get(path);
    }

    /** The parts of the built-in root configuration, core's first. */
    public List<RootPart> roots() {
        return roots;
    }

    /** Classes whose jars (or folders) join the class path site code compiles against, in registration order. */
    public List<Class<?>> compileAgainst() {
        return compileAgainst;
    }

    /** The features' checks of whole sites, in registration order. */
    public List<dev.conduit.feature.SiteCheck> siteChecks() {
        return siteChecks;
    }

    /** The Java class name {@code typeName} (without an assembly qualification) stands for. */
    public String javaName(String typeName) {
        return aliases.getOrDefault(typeName, typeName);
    }

    private static final class Registry implements FeatureRegistry {
        @Nullable
        String current;

        final Map<String, Section<?>> sections = new LinkedHashMap<>();
        final Map<String, String> owners = new HashMap<>();
        final Map<String, String> accepted = new LinkedHashMap<>();
        final Set<String> lenient = new HashSet<>();
        final List<RootPart> roots = new ArrayList<>();
        final Map<String, String> aliases = new LinkedHashMap<>();
        final Map<String, String> aliasOwners = new HashMap<>();
        final List<Class<?>> compileAgainst = new ArrayList<>();
        final List<dev.conduit.feature.SiteCheck> siteChecks = new ArrayList<>();

        private String feature() {
            String f = current;
            if (f == null) {
                throw new IllegalStateException("features register only while Feature.register runs");
            }
            return f;
        }

        @Override
        public void section(Section<?> section) {
            String f = feature();
            String other = owners.putIfAbsent(section.path(), f);
            if (other != null) {
                throw new IllegalArgumentException(
                        "the section " + section + " is registered by the feature '" + other + "' already");
            }
            sections.put(section.path(), section);
            accepted.remove(section.path()); // a module that implements a section replaces its acceptance
        }

        @Override
        public void acceptSection(String path, String module) {
            feature();
            Objects.requireNonNull(module, "module");
            if (!sections.containsKey(path)) {
                accepted.put(path, module);
            }
        }

        @Override
        public void lenientGroup(String group) {
            feature();
            lenient.add(group);
        }

        @Override
        public void rootConfiguration(String name, URL document) {
            feature();
            roots.add(new RootPart(name, Objects.requireNonNull(document, "document")));
        }

        @Override
        public void typeAlias(String aspNetType, String javaType) {
            String f = feature();
            String owner = aliasOwners.get(aspNetType);
            // Core registers first: a feature may give a name core maps to a placeholder (a 501) its real type.
            if (owner != null && !owner.equals(CORE) && !aliases.get(aspNetType).equals(javaType)) {
                throw new IllegalArgumentException("the type name '" + aspNetType + "' stands for "
                        + aliases.get(aspNetType) + " already (feature '" + owner + "')");
            }
            aliases.put(aspNetType, javaType);
            aliasOwners.put(aspNetType, f);
        }

        @Override
        public void compileAgainst(Class<?> type) {
            feature();
            compileAgainst.add(Objects.requireNonNull(type, "type"));
        }

        @Override
        public void siteCheck(dev.conduit.feature.SiteCheck check) {
            feature();
            siteChecks.add(Objects.requireNonNull(check, "check"));
        }
    }
}
