package dev.conduit.internal.config;

import dev.conduit.ConfigurationException.Problem;
import dev.conduit.config.ConfigElement;
import dev.conduit.config.ElementChecks;
import dev.conduit.config.KeyedCollection;
import dev.conduit.config.Section;
import dev.conduit.internal.config.FolderConfig.ConnectionString;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code <appSettings>} and {@code <connectionStrings>}, at any level.
 *
 * <p>Merge policy for both: a level's entries come after the inherited ones; an {@code <add>} of a key present
 * replaces its value in place; {@code <remove>} of a missing key is silent; keys compare as written.
 */
public final class AppSettings {
    private AppSettings() {}

    /** The {@code <appSettings>} merge policy. */
    public static final KeyedCollection.Policy SETTINGS_POLICY = KeyedCollection.Policy.of(
            "setting",
            "key",
            KeyedCollection.Order.INHERITED_FIRST,
            KeyedCollection.Duplicate.REPLACE_IN_PLACE,
            false,
            false);

    /** The {@code <connectionStrings>} merge policy. */
    public static final KeyedCollection.Policy CONNECTIONS_POLICY = KeyedCollection.Policy.of(
            "connection string",
            "name",
            KeyedCollection.Order.INHERITED_FIRST,
            KeyedCollection.Duplicate.REPLACE_IN_PLACE,
            false,
            false);

    /** {@code <appSettings>}: values by key. */
    public static final Section<Map<String, String>> APP_SETTINGS = Section.builder("appSettings", levels -> {
                Map<String, String> out = new LinkedHashMap<>();
                for (ConfigElement add : KeyedCollection.merge(SETTINGS_POLICY, levels, new ArrayList<>())) {
                    out.put(
                            add.attributes().getOrDefault("key", ""),
                            add.attributes().getOrDefault("value", ""));
                }
                return Collections.unmodifiableMap(out);
            })
            .check(AppSettings::checkAppSettings)
            .overlayFile("file")
            .build();

    /** {@code <connectionStrings>}: entries by name. */
    public static final Section<Map<String, ConnectionString>> CONNECTION_STRINGS = Section.builder(
                    "connectionStrings", levels -> {
                        Map<String, ConnectionString> out = new LinkedHashMap<>();
                        for (ConfigElement add : KeyedCollection.merge(CONNECTIONS_POLICY, levels, new ArrayList<>())) {
                            String name = add.attributes().getOrDefault("name", "");
                            out.put(
                                    name,
                                    new ConnectionString(
                                            name,
                                            add.attributes().getOrDefault("connectionString", ""),
                                            add.attributes().getOrDefault("providerName", "")));
                        }
                        return Collections.unmodifiableMap(out);
                    })
            .check((e, problems) -> {
                ElementChecks.noAttributes(e, problems);
                ElementChecks.keyedLines(e, "name", List.of("connectionString"), List.of("providerName"), problems);
            })
            .build();

    private static void checkAppSettings(ConfigElement e, List<Problem> problems) {
        // configSource never reaches a check: the parser reads the section from that file instead.
        ElementChecks.attributes(e, Set.of("file"), problems);
        ElementChecks.keyedLines(e, "key", List.of("value"), List.of(), problems);
    }
}
