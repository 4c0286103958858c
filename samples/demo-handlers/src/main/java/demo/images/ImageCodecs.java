package demo.images;

import demo.images.ResizeRequest.Format;
import dev.conduit.HttpException;
import java.awt.image.BufferedImage;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import javax.imageio.IIOImage;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.IIOServiceProvider;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.spi.ImageWriterSpi;
import javax.imageio.spi.ServiceRegistry;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.FileImageOutputStream;
import javax.imageio.stream.ImageInputStream;
import org.jspecify.annotations.Nullable;

/**
 * The image readers and writers the server uses, and the limits it puts on decoding.
 *
 * <p><b>Which codecs.</b> The JDK's own (JPEG, PNG, GIF, BMP, WBMP, TIFF) plus the ImageIO plugins visible to this
 * class's loader: in a site, the jars in {@code bin/} (TwelveMonkeys' JPEG reader, which also reads the CMYK and
 * broken-ICC JPEGs the JDK refuses, and its WebP reader). They are kept in a registry of this instance's own rather
 * than ImageIO's global one: registering a site's classes globally would pin the site's class loader for the life
 * of the JVM, and would change ImageIO for every other site in the process. Plugins order themselves against the
 * JDK's as they would globally (TwelveMonkeys' JPEG reader goes first and delegates to the JDK's).
 *
 * <p><b>Limits.</b> {@link #open} reads only the header; {@link Source#size()} tells the dimensions, and a source
 * over the pixel limit is refused with 422 before a pixel is decoded, which is what defuses decompression bombs (a
 * few kilobytes of PNG that inflate to gigabytes). A file no reader recognizes answers 415, one a reader recognizes
 * but cannot read 422.
 *
 * <p>Thread-safe: the registry is built once; every call makes its own reader or writer.
 */
final class ImageCodecs {
    private static final System.Logger LOG = System.getLogger(ImageCodecs.class.getName());

    private final ServiceRegistry registry;

    /** Builds the registry from the JDK's codecs and the plugins {@code loader} can see. */
    ImageCodecs(ClassLoader loader) {
        registry = new ServiceRegistry(
                List.<Class<?>>of(ImageReaderSpi.class, ImageWriterSpi.class).iterator());
        IIORegistry global = IIORegistry.getDefaultInstance();
        // The JDK's first: plugins that delegate to them look them up by name as they register.
        registerBuiltIns(global.getServiceProviders(ImageReaderSpi.class, false), ImageReaderSpi.class);
        registerBuiltIns(global.getServiceProviders(ImageWriterSpi.class, false), ImageWriterSpi.class);
        registerPlugins(ServiceLoader.load(ImageReaderSpi.class, loader).iterator(), ImageReaderSpi.class);
        registerPlugins(ServiceLoader.load(ImageWriterSpi.class, loader).iterator(), ImageWriterSpi.class);
    }

    private <T extends IIOServiceProvider> void registerBuiltIns(Iterator<T> providers, Class<T> category) {
        providers.forEachRemaining(p -> {
            if ("java.desktop".equals(p.getClass().getModule().getName())) {
                registry.registerServiceProvider(p, category);
            }
        });
    }

    private <T extends IIOServiceProvider> void registerPlugins(Iterator<T> providers, Class<T> category) {
        while (true) {
            try {
                if (!providers.hasNext()) {
                    return;
                }
                registry.registerServiceProvider(providers.next(), category);
            } catch (ServiceConfigurationError e) {
                // One broken jar in bin/ must not take the image server down; the others still work.
                LOG.log(System.Logger.Level.WARNING, "skipping an ImageIO plugin that cannot be loaded", e);
            }
        }
    }

    /** Tells whether an encoder for {@code format} is installed. */
    boolean canWrite(Format format) {
        return writerSpi(format) != null;
    }

    /**
     * Opens {@code file} and reads its header.
     *
     * @throws HttpException 415 when no reader recognizes the file, 422 when the header cannot be read or the image
     *     has more than {@code maxPixels} pixels
     * @throws HttpException 404 when the file is gone
     * @throws UncheckedIOException when the file cannot be opened
     */
    Source open(Path file, long maxPixels) {
        ImageInputStream in;
        try {
            in = new FileImageInputStream(file.toFile());
        } catch (FileNotFoundException e) {
            throw new HttpException(404, "The file '" + file.getFileName() + "' does not exist.");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            ImageReader reader = readerFor(in);
            if (reader == null) {
                throw new HttpException(
                        415, "'" + file.getFileName() + "' is not an image in a format this server reads.");
            }
            Source source = new Source(file, in, reader);
            source.checkSize(maxPixels);
            return source;
        } catch (RuntimeException | Error e) {
            closeQuietly(in);
            throw e;
        }
    }

