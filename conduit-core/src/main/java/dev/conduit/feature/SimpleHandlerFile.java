package dev.conduit.feature;

import dev.conduit.HttpException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A file of System.Web's simple handler kinds ({@code .ashx} with {@code <%@ WebHandler %>}, {@code .asmx} with {@code
 * <%@ WebService %>}): its main directive and the Java source after it (spec §4), as {@code SimpleWebHandlerParser}
 * reads them. Exactly one main directive (name and attribute names case-insensitive, attributes in any order); {@code
 * Class} required; {@code Language} optional and {@code Java} when given (Conduit compiles Java only); {@code Debug},
 * {@code WarningLevel}, {@code CompilerOptions}, {@code Description} and {@code CodeBehind} accepted; {@code <%@
 * Assembly %>} accepted; any other attribute or directive is an error.
 *
 * @param className the {@code Class} attribute
 * @param source the text after the directives (blank when the class is in App_Code or {@code bin/})
 * @param sourceLine the 1-based line where {@code source} starts, for compiler messages
 */
public record SimpleHandlerFile(String className, String source, int sourceLine) {
    private static final Pattern DIRECTIVE =
            Pattern.compile("<%@\\s*([A-Za-z]+)((?:\\s+[A-Za-z]+\\s*=\\s*\"[^\"]*\")*)\\s*%>");
    private static final Pattern ATTRIBUTE = Pattern.compile("([A-Za-z]+)\\s*=\\s*\"([^\"]*)\"");
    private static final Set<String> KNOWN =
            Set.of("class", "language", "debug", "warninglevel", "compileroptions", "description", "codebehind");

    /**
     * Parses the file at {@code url} with contents {@code text}, whose main directive is {@code directive} ({@code
     * WebHandler}, {@code WebService}).
     *
     * @throws HttpException 500 "Parser error" naming the file and the rule broken
     */
    public static SimpleHandlerFile parse(String url, String text, String directive) {
        int pos = 0;
        Map<String, String> attributes = null;
        while (true) {
            int start = skipWhitespace(text, pos);
            if (!text.startsWith("<%@", start)) {
                break;
            }
            Matcher m = DIRECTIVE.matcher(text).region(start, text.length());
            if (!m.lookingAt()) {
                throw parserError(url, "malformed directive at line " + line(text, start));
            }
            String name = m.group(1);
            if (name.equalsIgnoreCase(directive)) {
                if (attributes != null) {
                    throw parserError(url, "there can be only one <%@ " + directive + " %> directive");
                }
                attributes = attributes(url, m.group(2), directive);
            } else if (!name.equalsIgnoreCase("Assembly")) {
                throw parserError(url, "unknown directive '" + name + "'");
            }
            pos = m.end();
        }
        if (attributes == null) {
            throw parserError(url, "the file does not have a <%@ " + directive + " %> directive");
        }
        String className = attributes.get("class");
        if (className == null || className.isBlank()) {
            throw parserError(url, "the <%@ " + directive + " %> directive needs a Class attribute");
        }
        String language = attributes.getOrDefault("language", "Java");
        if (!language.equalsIgnoreCase("Java")) {
            throw parserError(url, "Language '" + language + "' is not supported; Conduit compiles Java");
        }
        return new SimpleHandlerFile(className.trim(), text.substring(pos), line(text, pos));
    }

    /** Whether the class is written in the file, rather than in App_Code or {@code bin/}. */
    public boolean inline() {
        return !source.isBlank();
    }

    private static Map<String, String> attributes(String url, String text, String directive) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = ATTRIBUTE.matcher(text);
        while (m.find()) {
            String name = m.group(1).toLowerCase(Locale.ROOT);
            if (!KNOWN.contains(name)) {
                throw parserError(url, "unknown attribute '" + m.group(1) + "' on <%@ " + directive + " %>");
            }
            if (out.put(name, m.group(2)) != null) {
                throw parserError(url, "the attribute '" + m.group(1) + "' is given twice");
            }
        }
        return out;
    }

    private static int skipWhitespace(String text, int from) {
        int i = from;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int line(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static HttpException parserError(String url, String message) {
        return new HttpException(500, "Parser error in " + url + ": " + message + ".");
    }
}
