package dev.conduit.internal.mapping;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The effective, ordered handler list of one configuration path: scanned top to bottom, first match wins, no
 * "most specific" scoring (spec §2.4).
 *
 * <p>Most entries are plain extension patterns ({@code *.aspx}, {@code *.rss,*.feed}); the table indexes them by
 * extension, so a lookup tests only the entries that can match the path's extension plus the other patterns, still
 * in list order (the built-in list has dozens of extension entries before {@code *}). The result is the same as a
 * scan of the whole list.
 */
public final class MappingTable {
    private final HandlerMapping[] entries;
    private final AccessPolicy accessPolicy;
    /** How many lookups' answers a table keeps: a power of two, the slot chosen by the path's and verb's hashes. */
    private static final int ANSWERS = 64;
    /** The longest path whose answer is kept (a long path is rare, and 64 of them should not stay in memory). */
    private static final int MAX_REMEMBERED_PATH = 256;

    /** A lookup's answer: the table never changes, so a verb and path map the same way every time. */
    private record Answer(String verb, String filePath, @Nullable HandlerMapping mapping) {}

    /**
     * The last answers, one per slot, shared by every thread that maps with this table (the common paths of a site
     * are a few: a hit costs a hash and two comparisons instead of the extension's index and the patterns); unused
     * when an entry's resource type makes the answer depend on the disk.
     */
    private final @Nullable Answer[] answers = new Answer[ANSWERS];

    /** Whether an entry has a resource type (only then is a lookup's probe consulted). */
    private final boolean probes;
    /**
     * Per lower-case extension: the positions that may match it (its extension entries and every other entry but
     * those whose pattern requires another extension).
     */
    private final Map<String, int[]> byExtension = new HashMap<>();
    /** The positions of the entries that are not plain extension patterns (for paths with no indexed extension). */
    private final int[] others;
    /**
     * {@link #others} less the entries whose pattern requires an extension (trace.axd and the like): the candidates of
     * a path without one, such as an extensionless route.
     */
    private final int[] extensionless;
    /**
     * Per position: a plain extension pattern, which matches every path whose extension indexes it, so that reached
     * through {@link #byExtension} only its verbs are tested (no pattern matching per request).
     */
    private final boolean[] extensionOnly;

    private MappingTable(List<HandlerMapping> entries, AccessPolicy accessPolicy) {
        this.entries = entries.toArray(HandlerMapping[]::new);
        this.accessPolicy = accessPolicy;
        this.probes = entries.stream().anyMatch(e -> e.resourceType() != ResourceType.UNSPECIFIED);
        List<Integer> rest = new ArrayList<>();
        Map<String, List<Integer>> exts = new LinkedHashMap<>();
        this.extensionOnly = new boolean[this.entries.length];
        for (int i = 0; i < this.entries.length; i++) {
            String[] e = this.entries[i].path().extensions();
            if (e == null) {
                rest.add(i);
            } else {
                extensionOnly[i] = true;
                for (String ext : e) {
                    exts.computeIfAbsent(ext, k -> new ArrayList<>()).add(i);
                }
            }
        }
        this.others = rest.stream().mapToInt(Integer::intValue).toArray();
        this.extensionless = rest.stream()
                .filter(i -> this.entries[i].path().requiredExtensions() == null)
                .mapToInt(Integer::intValue)
                .toArray();
        for (Map.Entry<String, List<Integer>> x : exts.entrySet()) {
            TreeSet<Integer> merged = new TreeSet<>(x.getValue());
            for (int i : rest) {
                // An entry such as trace.axd can only match paths ending in .axd: left out of the other lists.
                String[] required = this.entries[i].path().requiredExtensions();
                if (required == null || Arrays.asList(required).contains(x.getKey())) {
                    merged.add(i);
                }
            }
            byExtension.put(
                    x.getKey(), merged.stream().mapToInt(Integer::intValue).toArray());
        }
    }

    /** The classic table of {@code entries}, in the order they are tried (every access granted). */
    public static MappingTable of(List<HandlerMapping> entries) {
        return new MappingTable(entries, AccessPolicy.ALL);
    }