    private @Nullable ImageReader readerFor(ImageInputStream in) {
        Iterator<ImageReaderSpi> spis = registry.getServiceProviders(ImageReaderSpi.class, true);
        while (spis.hasNext()) {
            ImageReaderSpi spi = spis.next();
            try {
                in.seek(0);
                if (spi.canDecodeInput(in)) {
                    in.seek(0);
                    return spi.createReaderInstance();
                }
            } catch (IOException | RuntimeException e) {
                // This reader cannot tell; ask the next.
            }
        }
        return null;
    }

    /**
     * Encodes {@code image} into {@code file}; {@code quality} (1..100) applies to lossy formats.
     *
     * @throws IllegalStateException when no encoder for the format is installed (check {@link #canWrite} first)
     */
    void write(BufferedImage image, Format format, int quality, Path file) throws IOException {
        ImageWriterSpi spi = writerSpi(format);
        if (spi == null) {
            throw new IllegalStateException("no " + format.imageIoName() + " encoder is installed");
        }
        ImageWriter writer = spi.createWriterInstance();
        try (FileImageOutputStream out = new FileImageOutputStream(file.toFile())) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (format.lossy() && param.canWriteCompressed()) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                String[] types = param.getCompressionTypes();
                if (param.getCompressionType() == null && types != null && types.length > 0) {
                    param.setCompressionType(types[0]);
                }
                param.setCompressionQuality(quality / 100f);
            }
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
    }

    private @Nullable ImageWriterSpi writerSpi(Format format) {
        Iterator<ImageWriterSpi> spis = registry.getServiceProviders(ImageWriterSpi.class, true);
        while (spis.hasNext()) {
            ImageWriterSpi spi = spis.next();
            for (String name : spi.getFormatNames()) {
                if (name.equalsIgnoreCase(format.imageIoName())) {
                    return spi;
                }
            }
        }
        return null;
    }

    private static void closeQuietly(ImageInputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // nothing was read that could be lost
        }
    }

    /** An opened image whose header has been read: its size is known, its pixels not yet decoded. */
    static final class Source implements AutoCloseable {
        private final Path file;
        private final ImageInputStream in;
        private final ImageReader reader;
        private int width;
        private int height;

        private Source(Path file, ImageInputStream in, ImageReader reader) {
            this.file = file;
            this.in = in;
            this.reader = reader;
        }

        private void checkSize(long maxPixels) {
            try {
                reader.setInput(in, true, true);
                width = reader.getWidth(0);
                height = reader.getHeight(0);
            } catch (IOException | RuntimeException e) {
                throw unreadable(e);
            }
            long pixels = (long) width * height;
            if (width <= 0 || height <= 0) {
                throw new HttpException(422, "'" + file.getFileName() + "' claims an empty size: " + size() + ".");
            }
            if (pixels > maxPixels) {
                throw new HttpException(
                        422,
                        "'" + file.getFileName() + "' is " + size() + " pixels (" + megapixels(pixels)
                                + " megapixels); this server resizes images of at most " + megapixels(maxPixels)
                                + " megapixels.");
            }
        }

        /** The image's width and height, from its header. */
        String size() {
            return width + "x" + height;
        }

        /** The width from the header. */
        int width() {
            return width;
        }

        /** The height from the header. */
        int height() {
            return height;
        }

        /** The reader's format name, for example {@code JPEG}. */
        String formatName() {
            try {
                return reader.getFormatName();
            } catch (IOException e) {
                return "unknown";
            }
        }

        /**
         * Decodes the first image.
         *
         * @throws HttpException 422 when the pixel data cannot be decoded
         */
        BufferedImage read() {
            try {
                return reader.read(0, reader.getDefaultReadParam());
            } catch (IOException | RuntimeException e) {
                throw unreadable(e);
            }
        }

        private HttpException unreadable(Exception e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new HttpException(
                    422, "'" + file.getFileName() + "' is damaged or not fully supported: " + reason + ".");
        }

        @Override
        public void close() {
            reader.dispose();
            closeQuietly(in);
        }

        private static String megapixels(long pixels) {
            return pixels % 1_000_000 == 0
                    ? String.valueOf(pixels / 1_000_000)
                    : String.valueOf(Math.round(pixels / 100_000.0) / 10.0);
        }
    }
}
