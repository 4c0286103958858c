package dev.conduit.internal.mapping;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@code <system.webServer><handlers accessPolicy>}: the kinds of access a folder grants; an entry whose {@code
 * requireAccess} is not granted answers 403 (IIS's 403.1 for script and execute, 403.2 for read, 403.3 for write).
 * {@code NoRemoteRead} and its siblings take the grant back for requests that do not come from this machine.
 */
public final class AccessPolicy {
    /** What a handler entry requires ({@code requireAccess}; {@code Script} unless set). */
    public enum Access {
        /** Nothing. */
        NONE,
        /** Read. */
        READ,
        /** Write. */
        WRITE,
        /** Script (granted by Script or Execute). */
        SCRIPT,
        /** Execute. */
        EXECUTE;

        /** The value {@code text} names, ignoring case; null for none. */
        public static @Nullable Access parse(String text) {
            return switch (text.trim().toLowerCase(Locale.ROOT)) {
                case "none" -> NONE;
                case "read" -> READ;
                case "write" -> WRITE;
                case "script" -> SCRIPT;
                case "execute" -> EXECUTE;
                default -> null;
            };
        }
    }

    private enum Flag {
        NONE,
        READ,
        WRITE,
        EXECUTE,
        SOURCE,
        SCRIPT,
        NOREMOTEREAD,
        NOREMOTEWRITE,
        NOREMOTEEXECUTE,
        NOREMOTESCRIPT
    }

    /** Every access, for classic tables (System.Web has no access policy). */
    public static final AccessPolicy ALL = new AccessPolicy(
            "Read, Write, Script, Execute", EnumSet.of(Flag.READ, Flag.WRITE, Flag.SCRIPT, Flag.EXECUTE));

    private final String text;
    private final Set<Flag> flags;

    private AccessPolicy(String text, Set<Flag> flags) {
        this.text = text;
        this.flags = flags;
    }

    /**
     * The policy {@code text} spells ({@code Read, Script}), or null when a part names no flag ({@link #problem}
     * says which).
     */
    public static @Nullable AccessPolicy parse(String text) {
        EnumSet<Flag> flags = EnumSet.noneOf(Flag.class);
        for (String part : text.split(",", -1)) {
            Flag f = flag(part);
            if (f == null) {
                return null;
            }
            flags.add(f);
        }
        return new AccessPolicy(text, flags);
    }

    /** What is wrong with {@code text} as an access policy, or null. */
    public static @Nullable String problem(String text) {
        for (String part : text.split(",", -1)) {
            if (flag(part) == null) {
                return "accessPolicy has an unknown flag '" + part.trim() + "' (known: None, Read, Write, Execute,"
                        + " Source, Script, NoRemoteRead, NoRemoteWrite, NoRemoteExecute, NoRemoteScript)";
            }
        }
        return null;
    }

    private static @Nullable Flag flag(String part) {
        try {
            return Flag.valueOf(part.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The policy as written. */
    public String text() {
        return text;
    }

    /**
     * Why a request that needs {@code required} is refused here, as IIS words it, or null when it is granted.
     *
     * @param local whether the request comes from this machine
     */
    public @Nullable String denial(Access required, boolean local) {
        boolean granted =
                switch (required) {
                    case NONE -> true;
                    case READ -> has(Flag.READ, Flag.NOREMOTEREAD, local);
                    case WRITE -> has(Flag.WRITE, Flag.NOREMOTEWRITE, local);
                    case SCRIPT ->
                        has(Flag.SCRIPT, Flag.NOREMOTESCRIPT, local) || has(Flag.EXECUTE, Flag.NOREMOTEEXECUTE, local);
                    case EXECUTE -> has(Flag.EXECUTE, Flag.NOREMOTEEXECUTE, local);
                };
        if (granted) {
            return null;
        }
        return switch (required) {
            case READ ->
                "Read access is forbidden here (IIS 403.2): the handlers' accessPolicy \"" + text
                        + "\" does not grant Read.";
            case WRITE ->
                "Write access is forbidden here (IIS 403.3): the handlers' accessPolicy \"" + text
                        + "\" does not grant Write.";
            default ->
                "Execute access is denied here (IIS 403.1): the handlers' accessPolicy \"" + text + "\" does not grant "
                        + (required == Access.SCRIPT ? "Script" : "Execute") + ".";
        };
    }

    private boolean has(Flag grant, Flag noRemote, boolean local) {
        return flags.contains(grant) && (local || !flags.contains(noRemote));
    }

    @Override
    public String toString() {
        return text;
    }
}
