package demo.images;

import demo.images.ResizeRequest.Format;
import dev.conduit.HttpException;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import net.coobird.thumbnailator.Thumbnails;
import net.coobird.thumbnailator.resizers.configurations.AlphaInterpolation;
import net.coobird.thumbnailator.resizers.configurations.Rendering;

/**
 * Turns a request's parameters into output geometry, and a decoded image into the output pixels.
 *
 * <p>Geometry, for a source of {@code sw×sh} and a request of {@code w×h}: a missing {@code w} or {@code h} is
 * derived from the other and the source's aspect ratio (neither: the source size). Then {@code max} fits the image
 * inside {@code w×h} keeping the ratio and never enlarges; {@code crop}, {@code pad} and {@code stretch} always give
 * exactly {@code w×h} (cutting off evenly, filling evenly, or distorting). The plan is computed from the header
 * alone, so an output over the limit is refused before the source is decoded.
 *
 * <p>Pixels: Thumbnailator resizes (progressive bilinear steps when shrinking by more than half, bilinear or bicubic
 * otherwise, quality rendering hints), which is what keeps thin lines and text legible in thumbnails where a single
 * {@code drawImage} step would alias them. Transparency is kept for PNG and WebP; JPEG output is flattened onto
 * white.
 */
final class ImageResizer {
    private ImageResizer() {}

    /**
     * Where the pixels go: the part of the source used, the size it is scaled to, and where that lands on an output
     * canvas of {@code outWidth×outHeight}.
     */
    record Plan(Rectangle region, int contentWidth, int contentHeight, int outWidth, int outHeight) {
        /** Tells whether the output is the source unchanged in size. */
        boolean isIdentity(int sourceWidth, int sourceHeight) {
            return region.x == 0
                    && region.y == 0
                    && region.width == sourceWidth
                    && region.height == sourceHeight
                    && contentWidth == sourceWidth
                    && contentHeight == sourceHeight
                    && outWidth == sourceWidth
                    && outHeight == sourceHeight;
        }

        /** Tells whether the content is smaller than the canvas (pad mode leaves borders). */
        boolean hasBorders() {
            return contentWidth != outWidth || contentHeight != outHeight;
        }
    }

    /**
     * Plans the output for a source of {@code sw×sh}.
     *
     * @throws HttpException 400 when the output would be wider or taller than {@code maxOutput}
     */
    static Plan plan(int sw, int sh, ResizeRequest request, int maxOutput) {
        int bw = request.width() > 0
                ? request.width()
                : request.height() > 0 ? scale(request.height(), (double) sw / sh) : sw;
        int bh = request.height() > 0
                ? request.height()
                : request.width() > 0 ? scale(request.width(), (double) sh / sw) : sh;
        Rectangle whole = new Rectangle(0, 0, sw, sh);
        Plan plan =
                switch (request.mode()) {
                    case MAX -> {
                        double s = Math.min(1.0, Math.min((double) bw / sw, (double) bh / sh));
                        int w = scale(sw, s);
                        int h = scale(sh, s);
                        yield new Plan(whole, w, h, w, h);
                    }
                    case STRETCH -> new Plan(whole, bw, bh, bw, bh);
                    case CROP -> new Plan(cropRegion(sw, sh, bw, bh), bw, bh, bw, bh);
                    case PAD -> {
                        double s = Math.min((double) bw / sw, (double) bh / sh);
                        yield new Plan(whole, Math.min(bw, scale(sw, s)), Math.min(bh, scale(sh, s)), bw, bh);
                    }
                };
        if (plan.outWidth() > maxOutput || plan.outHeight() > maxOutput) {
            throw new HttpException(
                    400,
                    "The output would be " + plan.outWidth() + "x" + plan.outHeight()
                            + " pixels; the largest allowed is " + maxOutput + "x" + maxOutput + ".");
        }
        return plan;
    }

    /** The centred part of the source with the box's aspect ratio. */
    private static Rectangle cropRegion(int sw, int sh, int bw, int bh) {
        double box = (double) bw / bh;
        if ((double) sw / sh > box) {
            int w = Math.min(sw, scale(sh, box));
            return new Rectangle((sw - w) / 2, 0, w, sh);
        }
        int h = Math.min(sh, scale(sw, 1 / box));
        return new Rectangle(0, (sh - h) / 2, sw, h);
    }

    private static int scale(int length, double factor) {
        return (int) Math.max(1, Math.round(length * factor));
    }

    /** Produces the output pixels of {@code plan} from {@code source}, ready for {@code format}'s encoder. */
    static BufferedImage render(BufferedImage source, Plan plan, Format format) {
        boolean sourceAlpha = source.getColorModel().hasAlpha();
        BufferedImage content = plan.isIdentity(source.getWidth(), source.getHeight())
                ? source
                : scale(source, plan, sourceAlpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        boolean needsCanvas = plan.hasBorders()
                || (!format.alpha() && content.getColorModel().hasAlpha())
                || !encodable(content, format);
        if (!needsCanvas) {
            return content;
        }
        boolean transparent = format.alpha() && (sourceAlpha || plan.hasBorders());
        BufferedImage canvas = new BufferedImage(
                plan.outWidth(),
                plan.outHeight(),
                transparent ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas.createGraphics();
        try {
            if (!transparent) {
                g.setColor(Color.WHITE);
                g.fillRect(0, 0, plan.outWidth(), plan.outHeight());
            }
            g.drawImage(
                    content,
                    (plan.outWidth() - plan.contentWidth()) / 2,
                    (plan.outHeight() - plan.contentHeight()) / 2,
                    null);
        } finally {
            g.dispose();
        }
        return canvas;
    }

    /** Tells whether the encoder takes the image's layout as it is (JPEG wants plain RGB or grey, no palette). */
    private static boolean encodable(BufferedImage image, Format format) {
        int type = image.getType();
        if (format == Format.JPG) {
            return type == BufferedImage.TYPE_INT_RGB
                    || type == BufferedImage.TYPE_3BYTE_BGR
                    || type == BufferedImage.TYPE_BYTE_GRAY;
        }
        return type != BufferedImage.TYPE_CUSTOM;
    }

    private static BufferedImage scale(BufferedImage source, Plan plan, int imageType) {
        try {
            return Thumbnails.of(source)
                    .sourceRegion(plan.region())
                    .forceSize(plan.contentWidth(), plan.contentHeight())
                    .imageType(imageType)
                    .rendering(Rendering.QUALITY)
                    .alphaInterpolation(AlphaInterpolation.QUALITY)
                    .asBufferedImage();
        } catch (IOException e) {
            // Thumbnailator declares IOException for file sources; an in-memory one never throws it.
            throw new UncheckedIOException(e);
        }
    }
}
