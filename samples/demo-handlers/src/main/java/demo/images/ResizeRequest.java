package demo.images;

import dev.conduit.HttpException;
import dev.conduit.NameValueCollection;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * What a request asks of an image: its {@code w}, {@code h}, {@code mode}, {@code format} and {@code quality} query
 * parameters, checked and with defaults filled in, so that two requests asking for the same output have equal
 * {@link #canonical()} forms (the cache key).
 *
 * @param width the requested width in pixels, or 0 when not given
 * @param height the requested height in pixels, or 0 when not given
 * @param mode how the image is fitted to the requested box
 * @param format the output format
 * @param quality the encoder quality, 1..100, for lossy formats; 0 for lossless ones
 */
record ResizeRequest(int width, int height, Mode mode, Format format, int quality) {
    /** The quality of lossy output when the request names none. */
    static final int DEFAULT_QUALITY = 85;

    private static final List<String> PARAMETERS = List.of("w", "h", "mode", "format", "quality");

    /** How the source is fitted to the requested width and height. */
    enum Mode {
        /** Fits inside the box, keeping the aspect ratio; never enlarges. The default. */
        MAX,
        /** Fills the box exactly, keeping the aspect ratio: what does not fit is cut off evenly on both sides. */
        CROP,
        /** Fits inside the box, keeping the aspect ratio, and fills the rest evenly (transparent, or white in JPEG). */
        PAD,
        /** Fills the box exactly, distorting the image when the aspect ratios differ. */
        STRETCH
    }

    /** An output format. */
    enum Format {
        JPG("jpeg", "jpg", "image/jpeg", true, false),
        PNG("png", "png", "image/png", false, true),
        WEBP("webp", "webp", "image/webp", true, true);

        private final String imageIoName;
        private final String extension;
        private final String mediaType;
        private final boolean lossy;
        private final boolean alpha;

        Format(String imageIoName, String extension, String mediaType, boolean lossy, boolean alpha) {
            this.imageIoName = imageIoName;
            this.extension = extension;
            this.mediaType = mediaType;
            this.lossy = lossy;
            this.alpha = alpha;
        }

        /** The ImageIO format name of the writer. */
        String imageIoName() {
            return imageIoName;
        }

        /** The file extension of cached variants, and the parameter value. */
        String extension() {
            return extension;
        }

        /** The Content-Type of the response. */
        String mediaType() {
            return mediaType;
        }

        /** Tells whether {@code quality} applies. */
        boolean lossy() {
            return lossy;
        }

        /** Tells whether the format keeps transparency. */
        boolean alpha() {
            return alpha;
        }

        /** The format output takes when the request names none: JPEG for a JPEG file, PNG for anything else. */
        static Format defaultFor(String fileName) {
            String name = fileName.toLowerCase(Locale.ROOT);
            return name.endsWith(".jpg") || name.endsWith(".jpeg") ? JPG : PNG;
        }
    }

    /** Tells whether the query names any of the image parameters; without them the original file is served. */
    static boolean isPresent(NameValueCollection query) {
        for (String name : PARAMETERS) {
            if (query.contains(name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Reads and checks the parameters.
     *
     * @param query the request's query string
     * @param defaultFormat the output format when {@code format} is absent
     * @param maxOutput the largest width or height allowed
     * @param writable tells which formats this server can write
     * @throws HttpException with status 400 and a message naming the parameter, the rule and the value
     */
    static ResizeRequest parse(
            NameValueCollection query, Format defaultFormat, int maxOutput, Predicate<Format> writable) {
        int width = dimension(query, "w", maxOutput);
        int height = dimension(query, "h", maxOutput);
        String modeText = single(query, "mode");
        Mode mode = modeText == null ? Mode.MAX : mode(modeText);
        String formatText = single(query, "format");
        Format format = formatText == null ? defaultFormat : format(formatText, writable);
        String qualityText = single(query, "quality");
        int quality = qualityText == null ? DEFAULT_QUALITY : wholeNumber("quality", qualityText, 1, 100);
        return new ResizeRequest(width, height, mode, format, format.lossy() ? quality : 0);
    }

    /** The request in one normalized line: equal for requests that ask for the same output. */
    String canonical() {
        return "w=" + width + ";h=" + height + ";mode=" + mode.name().toLowerCase(Locale.ROOT) + ";format="
                + format.extension() + ";quality=" + quality;
    }

    private static int dimension(NameValueCollection query, String name, int maxOutput) {
        String text = single(query, name);
        return text == null ? 0 : wholeNumber(name, text, 1, maxOutput);
    }

    private static Mode mode(String text) {
        for (Mode m : Mode.values()) {
            if (m.name().equalsIgnoreCase(text)) {
                return m;
            }
        }
        throw new HttpException(400, "mode must be one of max, crop, pad, stretch: '" + text + "'");
    }

    private static Format format(String text, Predicate<Format> writable) {
        String name = text.toLowerCase(Locale.ROOT);
        Format format =
                switch (name) {
                    case "jpg", "jpeg" -> Format.JPG;
                    case "png" -> Format.PNG;
                    case "webp" -> Format.WEBP;
                    default -> throw new HttpException(400, "format must be one of jpg, png, webp: '" + text + "'");
                };
        if (!writable.test(format)) {
            throw new HttpException(
                    400,
                    "format=" + name + " is not available on this server: no " + format.imageIoName()
                            + " encoder is installed (such files can still be read and converted to jpg or png)");
        }
        return format;
    }

    private static int wholeNumber(String name, String text, int min, int max) {
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // the 400 below says what is wanted
        }
        throw new HttpException(400, name + " must be a whole number from " + min + " to " + max + ": '" + text + "'");
    }

    /** The parameter's one value, or null when absent; given twice it is ambiguous, so 400. */
    private static @Nullable String single(NameValueCollection query, String name) {
        List<String> values = query.getAll(name);
        if (values.size() > 1) {
            throw new HttpException(400, name + " is given more than once");
        }
        return values.isEmpty() ? null : values.get(0);
    }
}
