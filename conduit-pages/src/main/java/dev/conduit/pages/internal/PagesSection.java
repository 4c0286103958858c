package dev.conduit.pages.internal;

import dev.conduit.ConfigurationException.Problem;
import dev.conduit.config.ConfigElement;
import dev.conduit.config.ElementChecks;
import dev.conduit.config.Section;
import dev.conduit.web.ui.ClientIDMode;
import dev.conduit.web.ui.ParsedValues;
import dev.conduit.web.ui.ViewStateEncryptionMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code <system.web><pages>}: the defaults of the pages and user controls under a folder. Conduit acts on {@code
 * masterPageFile} (for content pages that name no master), {@code enableSessionState}, {@code clientIDMode}, {@code
 * enableViewState}, {@code enableEventValidation}, {@code viewStateEncryptionMode} (each a default a page's directive
 * overrides), {@code <controls>} (tag prefixes registered for every file) and {@code <namespaces>} (imports); ASP.NET 4's other
 * attributes are accepted with a warning each. Levels merge attribute by attribute, the nearest winning; {@code
 * <controls>} and {@code <namespaces>} collect {@code <add>}s over the levels ({@code <clear/>} and {@code
 * <remove namespace>} as in ASP.NET).
 */
final class PagesSection {
    private static final Set<String> EFFECTIVE = Set.of(
            "masterpagefile",
            "enablesessionstate",
            "clientidmode",
            "enableviewstate",
            "enableeventvalidation",
            "viewstateencryptionmode",
            "maintainscrollpositiononpostback");
    private static final Set<String> ATTRIBUTES = Set.of(
            "asynctimeout",
            "autoeventwireup",
            "buffer",
            "clientidmode",
            "compilationmode",
            "controlrenderingcompatibilityversion",
            "enableeventvalidation",
            "enablesessionstate",
            "enableviewstate",
            "enableviewstatemac",
            "maintainscrollpositiononpostback",
            "masterpagefile",
            "maxpagestatefieldlength",
            "pagebasetype",
            "pageparserfiltertype",
            "renderallhiddenfieldsattopofform",
            "smartnavigation",
            "stylesheettheme",
            "theme",
            "usercontrolbasetype",
            "validaterequest",
            "viewstateencryptionmode");

    static final Section<PagesSettings> SECTION = Section.builder("system.web/pages", PagesSection::merge)
            .check(PagesSection::check)
            .advice(PagesSection::advise)
            .build();

    private PagesSection() {}

    private static void check(ConfigElement e, List<Problem> problems) {
        for (String a : e.attributes().keySet()) {
            if (!ATTRIBUTES.contains(a.toLowerCase(Locale.ROOT))) {
                problems.add(e.problem("unknown attribute '" + a + "' of <pages>"));
            }
        }
        String session = e.attr("enableSessionState");
        if (session != null && !Set.of("true", "false", "readonly").contains(session.toLowerCase(Locale.ROOT))) {
            problems.add(e.problem("enableSessionState must be true, false or ReadOnly: '" + session + "'"));
        }
        String mode = e.attr("clientIDMode");
        if (mode != null && ParsedValues.enumConstant(ClientIDMode.class, mode) == null) {
            problems.add(e.problem("clientIDMode must be AutoID, Predictable, Static or Inherit: '" + mode + "'"));
        }
        for (String flag : List.of("enableViewState", "enableEventValidation", "maintainScrollPositionOnPostBack")) {
            String v = e.attr(flag);
            if (v != null && !v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
                problems.add(e.problem(flag + " must be true or false: '" + v + "'"));
            }
        }
        String encryption = e.attr("viewStateEncryptionMode");
        if (encryption != null && ParsedValues.enumConstant(ViewStateEncryptionMode.class, encryption) == null) {
            problems.add(e.problem("viewStateEncryptionMode must be Auto, Always or Never: '" + encryption + "'"));
        }
        for (ConfigElement child : e.children()) {
            switch (child.name()) {
                case "controls" -> {
                    for (ConfigElement add : child.children()) {
                        if (add.name().equals("add")) {
                            ElementChecks.attributes(
                                    add, Set.of("tagPrefix", "namespace", "assembly", "tagName", "src"), problems);
                            ElementChecks.required(add, "tagPrefix", problems);
                            boolean uc = add.attr("tagName") != null && add.attr("src") != null;
                            if (uc == (add.attr("namespace") != null)) {
                                problems.add(add.problem("<add> takes tagPrefix with namespace, or tagPrefix with"
                                        + " tagName and src"));
                            }
                        } else if (!add.name().equals("clear") && !add.name().equals("remove")) {
                            problems.add(add.problem("unknown element <" + add.name() + "> in <controls>"));
                        }
                    }
                }
                case "namespaces" -> {
                    for (ConfigElement add : child.children()) {
                        if (add.name().equals("add") || add.name().equals("remove")) {
                            ElementChecks.attributes(add, Set.of("namespace"), problems);
                            ElementChecks.required(add, "namespace", problems);
                        } else if (!add.name().equals("clear")) {
                            problems.add(add.problem("unknown element <" + add.name() + "> in <namespaces>"));
                        }
                    }
                }
                case "tagMapping", "ignoreDeviceFilters" -> {}
                default -> problems.add(child.problem("unknown element <" + child.name() + "> in <pages>"));
            }
        }
    }

