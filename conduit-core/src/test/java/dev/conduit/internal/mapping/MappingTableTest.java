package dev.conduit.internal.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.config.ConfigElement;
import dev.conduit.config.Source;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Merging {@code <httpHandlers>} levels and scanning the result (spec §2.1, §2.4 and appendix A). Levels are given
 * outermost first; each entry's type is a short name so the expected order reads at a glance.
 */
class MappingTableTest {
    private int line;

    private ConfigElement add(String verb, String path, String type) {
        return line("add", Map.of("verb", verb, "path", path, "type", type));
    }

    private ConfigElement remove(String verb, String path) {
        return line("remove", Map.of("verb", verb, "path", path));
    }

    private ConfigElement clear() {
        return line("clear", Map.of());
    }

    private ConfigElement line(String name, Map<String, String> attributes) {
        return new ConfigElement(name, attributes, List.of(), new Source(null, ++line));
    }

    /** Merges levels of {@code <httpHandlers>} lines, outermost first, through the section's own merge. */
    @SafeVarargs
    private static MappingTable merge(List<ConfigElement>... levels) {
        List<ConfigElement> sections = new ArrayList<>();
        for (List<ConfigElement> lines : levels) {
            sections.add(new ConfigElement("httpHandlers", Map.of(), lines, new Source(null, 0)));
        }
        return HttpHandlersSection.merge(sections);
    }

    private static List<String> types(MappingTable table) {
        return table.entries().stream().map(HandlerMapping::type).toList();
    }

    private static @Nullable String found(MappingTable table, String verb, String path) {
        HandlerMapping m = table.find(verb, path);
        return m == null ? null : m.type();
    }

    @Test
    void keepsDocumentOrderWithinOneLevel() {
        MappingTable t = merge(List.of(add("*", "*.a", "A"), add("*", "*.b", "B"), add("*", "*.c", "C")));

        assertThat(types(t)).containsExactly("A", "B", "C");
    }

    @Test
    void firstMatchWinsWithoutSpecificityScoring() {
        MappingTable t =
                merge(List.of(add("*", "*", "Star"), add("*", "*.later", "Later"), add("GET", "x.later", "X")));

        assertThat(found(t, "GET", "/x.later")).isEqualTo("Star");
    }

    @Test
    void entryMustMatchVerbAndPathBoth() {
        MappingTable t =
                merge(List.of(add("POST", "*.x", "PostX"), add("GET", "*.y", "GetY"), add("GET", "*.x", "GetX")));

        assertThat(found(t, "GET", "/a.x")).isEqualTo("GetX");
        assertThat(found(t, "POST", "/a.x")).isEqualTo("PostX");
        assertThat(found(t, "PUT", "/a.x")).isNull();
    }

    @Test
    void childEntriesComeBeforeInheritedOnesAcrossThreeLevels() {
        MappingTable t = merge(
                List.of(add("*", "*.r1", "R1"), add("*", "*.r2", "R2")),
                List.of(add("*", "*.a1", "A1"), add("*", "*.a2", "A2")),
                List.of(add("*", "*.s1", "S1")));

        assertThat(types(t)).containsExactly("S1", "A1", "A2", "R1", "R2");
    }

    @Test
    void deepestLevelWinsForTheSamePathWithDifferentVerbLists() {
        MappingTable t = merge(
                List.of(add("*", "*.lvl", "Root")),
                List.of(add("GET,POST", "*.lvl", "App")),
                List.of(add("GET", "*.lvl", "Sub")));

        assertThat(found(t, "GET", "/a/b/x.lvl")).isEqualTo("Sub");
        assertThat(found(t, "POST", "/a/b/x.lvl")).isEqualTo("App");
        assertThat(found(t, "PUT", "/a/b/x.lvl")).isEqualTo("Root");
    }

