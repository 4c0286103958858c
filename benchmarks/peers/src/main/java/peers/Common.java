package peers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** What every server shares: the payloads, per TechEmpower's rules. */
final class Common {
    static final String TEXT = "Hello, World!";
    static final byte[] TEXT_BYTES = TEXT.getBytes(StandardCharsets.US_ASCII);
    static final String TEXT_TYPE = "text/plain";
    static final String JSON_TYPE = "application/json";

    /**
     * The 16 KiB static file, the same bytes as the Conduit benchmark site's static16k.bin; raw Netty serves it from
     * memory (the fastest a server can), as the baseline for Conduit's file serving.
     */
    static final byte[] STATIC_16K = staticFile();

    private static byte[] staticFile() {
        byte[] b = new byte[16 * 1024];
        new java.util.Random(16).nextBytes(b);
        return b;
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** A new object serialized on every request, as TechEmpower's /json test requires. */
    record Message(String message) {}

    static byte[] json() {
        try {
            return MAPPER.writeValueAsBytes(new Message(TEXT));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US);

    /** The current time as an HTTP Date header value (for servers that do not add one themselves). */
    static String httpDate() {
        return HTTP_DATE.format(ZonedDateTime.now(ZoneOffset.UTC));
    }

    private Common() {}
}
