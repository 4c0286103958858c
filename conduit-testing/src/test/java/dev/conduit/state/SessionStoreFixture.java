package dev.conduit.state;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The store a session behaviour test runs against. The tests of this package use the in-process store; a store's own
 * module runs the same tests against it by overriding their {@code store()} (see conduit-session-redis), so every
 * store passes one suite. A test that needs what only some stores do (a test clock that moves the store's time,
 * live objects, Session_End) asks the fixture and is skipped, with its reason, where the store cannot.
 */
public interface SessionStoreFixture {
    /** The in-process store, the default: it keeps time by the runtime's clock. */
    SessionStoreFixture IN_PROC = new SessionStoreFixture() {
        @Override
        public String apply(String systemWeb) {
            return systemWeb;
        }

        @Override
        public String name() {
            return "InProc";
        }
    };

    /** {@code systemWeb} (a test site's root {@code <system.web>} content) made to use this store. */
    String apply(String systemWeb);

    /** The store's name, for messages. */
    String name();

    /** Whether the store keeps time by the runtime's clock, so that a test clock moves expiry and lock ages. */
    default boolean followsRuntimeClock() {
        return true;
    }

    /** Whether the store keeps live objects (no serialization) and reports ended sessions (Session_End). */
    default boolean inProcess() {
        return true;
    }

    /**
     * A fixture for a Custom-mode store: every {@code <sessionState>} the tests write (or none) becomes {@code
     * mode="Custom"} with this provider, unless it turns sessions off.
     *
     * @param name the store's name, for messages
     * @param providerAdd the {@code <providers><add name="store" .../>} line; its name must be {@code store}
     */
    static SessionStoreFixture custom(String name, String providerAdd) {
        Pattern tag = Pattern.compile("<sessionState([^>]*?)(/?)>");
        return new SessionStoreFixture() {
            @Override
            public String apply(String systemWeb) {
                if (systemWeb.contains("mode=\"Off\"")) {
                    return systemWeb;
                }
                String providers = "<providers>" + providerAdd + "</providers>";
                Matcher m = tag.matcher(systemWeb);
                if (!m.find()) {
                    return systemWeb + "<sessionState mode=\"Custom\" customProvider=\"store\">" + providers
                            + "</sessionState>";
                }
                String attrs = m.group(1).replaceAll("\\s*mode=\"[^\"]*\"", "");
                String open = "<sessionState" + attrs + " mode=\"Custom\" customProvider=\"store\">" + providers;
                return systemWeb.substring(0, m.start())
                        + open
                        + (m.group(2).isEmpty() ? "" : "</sessionState>")
                        + systemWeb.substring(m.end());
            }

            @Override
            public String name() {
                return name;
            }

            @Override
            public boolean followsRuntimeClock() {
                return false;
            }

            @Override
            public boolean inProcess() {
                return false;
            }
        };
    }
}