    @Test
    void duplicateAddAtSameLevelReplacesAndTakesTheLaterPosition() {
        MappingTable t = merge(List.of(add("*", "*.k", "First"), add("*", "*.l", "L"), add("*", "*.k", "Second")));

        assertThat(types(t)).containsExactly("L", "Second");
    }

    @Test
    void duplicateKeysCompareIgnoringCase() {
        MappingTable t = merge(List.of(add("get", "*.K", "Lower"), add("*", "*.l", "L"), add("GET", "*.k", "Upper")));

        assertThat(types(t)).containsExactly("L", "Upper");
    }

    @Test
    void addWithAnInheritedKeyMovesAheadOfAllInheritedEntries() {
        MappingTable t = merge(
                List.of(add("*", "*.k", "K"), add("*", "*.l", "L"), add("*", "*.m", "M")),
                List.of(add("*", "*.m", "ChildM")));

        assertThat(types(t)).containsExactly("ChildM", "K", "L");
    }

    @Test
    void addWithAnInheritedKeyShadowsEntriesThatUsedToComeFirst() {
        MappingTable t =
                merge(List.of(add("*", "*", "CatchAll"), add("*", "*.x", "X")), List.of(add("*", "*.x", "X2")));

        assertThat(found(t, "GET", "/a.x")).isEqualTo("X2");
    }

    @Test
    void removeDropsAnInheritedEntryByExactKey() {
        MappingTable t = merge(List.of(add("GET", "*.x", "X"), add("*", "*.y", "Y")), List.of(remove("GET", "*.x")));

        assertThat(types(t)).containsExactly("Y");
    }

    @Test
    void removeComparesKeysIgnoringCase() {
        MappingTable t = merge(List.of(add("GET", "*.x", "X")), List.of(remove("get", "*.X")));

        assertThat(types(t)).isEmpty();
    }

    @Test
    void removeWithoutTheSpaceDoesNotRemoveAnEntryWrittenWithOne() {
        MappingTable t = merge(List.of(add("GET, POST", "*.x", "X")), List.of(remove("GET,POST", "*.x")));

        assertThat(types(t)).containsExactly("X");
        assertThat(found(t, "POST", "/a.x")).isEqualTo("X");
    }

    @Test
    void removeWithStarVerbDoesNotRemoveAGetEntry() {
        MappingTable t = merge(List.of(add("GET", "*.x", "X")), List.of(remove("*", "*.x")));

        assertThat(types(t)).containsExactly("X");
    }

    @Test
    void removeOfAMissingKeyIsSilent() {
        MappingTable t = merge(List.of(add("*", "*.x", "X")), List.of(remove("*", "*.nothing"), add("*", "*.y", "Y")));

        assertThat(types(t)).containsExactly("Y", "X");
    }

    @Test
    void removeDropsAnEntryAddedEarlierAtTheSameLevel() {
        MappingTable t = merge(List.of(add("*", "*.x", "X"), remove("*", "*.x"), add("*", "*.y", "Y")));

        assertThat(types(t)).containsExactly("Y");
    }

    @Test
    void clearDropsInheritedEntriesAndEarlierLocalOnes() {
        MappingTable t = merge(
                List.of(add("*", "*", "RootCatchAll")),
                List.of(add("*", "*.early", "Early"), clear(), add("*", "*.late", "Late")));

        assertThat(types(t)).containsExactly("Late");
        assertThat(found(t, "GET", "/a.txt")).isNull();
        assertThat(found(t, "GET", "/a.early")).isNull();
    }

    @Test
    void clearLeavesNothingToMatch() {
        MappingTable t = merge(List.of(add("*", "*", "RootCatchAll")), List.of(clear()));

        assertThat(t.entries()).isEmpty();
        assertThat(found(t, "GET", "/")).isNull();
    }

    @Test
    void entriesAfterClearAtOneLevelStillGoAheadOfDeeperLevelsInheritance() {
        MappingTable t = merge(
                List.of(add("*", "*.r", "R")), List.of(clear(), add("*", "*.a", "A")), List.of(add("*", "*.s", "S")));

        assertThat(types(t)).containsExactly("S", "A");
    }

