package dev.conduit.internal.pipeline;

import dev.conduit.HttpException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A request target split into a decoded, normalized path and the raw query string.
 *
 * <p>This is the first line of defence against path traversal, so it is strict: the path must be in origin form;
 * percent escapes must be well formed and decode to valid UTF-8 (overlong forms such as {@code %c0%ae} are invalid
 * UTF-8 and rejected); an encoded slash ({@code %2f}), any backslash (raw or {@code %5c}), NUL and other control
 * characters are rejected; {@code .} and {@code ..} segments are resolved (RFC 3986 §5.2.4) and a {@code ..} that
 * would climb above the root is rejected; empty segments are collapsed. Every rejection is a 400. The resulting path
 * therefore has no segment that is empty, {@code .} or {@code ..}, and contains no {@code \} or NUL, so joining it to
 * the site folder can never leave that folder lexically (symbolic links are checked where files are opened).
 *
 * @param path the decoded, normalized path, starting with {@code /}; a trailing {@code /} is kept
 * @param query the raw query string without the {@code ?}, still encoded; empty when there is none
 */
public record RequestTarget(String path, String query) {

    /**
     * Parses {@code rawTarget}, the request target as received. Most targets need no decoding and no normalizing:
     * one pass over the characters finds out (the path of every request goes through here).
     */
    public static RequestTarget parse(String rawTarget) {
        int length = rawTarget.length();
        if (length == 0 || rawTarget.charAt(0) != '/') {
            throw bad("the request target must be an absolute path");
        }
        int q = -1;
        boolean escaped = false;
        boolean backslash = false;
        boolean dotOrEmptySegment = false; // a "/" followed by "." or "/" in the path: it may need normalizing
        for (int i = 0; i < length; i++) {
            char c = rawTarget.charAt(i);
            if (c <= 0x20 || c >= 0x7f || c == '#') {
                throw bad("the request target contains a character that must be percent-encoded");
            }
            if (q >= 0) {
                continue;
            }
            switch (c) {
                case '?' -> q = i;
                case '%' -> escaped = true;
                case '\\' -> backslash = true;
                case '/' -> {
                    if (i + 1 < length) {
                        char next = rawTarget.charAt(i + 1);
                        dotOrEmptySegment |= next == '.' || next == '/';
                    }
                }
                default -> {}
            }
        }
        String rawPath = q < 0 ? rawTarget : rawTarget.substring(0, q);
        String query = q < 0 ? "" : rawTarget.substring(q + 1);
        if (!escaped) {
            if (backslash) {
                throw bad("backslashes are not allowed in paths");
            }
            return new RequestTarget(dotOrEmptySegment ? normalize(rawPath) : rawPath, query);
        }
        return new RequestTarget(normalize(decode(rawPath)), query);
    }

    private static String decode(String rawPath) {
        if (rawPath.indexOf('%') < 0) {
            if (rawPath.indexOf('\\') >= 0) {
                throw bad("backslashes are not allowed in paths");
            }
            return rawPath;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(rawPath.length());
        for (int i = 0; i < rawPath.length(); i++) {
            char c = rawPath.charAt(i);
            if (c == '%') {
                if (i + 2 >= rawPath.length()) {
                    throw bad("incomplete percent escape in the path");
                }
                int hi = Character.digit(rawPath.charAt(i + 1), 16);
                int lo = Character.digit(rawPath.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw bad("invalid percent escape in the path");
                }
                int b = hi * 16 + lo;
                if (b == '/') {
                    throw bad("encoded slashes (%2F) are not allowed in paths");
                }
                bytes.write(b);
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        String decoded;
        try {
            CharBuffer chars = decoder.decode(ByteBuffer.wrap(bytes.toByteArray()));
            decoded = chars.toString();
        } catch (CharacterCodingException e) {
            throw bad("the path is not valid UTF-8");
        }
        for (int i = 0; i < decoded.length(); i++) {
            char c = decoded.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw bad("control characters are not allowed in paths");
            }
            if (c == '\\') {
                throw bad("backslashes are not allowed in paths");
            }
        }
        return decoded;
    }

    private static String normalize(String path) {
        boolean trailingSlash = path.length() > 1 && path.endsWith("/");
        if (!needsNormalizing(path)) {
            return path;
        }
        List<String> out = new ArrayList<>();
        boolean endsAsFolder = trailingSlash;
        for (String segment : path.split("/")) {
            switch (segment) {
                case "" -> {}
                case "." -> endsAsFolder = true;
                case ".." -> {
                    if (out.isEmpty()) {
                        throw bad("the path climbs above the root");
                    }
                    out.remove(out.size() - 1);
                    endsAsFolder = true;
                }
                default -> {
                    out.add(segment);
                    endsAsFolder = false;
                }
            }
        }
        if (path.endsWith("/")) {
            endsAsFolder = true;
        }
        StringBuilder sb = new StringBuilder(path.length());
        for (String s : out) {
            sb.append('/').append(s);
        }
        if (sb.isEmpty() || endsAsFolder) {
            sb.append('/');
        }
        return sb.toString();
    }

    private static boolean needsNormalizing(String path) {
        return path.contains("//")
                || path.contains("/./")
                || path.contains("/../")
                || path.endsWith("/.")
                || path.endsWith("/..");
    }

    private static HttpException bad(String why) {
        return new HttpException(400, "Bad Request: " + why + ".");
    }
}
