/**
 * The demo site's image server: {@code /images/*.jpg} and friends resized on request, cached on disk, and computed on
 * a bounded pool behind an async handler. Start with {@link demo.images.ImageHandler} (the handler and its
 * parameters and settings); the work is split between {@code ResizeRequest} (what the query asks for), {@code
 * ImageCodecs} (decoding with limits, encoding), {@code ImageResizer} (geometry and Thumbnailator) and {@code
 * VariantCache} (the disk cache that computes each variant once).
 */
@NullMarked
package demo.images;

import org.jspecify.annotations.NullMarked;
