package dev.conduit.services.internal;

import dev.conduit.ConfigurationException.Problem;
import dev.conduit.config.ConfigElement;
import dev.conduit.config.ElementChecks;
import dev.conduit.config.KeyedCollection;
import dev.conduit.config.Section;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The web services' settings for a path: {@code <system.web><webServices><protocols>} (which protocols a service
 * answers, add/remove/clear over the levels; the built-in level enables HttpSoap12, HttpSoap, HttpPostLocalhost and
 * Documentation, as .NET's machine configuration does) and {@code <system.web.extensions><scripting><webServices>
 * <jsonSerialization maxJsonLength>} (the longest JSON a script call may send or receive, in characters; default
 * 102,400 as ASP.NET's section).
 *
 * @param protocols the names of the enabled protocols, lower case
 * @param maxJsonLength the longest JSON request or response, in characters
 */
record WebServicesSettings(Set<String> protocols, int maxJsonLength) {
    /** ASP.NET's default maxJsonLength for script services ({@code ScriptingJsonSerializationSection}'s). */
    static final int DEFAULT_MAX_JSON_LENGTH = 102_400;

    private static final Set<String> NAMES = Set.of(
            "httpsoap",
            "httpsoap12",
            "anyhttpsoap",
            "httpget",
            "httppost",
            "httppostlocalhost",
            "documentation",
            "unknown");

    private static final KeyedCollection.Policy PROTOCOLS = KeyedCollection.Policy.of(
            "protocol",
            "name",
            KeyedCollection.Order.INHERITED_FIRST,
            KeyedCollection.Duplicate.REPLACE_IN_PLACE,
            false,
            true);

    /** {@code <system.web><webServices>}: the protocols. */
    static final Section<Set<String>> PROTOCOLS_SECTION = Section.builder("system.web/webServices", levels -> {
                List<ConfigElement> collections = new ArrayList<>();
                for (ConfigElement level : levels) {
                    ConfigElement p = level.child("protocols");
                    if (p != null) {
                        collections.add(p);
                    }
                }
                Set<String> names = new LinkedHashSet<>();
                for (ConfigElement add : KeyedCollection.merge(PROTOCOLS, collections, new ArrayList<>())) {
                    String name = add.attr("name");
                    if (name != null) {
                        names.add(name.toLowerCase(Locale.ROOT));
                    }
                }
                return Set.copyOf(names);
            })
            .check(WebServicesSettings::checkWebServices)
            .advice((e, warnings) -> {
                for (ConfigElement child : e.children()) {
                    if (!child.name().equals("protocols")) {
                        warnings.add(child.where() + ": <webServices><" + child.name() + "> has no effect in Conduit");
                    }
                }
            })
            .build();

    /** {@code <system.web.extensions><scripting><webServices><jsonSerialization>}: maxJsonLength. */
    static final Section<Integer> JSON_SECTION = Section.builder(
                    "system.web.extensions/scripting/webServices/jsonSerialization", levels -> {
                        int max = DEFAULT_MAX_JSON_LENGTH;
                        for (ConfigElement level : levels) {
                            String v = level.attr("maxJsonLength");
                            if (v != null) {
                                max = Integer.parseInt(v.trim());
                            }
                        }
                        return max;
                    })
            .check((e, problems) -> {
                ElementChecks.attributes(e, Set.of("maxJsonLength", "recursionLimit"), problems);
                String v = e.attr("maxJsonLength");
                if (v != null) {
                    try {
                        if (Integer.parseInt(v.trim()) < 1) {
                            problems.add(e.problem("maxJsonLength must be a positive number: '" + v + "'"));
                        }
                    } catch (NumberFormatException bad) {
                        problems.add(e.problem("maxJsonLength must be a positive number: '" + v + "'"));
                    }
                }
            })
            .build();

    private static void checkWebServices(ConfigElement e, List<Problem> problems) {
        ConfigElement protocols = e.child("protocols");
        if (protocols == null) {
            return;
        }
        ElementChecks.keyedLines(protocols, "name", List.of(), List.of(), problems);
        for (ConfigElement line : protocols.children()) {
            String name = line.attr("name");
            if (name != null && !NAMES.contains(name.toLowerCase(Locale.ROOT))) {
                problems.add(line.problem("unknown protocol '" + name + "' (HttpSoap, HttpSoap12, AnyHttpSoap,"
                        + " HttpGet, HttpPost, HttpPostLocalhost, Documentation)"));
            }
        }
    }

    private boolean has(String name) {
        return protocols.contains(name);
    }

    /** Whether SOAP 1.1 is answered. */
    boolean soap11() {
        return has("httpsoap") || has("anyhttpsoap");
    }

    /** Whether SOAP 1.2 is answered. */
    boolean soap12() {
        return has("httpsoap12") || has("anyhttpsoap");
    }

    /** Whether {@code GET /Service.asmx/Op?a=1} is answered. */
    boolean httpGet() {
        return has("httpget");
    }

    /** Whether a form POST to {@code /Service.asmx/Op} is answered, from {@code local} callers or any. */
    boolean httpPost(boolean local) {
        return has("httppost") || local && has("httppostlocalhost");
    }

    /** Whether the help page test form may post (HttpPost, or HttpPostLocalhost for a local caller). */
    boolean testForm(boolean local) {
        return httpPost(local);
    }

    /** Whether the help page, the WSDL and the discovery documents are served. */
    boolean documentation() {
        return has("documentation");
    }
}