    private static void advise(ConfigElement e, List<String> warnings) {
        for (String a : e.attributes().keySet()) {
            if (!EFFECTIVE.contains(a.toLowerCase(Locale.ROOT))) {
                warnings.add(e.where() + ": <pages " + a + "> has no effect in Conduit");
            }
        }
        for (ConfigElement child : e.children()) {
            if (child.name().equals("tagMapping") || child.name().equals("ignoreDeviceFilters")) {
                warnings.add(child.where() + ": <" + child.name() + "> has no effect in Conduit");
            }
        }
    }

    private static PagesSettings merge(List<ConfigElement> levels) {
        String master = null;
        String session = "true";
        ClientIDMode mode = null;
        Boolean viewState = null;
        Boolean eventValidation = null;
        ViewStateEncryptionMode encryption = null;
        Boolean scroll = null;
        List<PagesSettings.Registration> controls = new ArrayList<>();
        List<String> namespaces = new ArrayList<>();
        for (ConfigElement level : levels) {
            String m = attr(level, "masterPageFile");
            if (m != null) {
                master = m.isBlank() ? null : m;
            }
            String s = attr(level, "enableSessionState");
            if (s != null) {
                session = s;
            }
            String c = attr(level, "clientIDMode");
            if (c != null) {
                mode = (ClientIDMode) ParsedValues.enumConstant(ClientIDMode.class, c);
            }
            String v = attr(level, "enableViewState");
            if (v != null) {
                viewState = Boolean.parseBoolean(v.trim());
            }
            String ev = attr(level, "enableEventValidation");
            if (ev != null) {
                eventValidation = Boolean.parseBoolean(ev.trim());
            }
            String sc = attr(level, "maintainScrollPositionOnPostBack");
            if (sc != null) {
                scroll = Boolean.parseBoolean(sc.trim());
            }
            String enc = attr(level, "viewStateEncryptionMode");
            if (enc != null) {
                encryption = (ViewStateEncryptionMode) ParsedValues.enumConstant(ViewStateEncryptionMode.class, enc);
            }
            for (ConfigElement child : level.children()) {
                for (ConfigElement item : child.children()) {
                    if (child.name().equals("controls")) {
                        switch (item.name()) {
                            case "clear" -> controls.clear();
                            case "remove" ->
                                controls.removeIf(r -> r.tagPrefix().equalsIgnoreCase(item.attr("tagPrefix"))
                                        && (item.attr("namespace") == null
                                                || item.attr("namespace").equals(r.namespace()))
                                        && (item.attr("tagName") == null
                                                || item.attr("tagName").equalsIgnoreCase(r.tagName())));
                            case "add" ->
                                controls.add(new PagesSettings.Registration(
                                        item.attr("tagPrefix"),
                                        item.attr("namespace"),
                                        item.attr("tagName"),
                                        item.attr("src")));
                            default -> {}
                        }
                    } else if (child.name().equals("namespaces")) {
                        switch (item.name()) {
                            case "clear" -> namespaces.clear();
                            case "add" -> namespaces.add(item.attr("namespace"));
                            case "remove" -> namespaces.remove(item.attr("namespace"));
                            default -> {}
                        }
                    }
                }
            }
        }
        return new PagesSettings(
                master,
                session,
                mode,
                viewState,
                eventValidation,
                encryption,
                scroll,
                List.copyOf(controls),
                List.copyOf(namespaces));
    }

    private static @org.jspecify.annotations.Nullable String attr(ConfigElement e, String name) {
        for (var a : e.attributes().entrySet()) {
            if (a.getKey().equalsIgnoreCase(name)) {
                return a.getValue();
            }
        }
        return null;
    }
}
