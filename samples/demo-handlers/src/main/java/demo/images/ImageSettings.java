package demo.images;

import dev.conduit.HttpContext;
import dev.conduit.HttpException;

/**
 * The image server's limits and sizes, from {@code <appSettings>} (see {@link ImageHandler} for the keys); read per
 * request, so a folder's web.config can change them for that folder.
 *
 * @param maxOutput the largest output width or height, in pixels
 * @param maxSourcePixels the most pixels a source may have; larger ones are refused before decoding
 * @param cacheBytes the size bound of the variant cache on disk
 * @param threads the resize pool's threads
 * @param queue how many resize jobs may wait for a thread
 * @param maxAgeSeconds the {@code max-age} of the Cache-Control header
 */
record ImageSettings(int maxOutput, long maxSourcePixels, long cacheBytes, int threads, int queue, long maxAgeSeconds) {

    /** Reads the settings that apply to the request's path; a key that is absent takes its default. */
    static ImageSettings of(HttpContext context) {
        return new ImageSettings(
                (int) read(context, "images.maxOutput", 4096, 1, 65_535),
                read(context, "images.maxMegapixels", 50, 1, 1_000) * 1_000_000L,
                read(context, "images.cacheBytes", 256L * 1024 * 1024, 0, Long.MAX_VALUE),
                (int) read(
                        context,
                        "images.threads",
                        Math.max(2, Runtime.getRuntime().availableProcessors()),
                        1,
                        256),
                (int) read(context, "images.queue", 256, 1, 100_000),
                read(context, "images.maxAge", 86_400, 0, Integer.MAX_VALUE));
    }

    /** The Cache-Control value of images and their variants. */
    String cacheControl() {
        return "public, max-age=" + maxAgeSeconds;
    }

    private static long read(HttpContext context, String key, long defaultValue, long min, long max) {
        String text = context.appSetting(key);
        if (text == null) {
            return defaultValue;
        }
        try {
            long value = Long.parseLong(text.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // the 500 below names the key
        }
        // A site's configuration mistake, not the client's: 500, with the key and the rule for the log.
        throw new HttpException(
                500, "appSetting " + key + " must be a whole number from " + min + " to " + max + ": '" + text + "'");
    }
}
