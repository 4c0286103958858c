package dev.conduit.internal.mapping;

import dev.conduit.internal.config.HandlerAction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The effective, ordered handler list of one configuration path: scanned top to bottom, first match wins, no
 * "most specific" scoring (spec §2.4).
 */
public final class MappingTable {
    private final HandlerMapping[] entries;

    private MappingTable(List<HandlerMapping> entries) {
        this.entries = entries.toArray(HandlerMapping[]::new);
    }

    /**
     * Merges configuration levels, outermost (the built-in root) first, as System.Web's AddRemoveClearMapAlternate
     * collection does (spec appendix A): within a level, {@code <clear/>} drops everything so far, {@code <remove>}
     * drops the entry with the same key (a miss is silent), and {@code <add>} drops any entry with its key and
     * appends itself to the level's block; after each level, its block goes <em>ahead of</em> the inherited list.
     */
    public static MappingTable merge(List<List<HandlerAction>> levels) {
        // Keys are unique in the list at every moment, so a key-ordered map models the list exactly.
        LinkedHashMap<String, HandlerAction.Add> inherited = new LinkedHashMap<>();
        for (List<HandlerAction> level : levels) {
            LinkedHashMap<String, HandlerAction.Add> local = new LinkedHashMap<>();
            for (HandlerAction action : level) {
                switch (action) {
                    case HandlerAction.Clear clear -> {
                        inherited.clear();
                        local.clear();
                    }
                    case HandlerAction.Remove remove -> {
                        inherited.remove(remove.key());
                        local.remove(remove.key());
                    }
                    case HandlerAction.Add add -> {
                        inherited.remove(add.key());
                        local.remove(add.key());
                        local.put(add.key(), add);
                    }
                }
            }
            if (!local.isEmpty()) {
                LinkedHashMap<String, HandlerAction.Add> merged = new LinkedHashMap<>(local);
                for (Map.Entry<String, HandlerAction.Add> e : inherited.entrySet()) {
                    merged.putIfAbsent(e.getKey(), e.getValue());
                }
                inherited = merged;
            }
        }
        List<HandlerMapping> compiled = new ArrayList<>(inherited.size());
        for (HandlerAction.Add add : inherited.values()) {
            compiled.add(HandlerMapping.of(add));
        }
        return new MappingTable(compiled);
    }

    /** The first entry that maps {@code verb} on {@code filePath}, or {@code null}. */
    public @Nullable HandlerMapping find(String verb, String filePath) {
        for (HandlerMapping e : entries) {
            if (e.matches(verb, filePath)) {
                return e;
            }
        }
        return null;
    }

    /** The entries in order. */
    public List<HandlerMapping> entries() {
        return List.of(entries);
    }
}