    /** The table of {@code entries}, in the order they are tried, under {@code accessPolicy}. */
    public static MappingTable of(List<HandlerMapping> entries, AccessPolicy accessPolicy) {
        return new MappingTable(entries, accessPolicy);
    }

    /** The access the folder grants ({@code <handlers accessPolicy>}; everything for a classic table). */
    public AccessPolicy accessPolicy() {
        return accessPolicy;
    }

    /**
     * The first entry that maps {@code verb} on {@code filePath}, or {@code null}; an entry with a resource type
     * applies only when nothing is on disk (see {@link #find(String, String, ResourceProbe)}).
     */
    public @Nullable HandlerMapping find(String verb, String filePath) {
        return find(verb, filePath, ResourceProbe.NOTHING);
    }

    /**
     * The first entry that maps {@code verb} on {@code filePath} and whose resource type admits what {@code probe}
     * says is on disk (asked once, when the first such entry is reached), or {@code null}.
     */
    public @Nullable HandlerMapping find(String verb, String filePath, ResourceProbe probe) {
        if (probes || filePath.length() > MAX_REMEMBERED_PATH) {
            return lookUp(verb, filePath, probe); // the answer depends on the disk, or the path is not worth keeping
        }
        Answer[] kept = answers;
        int slot = (filePath.hashCode() * 31 + verb.hashCode()) & (ANSWERS - 1);
        Answer a = kept[slot];
        if (a != null && a.filePath().equals(filePath) && a.verb().equals(verb)) {
            return a.mapping();
        }
        HandlerMapping m = lookUp(verb, filePath, probe);
        kept[slot] = new Answer(verb, filePath, m); // racy by design: an answer is immutable, and any one is right
        return m;
    }

    private @Nullable HandlerMapping lookUp(String verb, String filePath, ResourceProbe probe) {
        int slash = filePath.lastIndexOf('/');
        int dot = filePath.lastIndexOf('.');
        int[] candidates = dot > slash ? others : extensionless;
        boolean indexed = false;
        if (dot > slash) {
            String ext = asciiLowerCase(filePath, dot + 1);
            if (ext == null) {
                return scanAll(verb, filePath, probe); // non-ASCII: case folding is the pattern matcher's business
            }
            int[] c = byExtension.get(ext);
            if (c != null) {
                candidates = c;
                indexed = true;
            }
        }
        if (!probes) {
            for (int i : candidates) {
                if (matches(i, indexed, verb, filePath)) {
                    return entries[i];
                }
            }
            return null;
        }
        ResourceProbe.Kind kind = null;
        for (int i : candidates) {
            if (matches(i, indexed, verb, filePath)) {
                HandlerMapping e = entries[i];
                if (e.resourceType() == ResourceType.UNSPECIFIED) {
                    return e;
                }
                if (kind == null) {
                    kind = probe.kind(filePath);
                }
                if (e.resourceType().admits(kind)) {
                    return e;
                }
            }
        }
        return null;
    }

    /** Whether entry {@code i} maps the request; {@code indexed}: reached through the path's extension's list. */
    private boolean matches(int i, boolean indexed, String verb, String filePath) {
        HandlerMapping e = entries[i];
        return indexed && extensionOnly[i] ? e.matchesVerb(verb) : e.matches(verb, filePath);
    }

    /** {@link #find} by testing every entry in order (what the index must agree with). */
    @Nullable
    HandlerMapping scanAll(String verb, String filePath) {
        return scanAll(verb, filePath, ResourceProbe.NOTHING);
    }

    private @Nullable HandlerMapping scanAll(String verb, String filePath, ResourceProbe probe) {
        for (HandlerMapping e : entries) {
            if (e.matches(verb, filePath)
                    && (e.resourceType() == ResourceType.UNSPECIFIED
                            || e.resourceType().admits(probe.kind(filePath)))) {
                return e;
            }
        }
        return null;
    }

    /** {@code s} from {@code from}, ASCII lower case; null when it holds a non-ASCII character. */
    private static @Nullable String asciiLowerCase(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return null;
            }
        }
        return s.substring(from).toLowerCase(Locale.ROOT);
    }

    /** The entries in order. */
    public List<HandlerMapping> entries() {
        return List.of(entries);
    }
}
