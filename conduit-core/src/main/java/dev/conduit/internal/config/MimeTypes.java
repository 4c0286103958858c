package dev.conduit.internal.config;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The built-in MIME map and System.Web's lookup rule.
 *
 * <p>The table follows IIS's classic list for the old types and adds the modern ones it lacks (json, svg, woff2,
 * wasm, webp, avif, mjs...); where the classic value is obsolete ({@code .js} as {@code application/x-javascript})
 * the current registered type is used instead.
 */
public final class MimeTypes {
    /** The default for an unknown extension, as System.Web's {@code .*} entry. */
    public static final String FALLBACK = "application/octet-stream";

    /** Extension (lower case, with the dot) to media type. */
    public static final Map<String, String> BUILT_IN = table(
            ".html", "text/html",
            ".htm", "text/html",
            ".xhtml", "application/xhtml+xml",
            ".css", "text/css",
            ".js", "text/javascript",
            ".mjs", "text/javascript",
            ".map", "application/json",
            ".json", "application/json",
            ".jsonld", "application/ld+json",
            ".webmanifest", "application/manifest+json",
            ".txt", "text/plain",
            ".text", "text/plain",
            ".log", "text/plain",
            ".md", "text/markdown",
            ".csv", "text/csv",
            ".tsv", "text/tab-separated-values",
            ".ics", "text/calendar",
            ".vcf", "text/vcard",
            ".xml", "text/xml",
            ".xsl", "text/xml",
            ".xslt", "application/xslt+xml",
            ".xsd", "text/xml",
            ".dtd", "application/xml-dtd",
            ".rss", "application/rss+xml",
            ".atom", "application/atom+xml",
            ".png", "image/png",
            ".apng", "image/apng",
            ".jpg", "image/jpeg",
            ".jpeg", "image/jpeg",
            ".jpe", "image/jpeg",
            ".jfif", "image/jpeg",
            ".gif", "image/gif",
            ".bmp", "image/bmp",
            ".ico", "image/x-icon",
            ".svg", "image/svg+xml",
            ".svgz", "image/svg+xml",
            ".webp", "image/webp",
            ".avif", "image/avif",
            ".heic", "image/heic",
            ".heif", "image/heif",
            ".tif", "image/tiff",
            ".tiff", "image/tiff",
            ".jxl", "image/jxl",
            ".woff", "font/woff",
            ".woff2", "font/woff2",
            ".ttf", "font/ttf",
            ".otf", "font/otf",
            ".eot", "application/vnd.ms-fontobject",
            ".wasm", "application/wasm",
            ".pdf", "application/pdf",
            ".zip", "application/zip",
            ".gz", "application/gzip",
            ".tgz", "application/gzip",
            ".bz2", "application/x-bzip2",
            ".xz", "application/x-xz",
            ".7z", "application/x-7z-compressed",
            ".tar", "application/x-tar",
            ".rar", "application/vnd.rar",
            ".br", "application/octet-stream",
            ".mp3", "audio/mpeg",
            ".m4a", "audio/mp4",
            ".aac", "audio/aac",
            ".oga", "audio/ogg",
            ".ogg", "audio/ogg",
            ".opus", "audio/opus",
            ".wav", "audio/wav",
            ".flac", "audio/flac",
            ".weba", "audio/webm",
            ".mid", "audio/midi",
            ".midi", "audio/midi",
            ".mp4", "video/mp4",
            ".m4v", "video/mp4",
            ".mpeg", "video/mpeg",
            ".mpg", "video/mpeg",
            ".ogv", "video/ogg",
            ".webm", "video/webm",
            ".mov", "video/quicktime",
            ".avi", "video/x-msvideo",
            ".wmv", "video/x-ms-wmv",
            ".mkv", "video/x-matroska",
            ".m3u8", "application/vnd.apple.mpegurl",
            ".ts", "video/mp2t",
            ".vtt", "text/vtt",
            ".srt", "application/x-subrip",
            ".doc", "application/msword",
            ".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            ".xls", "application/vnd.ms-excel",
            ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ".ppt", "application/vnd.ms-powerpoint",
            ".pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            ".odt", "application/vnd.oasis.opendocument.text",
            ".ods", "application/vnd.oasis.opendocument.spreadsheet",
            ".odp", "application/vnd.oasis.opendocument.presentation",
            ".rtf", "application/rtf",
            ".epub", "application/epub+zip",
            ".swf", "application/x-shockwave-flash",
            ".exe", "application/octet-stream",
            ".dll", "application/x-msdownload",
            ".msi", "application/octet-stream",
            ".bin", "application/octet-stream",
            ".iso", "application/octet-stream",
            ".dmg", "application/octet-stream",
            ".apk", "application/vnd.android.package-archive",
            ".jar", "application/java-archive",
            ".yaml", "application/yaml",
            ".yml", "application/yaml",
            ".toml", "application/toml",
            ".pem", "application/x-pem-file",
            ".crt", "application/x-x509-ca-cert",
            ".cer", "application/pkix-cert",
            ".gpx", "application/gpx+xml",
            ".kml", "application/vnd.google-earth.kml+xml",
            ".glb", "model/gltf-binary",
            ".gltf", "model/gltf+json");

    private MimeTypes() {}

    private static Map<String, String> table(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return Map.copyOf(m);
    }

    /**
     * The media type for {@code fileName} in {@code map}, as System.Web's {@code MimeMapping}: case-insensitive,
     * candidate extensions tried left to right from the first dot ({@code a.min.js} tries {@code .min.js}, then
     * {@code .js}), so compound entries win; {@link #FALLBACK} when none matches.
     */
    public static String lookup(Map<String, String> map, String fileName) {
        int slash = Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\'));
        String name = fileName.substring(slash + 1).toLowerCase(Locale.ROOT);
        int dot = name.indexOf('.');
        while (dot >= 0) {
            String type = map.get(name.substring(dot));
            if (type != null) {
                return type;
            }
            dot = name.indexOf('.', dot + 1);
        }
        return FALLBACK;
    }
}
