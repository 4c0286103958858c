import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RadialGradientPaint;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Writes the demo site's sample images, so that the committed files can be rebuilt and checked:
 *
 * <pre>
 *   java samples/demo-handlers/tools/SampleImages.java samples/demo/images
 *   cwebp -quiet -q 75 -resize 800 600 samples/demo/images/photo.jpg -o samples/demo/images/photo.webp
 * </pre>
 *
 * <p>Into the folder: {@code photo.jpg} (1600×1200, a landscape drawn with gradients and a little grain, like a
 * photo), {@code logo.png} (480×360 with transparency). Into its {@code test/} sub-folder, the inputs the image
 * server must refuse: {@code huge-header.png} (a valid PNG header claiming 100000×100000 pixels, no pixel data),
 * {@code bomb.png} (a real, valid 8000×7000 one-bit PNG: 56 megapixels in a few kilobytes), {@code corrupt.jpg} (a
 * JPEG signature followed by garbage) and {@code not-an-image.png} (text); and {@code small.png} (64×48), a good
 * image for the test that fills that folder's one-thread pool.
 */
public final class SampleImages {
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "samples/demo/images");
        Path test = dir.resolve("test");
        Files.createDirectories(test);
        writeJpeg(photo(1600, 1200), 0.8f, dir.resolve("photo.jpg"));
        ImageIO.write(logo(480, 360), "png", dir.resolve("logo.png").toFile());
        Files.write(test.resolve("huge-header.png"), pngHeaderOnly(100_000, 100_000));
        ImageIO.write(new BufferedImage(8000, 7000, BufferedImage.TYPE_BYTE_BINARY), "png", test.resolve("bomb.png")
                .toFile());
        byte[] corrupt = new byte[2048];
        new Random(7).nextBytes(corrupt);
        corrupt[0] = (byte) 0xFF;
        corrupt[1] = (byte) 0xD8;
        corrupt[2] = (byte) 0xFF;
        corrupt[3] = (byte) 0x01; // a marker no JPEG decoder accepts after SOI
        Files.write(test.resolve("corrupt.jpg"), corrupt);
        Files.writeString(test.resolve("not-an-image.png"), "This is not a PNG, whatever its name says.\n");
        BufferedImage small = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = small.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(0x1d4e89), 64, 48, new Color(0xf6c48f)));
        g.fillRect(0, 0, 64, 48);
        g.dispose();
        ImageIO.write(small, "png", test.resolve("small.png").toFile());
    }

    /** A landscape: sky, sun, three ranges of hills, a lake, and a little grain so that JPEG quality shows. */
    static BufferedImage photo(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setPaint(new GradientPaint(0, 0, new Color(0x1d4e89), 0, h * 0.6f, new Color(0xf6c48f)));
        g.fillRect(0, 0, w, h);
        g.setPaint(new RadialGradientPaint(
                w * 0.7f, h * 0.38f, h * 0.25f, new float[] {0f, 0.25f, 1f}, new Color[] {
                    new Color(255, 250, 220, 255), new Color(255, 220, 150, 200), new Color(255, 200, 120, 0)
                }));
        g.fillRect(0, 0, w, h);
        Color[] ranges = {new Color(0x6b5b95), new Color(0x3f6e4a), new Color(0x24452c)};
        Random random = new Random(42);
        for (int r = 0; r < ranges.length; r++) {
            Path2D.Double hills = new Path2D.Double();
            double base = h * (0.5 + 0.09 * r);
            hills.moveTo(0, h);
            for (int x = 0; x <= w; x += 8) {
                double y = base
                        - h * 0.06 * Math.sin(x / (90.0 + 40 * r) + r)
                        - h * 0.03 * Math.sin(x / 23.0 + 2 * r)
                        - random.nextDouble() * 3;
                hills.lineTo(x, y);
            }
            hills.lineTo(w, h);
            hills.closePath();
            g.setPaint(new GradientPaint(0, (float) base - h * 0.1f, ranges[r].brighter(), 0, h, ranges[r]));
            g.fill(hills);
        }
        g.setPaint(new GradientPaint(0, h * 0.82f, new Color(0x5c8fb5), 0, h, new Color(0x1b3a57)));
        g.fill(new Ellipse2D.Double(w * 0.1, h * 0.8, w * 0.55, h * 0.3));
        g.setStroke(new BasicStroke(2f));
        g.setColor(new Color(255, 255, 255, 60));
        for (int i = 0; i < 12; i++) {
            double y = h * 0.84 + i * 12;
            g.drawLine((int) (w * 0.2 + i * 9), (int) y, (int) (w * 0.5 - i * 7), (int) y);
        }
        g.dispose();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = img.getRGB(x, y);
                int n = (int) (random.nextGaussian() * 3);
                img.setRGB(x, y, clamp((rgb >> 16 & 0xff) + n) << 16 | clamp((rgb >> 8 & 0xff) + n) << 8
                        | clamp((rgb & 0xff) + n));
            }
        }
        return img;
    }

    /** Translucent rings on a transparent background, with a word across them. */
    static BufferedImage logo(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setComposite(AlphaComposite.SrcOver);
        Color[] colors = {new Color(0x00, 0x7a, 0xcc, 170), new Color(0xe0, 0x4f, 0x2f, 150), new Color(0x2f, 0xa8, 0x4f, 160)};
        for (int i = 0; i < colors.length; i++) {
            g.setColor(colors[i]);
            g.fill(new Ellipse2D.Double(60 + i * 110, 60 + (i % 2) * 40, 180, 180));
        }
        g.setColor(new Color(0x22, 0x22, 0x22, 230));
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 64));
        g.drawString("Conduit", 110, 320);
        g.dispose();
        return img;
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }

    private static void writeJpeg(BufferedImage img, float quality, Path file) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(quality);
        Files.deleteIfExists(file);
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(img, null, null), param);
        } finally {
            writer.dispose();
        }
    }

    /** A PNG with a well-formed IHDR for {@code w}×{@code h} RGBA, one empty IDAT and IEND: a header, no picture. */
    static byte[] pngHeaderOnly(int w, int h) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        chunk(out, "IHDR", ByteBuffer.allocate(13).putInt(w).putInt(h).put(new byte[] {8, 6, 0, 0, 0}).array());
        Deflater deflater = new Deflater();
        deflater.setInput(new byte[] {0});
        deflater.finish();
        byte[] idat = new byte[64];
        int n = deflater.deflate(idat);
        chunk(out, "IDAT", java.util.Arrays.copyOf(idat, n));
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws IOException {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.write(ByteBuffer.allocate(4).putInt(data.length).array());
        out.write(t);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
