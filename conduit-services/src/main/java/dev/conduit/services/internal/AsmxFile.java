package dev.conduit.services.internal;

import dev.conduit.HttpException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An {@code .asmx} file: its {@code <%@ WebService ... %>} directive and the Java source after it, as System.Web's
 * {@code WebServiceParser} (the {@code .ashx} rules with the directive named {@code WebService}): exactly one such
 * directive, {@code Class} required, {@code Language} Java when given; {@code Debug}, {@code WarningLevel}, {@code
 * CompilerOptions}, {@code Description} and {@code CodeBehind} accepted; {@code <%@ Assembly %>} accepted; anything
 * else an error. With no source after the directive, the class comes from App_Code or {@code bin/}.
 *
 * @param className the {@code Class} attribute
 * @param source the text after the directives (blank when the class is elsewhere)
 * @param sourceLine the 1-based line where {@code source} starts
 */
record AsmxFile(String className, String source, int sourceLine) {
    private static final Pattern DIRECTIVE =
            Pattern.compile("<%@\\s*([A-Za-z]+)((?:\\s+[A-Za-z]+\\s*=\\s*\"[^\"]*\")*)\\s*%>");
    private static final Pattern ATTRIBUTE = Pattern.compile("([A-Za-z]+)\\s*=\\s*\"([^\"]*)\"");
    private static final Set<String> KNOWN =
            Set.of("class", "language", "debug", "warninglevel", "compileroptions", "description", "codebehind");

    /**
     * Parses the file {@code url} with contents {@code text}.
     *
     * @throws HttpException 500 "Parser error" naming the file and the rule broken
     */
    static AsmxFile parse(String url, String text) {
        int pos = 0;
        Map<String, String> attributes = null;
        while (true) {
            int start = pos;
            while (start < text.length() && Character.isWhitespace(text.charAt(start))) {
                start++;
            }
            if (!text.startsWith("<%@", start)) {
                break;
            }
            Matcher m = DIRECTIVE.matcher(text).region(start, text.length());
            if (!m.lookingAt()) {
                throw parserError(url, "malformed directive at line " + line(text, start));
            }
            String name = m.group(1);
            if (name.equalsIgnoreCase("WebService")) {
                if (attributes != null) {
                    throw parserError(url, "there can be only one <%@ WebService %> directive");
                }
                attributes = new LinkedHashMap<>();
                Matcher a = ATTRIBUTE.matcher(m.group(2));
                while (a.find()) {
                    String key = a.group(1).toLowerCase(Locale.ROOT);
                    if (!KNOWN.contains(key)) {
                        throw parserError(
                                url,
                                "the attribute '" + a.group(1) + "' is not supported by the"
                                        + " <%@ WebService %> directive");
                    }
                    if (attributes.put(key, a.group(2)) != null) {
                        throw parserError(url, "the attribute '" + a.group(1) + "' appears twice");
                    }
                }
            } else if (!name.equalsIgnoreCase("Assembly")) {
                throw parserError(url, "unknown directive '" + name + "' (an .asmx file has one <%@ WebService %>)");
            }
            pos = m.end();
        }
        if (attributes == null) {
            throw parserError(url, "the file does not have a <%@ WebService %> directive");
        }
        String language = attributes.get("language");
        if (language != null && !language.equalsIgnoreCase("Java")) {
            throw parserError(url, "Language=\"" + language + "\": Conduit compiles services written in Java");
        }
        String className = attributes.get("class");
        if (className == null || className.isBlank()) {
            throw parserError(url, "the <%@ WebService %> directive needs a Class attribute");
        }
        return new AsmxFile(className.trim(), text.substring(pos), line(text, pos));
    }

    /** Whether the class is written in the file (rather than in App_Code or bin). */
    boolean inline() {
        return !source.isBlank();
    }

    private static int line(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static HttpException parserError(String url, String why) {
        return new HttpException(500, "Parser error in " + url + ": " + why + ".");
    }
}