    @Test
    void emptyLevelsChangeNothing() {
        MappingTable t = merge(List.of(add("*", "*.a", "A"), add("*", "*.b", "B")), List.of(), List.of());

        assertThat(types(t)).containsExactly("A", "B");
    }

    /**
     * The extension index must give exactly what a scan of the whole list gives: a table mixing plain extension
     * entries (one and several alternatives, upper case), verb-limited ones, exact names, folder patterns, wildcard
     * extensions and a final {@code *}, against generated paths (case variants, several dots, no extension, a trailing
     * dot, folders, non-ASCII extensions including the Kelvin sign, which folds to {@code k}).
     */
    @Test
    void extensionIndexAgreesWithAFullScan() {
        // The root level (its *.aspx, *. and *) comes first in the call, and ends up last in the list.
        MappingTable t = merge(
                List.of(add("*", "*.aspx", "Page"), add("*", "*.", "Dot"), add("*", "*", "Static")),
                List.of(
                        add("*", "trace.axd", "Trace"),
                        add("GET,HEAD", "*.rss,*.FEED", "Feed"),
                        add("POST", "*.rss", "PostRss"),
                        add("*", "api/*", "Api"),
                        add("*", "*.t?t", "Wild"),
                        add("*", "*.tar.gz", "TarGz"),
                        add("GET", "*.k", "K"),
                        add("*", "*_Svc.axd", "Svc"), // requires .axd: left out of the other extensions' lists
                        add("GET", "*.AXD", "AnyAxd")));
        String[] names = {"a", "trace", "x.y", "api", "", "a_svc"};
        String[] exts = {"rss", "RSS", "Feed", "txt", "tXt", "gz", "tar.gz", "k", "\u212a", "é", "aspx", "", "axd"};
        String[] verbs = {"GET", "HEAD", "POST", "PUT"};
        java.util.Random random = new java.util.Random(42);
        int checked = 0;
        for (int n = 0; n < 5_000; n++) {
            StringBuilder path = new StringBuilder();
            int depth = random.nextInt(3);
            for (int d = 0; d < depth; d++) {
                path.append('/').append(names[random.nextInt(names.length)]);
            }
            path.append('/').append(names[random.nextInt(names.length)]);
            int form = random.nextInt(4);
            if (form > 0) {
                path.append('.').append(exts[random.nextInt(exts.length)]);
            }
            if (form == 3 && random.nextBoolean()) {
                path.append('/');
            }
            String verb = verbs[random.nextInt(verbs.length)];
            assertThat(t.find(verb, path.toString()))
                    .as("%s %s", verb, path)
                    .isEqualTo(t.scanAll(verb, path.toString()));
            checked++;
        }
        assertThat(checked).isEqualTo(5_000);
        assertThat(found(t, "GET", "/x/a.\u212a")).isEqualTo("K"); // the Kelvin sign folds to k: found by the scan
        assertThat(found(t, "GET", "/news.FeEd")).isEqualTo("Feed");
        assertThat(found(t, "POST", "/news.rss")).isEqualTo("PostRss");
        assertThat(found(t, "GET", "/x.txt")).isEqualTo("Wild");
        assertThat(found(t, "GET", "/x.png")).isEqualTo("Static");
        assertThat(types(t))
                .containsExactly(
                        "Trace", "Feed", "PostRss", "Api", "Wild", "TarGz", "K", "Svc", "AnyAxd", "Page", "Dot",
                        "Static");
        assertThat(found(t, "POST", "/trace.AXD")).isEqualTo("Trace");
        assertThat(found(t, "POST", "/b/A_SVC.axd")).isEqualTo("Svc");
        assertThat(found(t, "GET", "/b/x.axd")).isEqualTo("AnyAxd");
        assertThat(found(t, "GET", "/trace.rss")).isEqualTo("Feed");
    }
}
