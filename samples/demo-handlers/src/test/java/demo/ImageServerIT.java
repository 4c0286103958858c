package demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.runtime.HttpRuntime;
import dev.conduit.server.ConduitServer;
import dev.conduit.server.ServerOptions;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The demo site's image server ({@code samples/demo/images/}, mapped by that folder's own web.config to {@code
 * demo.images.ImageHandler}) over a real socket, serving a {@link DemoSiteCopy}: the variant cache starts empty under
 * the copy's App_Data and goes with it.
 */
class ImageServerIT {
    private static DemoSiteCopy copy;
    private static Path siteRoot;
    private static Path cache;
    private static ConduitServer server;
    private static HttpClient client;

    @BeforeAll
    static void start() throws IOException {
        copy = DemoSiteCopy.create();
        siteRoot = copy.root();
        cache = siteRoot.resolve("App_Data/image-cache");
        assertThat(siteRoot.resolve("bin/thumbnailator-0.4.21.jar"))
                .as("the build copies the handlers' libraries into bin/")
                .exists();
        server = ConduitServer.start(
                HttpRuntime.start(siteRoot),
                ServerOptions.builder()
                        .host("127.0.0.1")
                        .port(0)
                        .accessLog(false)
                        .build());
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (server != null) {
                server.stop();
            }
        } finally {
            if (copy != null) {
                copy.close();
            }
        }
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(60));
    }

    private static HttpResponse<byte[]> get(String path) throws Exception {
        return client.send(request(path).build(), BodyHandlers.ofByteArray());
    }

    private static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private static BufferedImage decode(HttpResponse<byte[]> response) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(response.body()));
            assertThat(image).as("the body decodes as an image").isNotNull();
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> cachedFiles() throws IOException {
        if (!Files.exists(cache)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(cache)) {
            return files.toList();
        }
    }

    /** The cache files of the variant with {@code etag}: their names start with the hash the ETag shows. */
    private static List<Path> cachedFilesOf(String etag) throws IOException {
        String hash = etag.replace("\"", "");
        return cachedFiles().stream()
                .filter(p -> p.getFileName().toString().startsWith(hash))
                .toList();
    }

    @Test
    void withoutParametersTheOriginalFileIsSentAsItIs() throws Exception {
        byte[] original = Files.readAllBytes(siteRoot.resolve("images/photo.jpg"));
        for (String path : List.of("/images/photo.jpg", "/images/photo.jpg?v=3")) {
            HttpResponse<byte[]> r = get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            assertThat(r.body()).as(path).isEqualTo(original);
            assertThat(r.headers().firstValue("Content-Type")).hasValue("image/jpeg");
            assertThat(r.headers().firstValue("X-Image-Cache"))
                    .as("no variant is involved")
                    .isEmpty();
            assertThat(r.headers().firstValue("Last-Modified")).isPresent();
        }
        HttpResponse<byte[]> head = client.send(
                request("/images/logo.png")
                        .method("HEAD", HttpRequest.BodyPublishers.noBody())
                        .build(),
                BodyHandlers.ofByteArray());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValueAsLong("Content-Length"))
                .hasValue(Files.size(siteRoot.resolve("images/logo.png")));
        assertThat(head.body()).isEmpty();
    }

    @Test
    void theOriginalAnswersIfNoneMatchWith304() throws Exception {
        HttpResponse<byte[]> first = get("/images/logo.png");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        HttpResponse<byte[]> again = client.send(
                request("/images/logo.png").header("If-None-Match", etag).build(), BodyHandlers.ofByteArray());
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1}x{2}")
    @CsvSource({
        "w=400, 400, 300",
        "h=150, 200, 150",
        "w=400&h=400, 400, 300",
        "w=400&h=100&mode=max, 133, 100",
        "w=3000&mode=max, 1600, 1200",
        "w=400&h=400&mode=crop, 400, 400",
        "w=300&h=500&mode=crop, 300, 500",
        "w=400&h=400&mode=pad, 400, 400",
        "w=400&h=100&mode=stretch, 400, 100",
        "w=2000&h=500&mode=stretch, 2000, 500",
        "format=png, 1600, 1200",
    })
    void eachModeGivesTheDocumentedSize(String query, int width, int height) throws Exception {
        HttpResponse<byte[]> r = get("/images/photo.jpg?" + query);
        assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
        BufferedImage image = decode(r);
        assertThat(image.getWidth()).isEqualTo(width);
        assertThat(image.getHeight()).isEqualTo(height);
    }

    @Test
    void padFillsEvenlyAndCropCutsEvenly() throws Exception {
        // The 4:3 photo padded into a square: 50 white rows above and below in JPEG, transparent ones in PNG.
        BufferedImage jpeg = decode(get("/images/photo.jpg?w=400&h=400&mode=pad"));
        assertThat(isNearly(jpeg.getRGB(200, 20), 0xFFFFFF)).isTrue();
        assertThat(isNearly(jpeg.getRGB(200, 380), 0xFFFFFF)).isTrue();
        assertThat(isNearly(jpeg.getRGB(200, 200), 0xFFFFFF)).isFalse();
        BufferedImage png = decode(get("/images/photo.jpg?w=400&h=400&mode=pad&format=png"));
        assertThat(png.getRGB(200, 20) >>> 24).as("alpha above").isZero();
        assertThat(png.getRGB(200, 380) >>> 24).as("alpha below").isZero();
        assertThat(png.getRGB(200, 200) >>> 24).as("alpha inside").isEqualTo(255);

        // Cropped to a square, the middle of the photo stays in the middle; stretched, it does too, but the
        // left edge of the crop is 200 source pixels in, where the stretch shows the source's own edge.
        BufferedImage source = ImageIO.read(siteRoot.resolve("images/photo.jpg").toFile());
        BufferedImage crop = decode(get("/images/photo.jpg?w=300&h=300&mode=crop&format=png"));
        BufferedImage stretch = decode(get("/images/photo.jpg?w=300&h=300&mode=stretch&format=png"));
        int y = 150;
        int sourceY = 600;
        assertThat(distance(crop.getRGB(150, y), source.getRGB(800, sourceY))).isLessThan(40);
        assertThat(distance(crop.getRGB(1, y), source.getRGB(204, sourceY))).isLessThan(40);
        assertThat(distance(stretch.getRGB(1, y), source.getRGB(3, sourceY))).isLessThan(40);
    }

    @Test
    void formatConvertsBetweenJpegAndPngAndReadsWebp() throws Exception {
        HttpResponse<byte[]> jpeg = get("/images/logo.png?format=jpg");
        assertThat(jpeg.statusCode()).isEqualTo(200);
        assertThat(jpeg.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(jpeg.body()).startsWith((byte) 0xFF, (byte) 0xD8);
        BufferedImage flattened = decode(jpeg);
        assertThat(flattened.getWidth()).isEqualTo(480);
        assertThat(flattened.getColorModel().hasAlpha()).isFalse();
        assertThat(isNearly(flattened.getRGB(5, 5), 0xFFFFFF))
                .as("transparency becomes white in JPEG")
                .isTrue();

        HttpResponse<byte[]> png = get("/images/photo.jpg?w=200&format=png");
        assertThat(png.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(png.body()).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
        assertThat(decode(png).getWidth()).isEqualTo(200);

        HttpResponse<byte[]> transparent = get("/images/logo.png?w=240");
        assertThat(transparent.headers().firstValue("Content-Type"))
                .as("a PNG stays PNG by default")
                .hasValue("image/png");
        assertThat(decode(transparent).getRGB(2, 2) >>> 24)
                .as("and keeps its transparency")
                .isZero();

        HttpResponse<byte[]> fromWebp = get("/images/photo.webp?w=200");
        assertThat(fromWebp.statusCode()).as(text(fromWebp)).isEqualTo(200);
        assertThat(fromWebp.headers().firstValue("Content-Type")).hasValue("image/png");
        BufferedImage webp = decode(fromWebp);
        assertThat(webp.getWidth()).isEqualTo(200);
        assertThat(webp.getHeight()).isEqualTo(150);

        HttpResponse<byte[]> toWebp = get("/images/photo.jpg?w=200&format=webp");
        assertThat(toWebp.statusCode()).isEqualTo(400);
        assertThat(text(toWebp)).contains("format=webp is not available on this server");
    }

    @Test
    void qualityChangesTheSizeOfJpegOutput() throws Exception {
        HttpResponse<byte[]> low = get("/images/photo.jpg?w=800&quality=20");
        HttpResponse<byte[]> high = get("/images/photo.jpg?w=800&quality=95");
        assertThat(low.statusCode()).isEqualTo(200);
        assertThat(high.statusCode()).isEqualTo(200);
        assertThat(decode(low).getWidth()).isEqualTo(decode(high).getWidth()).isEqualTo(800);
        assertThat(low.body().length).isLessThan(high.body().length / 2);
    }

    @Test
    void variantsCarryETagAndCacheControlAndAnswerIfNoneMatchWith304() throws Exception {
        HttpResponse<byte[]> first = get("/images/photo.jpg?w=321&h=200");
        assertThat(first.statusCode()).isEqualTo(200);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(etag).matches("\"[0-9a-f]{32}\"");
        assertThat(first.headers().firstValue("Cache-Control")).hasValue("public, max-age=86400");
        assertThat(first.headers().firstValue("Last-Modified")).isPresent();

        // The same request in other words has the same validator.
        assertThat(get("/images/photo.jpg?h=200&mode=MAX&w=321").headers().firstValue("ETag"))
                .hasValue(etag);
        assertThat(get("/images/photo.jpg?w=321&h=201").headers().firstValue("ETag"))
                .isPresent()
                .get()
                .isNotEqualTo(etag);

        HttpResponse<byte[]> notModified = client.send(
                request("/images/photo.jpg?w=321&h=200")
                        .header("If-None-Match", etag)
                        .build(),
                BodyHandlers.ofByteArray());
        assertThat(notModified.statusCode()).isEqualTo(304);
        assertThat(notModified.body()).isEmpty();
        assertThat(notModified.headers().firstValue("ETag")).hasValue(etag);
        HttpResponse<byte[]> stale = client.send(
                request("/images/photo.jpg?w=321&h=200")
                        .header("If-None-Match", "\"something-else\"")
                        .build(),
                BodyHandlers.ofByteArray());
        assertThat(stale.statusCode()).isEqualTo(200);
        assertThat(stale.body()).isEqualTo(first.body());
    }

    @Test
    void theSecondIdenticalRequestIsServedFromTheDiskCache() throws Exception {
        HttpResponse<byte[]> first = get("/images/photo.jpg?w=333");
        assertThat(first.headers().firstValue("X-Image-Cache")).hasValue("miss");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        List<Path> files = cachedFilesOf(etag);
        assertThat(files).hasSize(1);
        Path file = files.get(0);
        assertThat(file.getFileName().toString()).endsWith(".jpg");
        assertThat(Files.readAllBytes(file)).isEqualTo(first.body());
        // Back-date the file: a recomputation would write a new one with a new time.
        FileTime old = FileTime.fromMillis(System.currentTimeMillis() - 3_600_000);
        Files.setLastModifiedTime(file, old);

        HttpResponse<byte[]> second = get("/images/photo.jpg?w=333");
        assertThat(second.headers().firstValue("X-Image-Cache")).hasValue("hit");
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(cachedFilesOf(etag)).containsExactly(file);
        assertThat(Files.getLastModifiedTime(file)).isEqualTo(old);
    }

    @Test
    void concurrentIdenticalRequestsComputeTheVariantOnce() throws Exception {
        HttpRequest same =
                request("/images/photo.jpg?w=345&h=345&mode=crop&format=png").build();
        List<CompletableFuture<HttpResponse<byte[]>>> all = IntStream.range(0, 20)
                .mapToObj(i -> client.sendAsync(same, BodyHandlers.ofByteArray()))
                .toList();
        List<HttpResponse<byte[]>> responses =
                all.stream().map(CompletableFuture::join).toList();
        assertThat(responses).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(200));
        assertThat(responses)
                .filteredOn(r ->
                        r.headers().firstValue("X-Image-Cache").orElseThrow().equals("miss"))
                .hasSize(1);
        assertThat(responses)
                .allSatisfy(r -> assertThat(r.body()).isEqualTo(responses.get(0).body()));
        String etag = responses.get(0).headers().firstValue("ETag").orElseThrow();
        assertThat(cachedFilesOf(etag)).hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "w=0              | w must be a whole number from 1 to 4096: '0'",
                "w=-5             | w must be a whole number from 1 to 4096: '-5'",
                "w=abc            | w must be a whole number from 1 to 4096: 'abc'",
                "w=99999          | w must be a whole number from 1 to 4096: '99999'",
                "w=1.5            | w must be a whole number from 1 to 4096: '1.5'",
                "h=0              | h must be a whole number from 1 to 4096: '0'",
                "w=100&w=200      | w is given more than once",
                "w=100&mode=zoom  | mode must be one of max, crop, pad, stretch: 'zoom'",
                "format=gif       | format must be one of jpg, png, webp: 'gif'",
                "quality=0        | quality must be a whole number from 1 to 100: '0'",
                "quality=101      | quality must be a whole number from 1 to 100: '101'",
                "quality=high     | quality must be a whole number from 1 to 100: 'high'",
                "h=4000&mode=crop | The output would be 5333x4000 pixels; the largest allowed is 4096x4096.",
            })
    void badParametersAnswer400WithAMessage(String query, String message) throws Exception {
        HttpResponse<byte[]> r = get("/images/photo.jpg?" + query);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(text(r)).contains(message.replace("'", "&#39;"));
    }

    @Test
    void aSourceOverFiftyMegapixelsIsRefusedFromItsHeaderBeforeDecoding() throws Exception {
        Path huge = siteRoot.resolve("images/test/huge-header.png");
        ByteBuffer ihdr = ByteBuffer.wrap(Files.readAllBytes(huge), 16, 8);
        assertThat(ihdr.getInt()).as("the header's width").isEqualTo(100_000);
        assertThat(ihdr.getInt()).as("the header's height").isEqualTo(100_000);
        long started = System.nanoTime();
        HttpResponse<byte[]> r = get("/images/test/huge-header.png?w=100");
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(text(r)).contains("100000x100000 pixels (10000 megapixels)", "at most 50 megapixels");
        // Decoding 10^10 pixels would take minutes and 40 GB; reading the header takes nothing.
        assertThat(took).isLessThan(Duration.ofSeconds(2));

        // A real bomb: a valid 8000x7000 PNG (56 megapixels, 224 MB decoded as ARGB) in a few kilobytes.
        assertThat(Files.size(siteRoot.resolve("images/test/bomb.png"))).isLessThan(16 * 1024);
        started = System.nanoTime();
        HttpResponse<byte[]> bomb = get("/images/test/bomb.png?w=100");
        took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(bomb.statusCode()).isEqualTo(422);
        assertThat(text(bomb)).contains("8000x7000 pixels (56 megapixels)");
        assertThat(took).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void aDamagedFileAnswers422AndAFileInNoKnownFormat415() throws Exception {
        HttpResponse<byte[]> corrupt = get("/images/test/corrupt.jpg?w=100");
        assertThat(corrupt.statusCode()).isEqualTo(422);
        assertThat(text(corrupt)).contains("corrupt.jpg&#39; is damaged or not fully supported");
        HttpResponse<byte[]> text = get("/images/test/not-an-image.png?w=100");
        assertThat(text.statusCode()).isEqualTo(415);
        assertThat(text(text)).contains("not-an-image.png&#39; is not an image in a format this server reads");
        assertThat(get("/images/missing.jpg?w=100").statusCode()).isEqualTo(404);
    }

    @Test
    void aFullQueueAnswers503WithRetryAfter() throws Exception {
        // images/test/ has a pool of one thread and a queue of one; each of these takes a while to encode.
        List<CompletableFuture<HttpResponse<byte[]>>> burst = IntStream.range(0, 30)
                .mapToObj(i -> client.sendAsync(
                        request("/images/test/small.png?w=" + (3000 + i) + "&h=3000&mode=stretch")
                                .build(),
                        BodyHandlers.ofByteArray()))
                .toList();
        List<HttpResponse<byte[]>> responses =
                burst.stream().map(CompletableFuture::join).toList();
        assertThat(responses).allSatisfy(r -> assertThat(r.statusCode()).isIn(200, 503));
        List<HttpResponse<byte[]>> busy =
                responses.stream().filter(r -> r.statusCode() == 503).toList();
        assertThat(busy).isNotEmpty();
        assertThat(busy).allSatisfy(r -> {
            assertThat(r.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(r.headers().firstValue("ETag")).isEmpty();
            assertThat(text(r)).contains("The image server is busy");
        });
        assertThat(responses).anySatisfy(r -> assertThat(r.statusCode()).isEqualTo(200));
    }

    @Test
    void plainRequestsStayFastWhileTwoHundredResizesRun() throws Exception {
        long started = System.nanoTime();
        List<CompletableFuture<Long>> resizes = IntStream.range(0, 200)
                .mapToObj(i -> client.sendAsync(
                                request("/images/photo.jpg?w=" + (600 + i)).build(), BodyHandlers.ofByteArray())
                        .thenApply(r -> {
                            assertThat(r.statusCode()).isEqualTo(200);
                            return System.nanoTime();
                        }))
                .toList();
        CompletableFuture<Void> backlog = CompletableFuture.allOf(resizes.toArray(CompletableFuture[]::new));

        // A steady stream of plain requests, one after the other, for as long as the resizes run.
        List<Duration> plain = new ArrayList<>();
        List<Long> plainEnds = new ArrayList<>();
        while (!backlog.isDone() && plain.size() < 20_000) {
            long t = System.nanoTime();
            HttpResponse<String> r = client.send(request("/plaintext").build(), BodyHandlers.ofString());
            long end = System.nanoTime();
            assertThat(r.body()).isEqualTo("Hello, World!");
            plain.add(Duration.ofNanos(end - t));
            plainEnds.add(end);
        }
        backlog.join();
        long lastResize =
                resizes.stream().mapToLong(CompletableFuture::join).max().orElseThrow();
        Duration backlogTook = Duration.ofNanos(lastResize - started);
        List<Duration> sorted = plain.stream().sorted().toList();
        Duration slowest = sorted.get(sorted.size() - 1);
        System.out.printf(
                "200 resizes took %d ms; meanwhile %d plain requests: median %.2f ms, 99th percentile %.2f ms,"
                        + " slowest %.2f ms%n",
                backlogTook.toMillis(),
                plain.size(),
                sorted.get(sorted.size() / 2).toNanos() / 1e6,
                sorted.get(sorted.size() * 99 / 100).toNanos() / 1e6,
                slowest.toNanos() / 1e6);

        assertThat(plainEnds.stream().filter(end -> end < lastResize).count())
                .as("plain requests answered before the last resize finished")
                .isGreaterThanOrEqualTo(10);
        assertThat(slowest).isLessThan(Duration.ofSeconds(2));
        assertThat(backlogTook).isGreaterThan(slowest.multipliedBy(5));
    }

    private static boolean isNearly(int rgb, int expected) {
        return distance(rgb, expected) < 24;
    }

    private static int distance(int a, int b) {
        return Math.abs((a >> 16 & 0xff) - (b >> 16 & 0xff))
                + Math.abs((a >> 8 & 0xff) - (b >> 8 & 0xff))
                + Math.abs((a & 0xff) - (b & 0xff));
    }
}
