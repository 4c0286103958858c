package demo;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.server.ConduitServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Element;

/**
 * {@code Upload.ashx} and {@code Download.ashx} over real sockets. Each nested class serves its own {@link
 * DemoSiteCopy} (so test attachments never land in the real App_Data) with a ConduitServer in this JVM, whose heap
 * the streaming tests measure: on H2 with the site's own connection string, on the machine's PostgreSQL, and on a
 * database that is down.
 */
class DownloadIT {
    private static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
    private static final long MIB = 1024 * 1024;
    private static final long HEAP_GROWTH_LIMIT = 32 * MIB;

    /** The sample attachment a fresh demo database starts with, so that the home page's Download.ashx?id=1 works. */
    private static final String WELCOME_TXT =
            """
            Welcome to Conduit!

            This file was stored in the demo database when the database was created, so that
            Download.ashx?id=1 has something to send. Upload your own at upload.html — any
            name, any size: the bytes stream from the database without being held in memory.
            """;

    /** The assertions every database must pass, written once. */
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    abstract static class OnEachDatabase {
        SiteCopy site;

        /** Starts this database's copy of the site. */
        abstract SiteCopy start() throws Exception;

        /** The size of the attachment {@link #aLargeAttachmentStreamsThroughBoundedHeap()} downloads. */
        abstract long streamingSize();

        @BeforeAll
        void startSite() throws Exception {
            site = start();
        }

        @AfterAll
        void stopSite() throws Exception {
            if (site != null) {
                site.close();
            }
        }

        @Test
        void aFreshDatabaseServesTheSampleAttachmentAsId1AndUploadsComeAfterIt() throws Exception {
            byte[] welcome = WELCOME_TXT.getBytes(UTF_8);

            HttpResponse<byte[]> r = site.download("id=1");

            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo(welcome);
            assertThat(r.headers().firstValue("Content-Length")).hasValue(String.valueOf(welcome.length));
            assertThat(r.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
            assertThat(r.headers().firstValue("Content-Disposition"))
                    .hasValue("attachment; filename=\"welcome.txt\"; filename*=UTF-8''welcome.txt");
            long uploaded =
                    SiteCopy.idOf(site.upload(new Part("file", "welcome.txt", "text/plain", new byte[1]), null));
            assertThat(uploaded).isGreaterThan(1);
            try (Connection c = site.connect()) {
                Db.createSchema(c); // again, as a second pool over the same database would
                try (Statement s = c.createStatement();
                        var rs = s.executeQuery("SELECT COUNT(*) FROM attachments WHERE file_name = 'welcome.txt'")) {
                    rs.next();
                    assertThat(rs.getLong(1))
                            .as("the sample plus the upload, the sample not stored twice")
                            .isEqualTo(2);
                }
            }
            assertThat(site.download("id=1").body()).isEqualTo(welcome);
        }

        @Test
        void anUploadedFileComesBackWithTheSameBytesNameLengthAndType() throws Exception {
            byte[] content = "name,amount\nAda,1\n".getBytes(UTF_8);

            HttpResponse<String> stored = site.upload(new Part("file", "totals.csv", "text/csv", content), null);

            assertThat(stored.statusCode()).isEqualTo(201);
            assertThat(stored.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
            long id = SiteCopy.idOf(stored);
            assertThat(stored.body()).contains("<b>totals.csv</b>").contains("href=\"Download.ashx?id=" + id + "\"");
            HttpResponse<byte[]> r = site.download("id=" + id);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo(content);
            assertThat(r.headers().firstValue("Content-Length")).hasValue(String.valueOf(content.length));
            assertThat(r.headers().firstValue("Content-Type")).hasValue("text/csv");
            assertThat(r.headers().firstValue("Content-Disposition"))
                    .hasValue("attachment; filename=\"totals.csv\"; filename*=UTF-8''totals.csv");
            assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        }

        @Test
        void aFileOverTheDiskThresholdIsStoredFromItsSpoolFileAndComesBackWhole() throws Exception {
            byte[] content = new byte[3 * (int) MIB + 12345];
            new Random(7).nextBytes(content);

            long id = SiteCopy.idOf(site.upload(new Part("file", "photo.bin", null, content), null));

            HttpResponse<byte[]> r = site.download("id=" + id);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo(content);
            assertThat(r.headers().firstValue("Content-Length")).hasValue(String.valueOf(content.length));
            assertThat(r.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "say \"cheese\"; size=large.txt",
                    "evil\r\nSet-Cookie: session=stolen\r\n\r\n<b>body</b>.txt",
                    "Überall 日本語 — naïve 😀.pdf",
                    "100%25 C:\\temp\\a;b=c.csv",
                })
        void anyNameComesOutAsOneSafeHeaderThatDecodesToTheName(String name) throws Exception {
            long id = SiteCopy.idOf(site.upload(new Part("file", "upload.bin", null, new byte[] {1, 2, 3}), name));

            HttpResponse<byte[]> r = site.download("id=" + id);

            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().allValues("Content-Disposition")).hasSize(1);
            assertThat(r.headers().map()).doesNotContainKey("set-cookie");
            String value = r.headers().firstValue("Content-Disposition").orElseThrow();
            assertThat(value).matches("[\\x20-\\x7E]+");
            ContentDispositionParser parsed = ContentDispositionParser.parse(value);
            assertThat(parsed.type()).isEqualTo("attachment");
            assertThat(parsed.extendedFileName()).isEqualTo(name);
            assertThat(parsed.parameters().get("filename")).isEqualTo(ContentDisposition.asciiFallback(name));
            assertThat(r.body()).containsExactly(1, 2, 3);
        }

        @Test
        void aNameAsBrowsersWriteItInTheMultipartHeaderIsStoredAsTheUsersFileIsNamed() throws Exception {
            // The HTML standard has browsers send '"' as %22 and non-ASCII as raw UTF-8 in the part header.
            Part part = new Part("file", "say %22cheese%22; ünï 日本.txt", "text/plain; charset=UTF-8", new byte[] {'x'});

            long id = SiteCopy.idOf(site.upload(part, null));

            HttpResponse<byte[]> r = site.download("id=" + id);
            String value = r.headers().firstValue("Content-Disposition").orElseThrow();
            assertThat(ContentDispositionParser.parse(value).extendedFileName())
                    .isEqualTo("say \"cheese\"; ünï 日本.txt");
            assertThat(r.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
        }

        @Test
        void theTypeComesFromTheFileNameWhenTheUploadSaidOnlyOctetStream() throws Exception {
            long id = SiteCopy.idOf(site.upload(
                    new Part("file", "manual.PDF", "application/octet-stream", "%PDF-1.7".getBytes(UTF_8)), null));

            assertThat(site.download("id=" + id).headers().firstValue("Content-Type"))
                    .hasValue("application/pdf");
        }

        @Test
        void headAnswersWithTheDownloadsHeadersAndNoBody() throws Exception {
            long id = SiteCopy.idOf(site.upload(new Part("file", "a.txt", "text/plain", new byte[5000]), null));

            HttpResponse<byte[]> r = site.send(HttpRequest.newBuilder(site.uri("/Download.ashx?id=" + id))
                    .method("HEAD", BodyPublishers.noBody()));

            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Length")).hasValue("5000");
            assertThat(r.headers().firstValue("Content-Disposition")).isPresent();
            assertThat(r.body()).isEmpty();
        }

        @Test
        void aMissingOrNonNumericIdIs400AndAnUnknownOneIs404() throws Exception {
            for (String query : new String[] {"", "id=", "id=abc", "id=1%27%20OR%201=1", "id=-1", "id=1.5"}) {
                HttpResponse<byte[]> r = site.download(query);
                assertThat(r.statusCode()).as(query).isEqualTo(400);
                assertThat(new String(r.body(), UTF_8)).as(query).contains("needs a numeric id");
            }
            HttpResponse<byte[]> unknown = site.download("id=987654321987654");
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(new String(unknown.body(), UTF_8)).contains("There is no attachment 987654321987654.");
        }

        @Test
        void anUploadWithoutAFileOrWithAnOverlongNameIs400AndAGetShowsTheForm() throws Exception {
            HttpResponse<String> noFile = site.upload(null, "name only");
            assertThat(noFile.statusCode()).isEqualTo(400);
            assertThat(noFile.body()).contains("Choose a file to upload");
            HttpResponse<String> longName =
                    site.upload(new Part("file", "a.txt", null, new byte[1]), "n".repeat(497) + ".txt");
            assertThat(longName.statusCode()).isEqualTo(400);
            assertThat(longName.body()).contains("The file name is too long: 500 characters at most.");
            assertThat(SiteCopy.idOf(
                            site.upload(new Part("file", "a.txt", null, new byte[1]), "n".repeat(496) + ".txt")))
                    .isPositive();
            HttpResponse<byte[]> get = site.send(HttpRequest.newBuilder(site.uri("/Upload.ashx")));
            assertThat(get.statusCode()).isEqualTo(302);
            assertThat(get.headers().firstValue("Location"))
                    .hasValueSatisfying(l -> assertThat(l).endsWith("upload.html"));
        }

        @Test
        void aLargeAttachmentStreamsThroughBoundedHeap() throws Exception {
            long size = streamingSize();
            long insertStart = System.nanoTime();
            CRC32 stored = new CRC32();
            long id;
            try (Connection c = site.connect();
                    InputStream in = new CheckedInputStream(new PatternStream(size), stored)) {
                Db.createSchema(c);
                id = Attachments.insert(c, "big.bin", "application/octet-stream", in, size);
            }
            long insertMillis = (System.nanoTime() - insertStart) / 1_000_000;
            site.download("id=" + id + "&warm-up"); // compiles Download.ashx and loads the LOB classes first
            HeapProbe probe = HeapProbe.start();

            long start = System.nanoTime();
            HttpResponse<InputStream> r = site.client.send(
                    HttpRequest.newBuilder(site.uri("/Download.ashx?id=" + id)).build(), BodyHandlers.ofInputStream());
            CRC32 received = new CRC32();
            long count = 0;
            try (InputStream body = r.body()) {
                byte[] buffer = new byte[64 * 1024];
                long nextCheck = size / 8;
                for (int n; (n = body.read(buffer)) > 0; ) {
                    received.update(buffer, 0, n);
                    count += n;
                    if (count >= nextCheck) {
                        probe.checkpoint(); // mid-transfer: what the server and client hold right now
                        nextCheck += size / 8;
                    }
                }
            }
            long millis = Math.max(1, (System.nanoTime() - start) / 1_000_000);
            HeapProbe.Result heap = probe.stop();

            System.out.printf(
                    "DownloadIT %s: stored %d MiB in %d ms; downloaded in %d ms (%d MiB/s); live heap before %.1f MiB,"
                            + " max during %.1f MiB (growth %.1f MiB; %d checkpoints, %d timed samples), after %.1f MiB;"
                            + " raw peak (garbage included) %.1f MiB%n",
                    getClass().getSimpleName(),
                    size / MIB,
                    insertMillis,
                    millis,
                    size / MIB * 1000 / millis,
                    heap.before() / (double) MIB,
                    heap.maxDuring() / (double) MIB,
                    heap.growth() / (double) MIB,
                    heap.checkpoints(),
                    heap.samples(),
                    heap.after() / (double) MIB,
                    heap.rawPeak() / (double) MIB);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Length")).hasValue(String.valueOf(size));
            assertThat(r.headers().firstValue("Transfer-Encoding")).isEmpty();
            assertThat(count).isEqualTo(size);
            assertThat(received.getValue()).isEqualTo(stored.getValue());
            assertThat(heap.checkpoints()).isGreaterThanOrEqualTo(7);
            assertThat(heap.samples()).isPositive();
            assertThat(heap.growth())
                    .as("live heap growth while %d MiB streamed", size / MIB)
                    .isLessThan(HEAP_GROWTH_LIMIT);
        }
    }

    /** The site's own connection string: an H2 file under (the copy's) App_Data. */
    @Nested
    class OnH2 extends OnEachDatabase {
        @Override
        SiteCopy start() throws IOException {
            return SiteCopy.start(null);
        }

        @Override
        long streamingSize() {
            return 500 * MIB;
        }

        @Test
        void aBodyOverMaxRequestLengthIs413BeforeTheHandlerReadsIt() throws Exception {
            long limitBytes = site.maxRequestLengthKb() * 1024;
            long length = limitBytes + MIB;

            HttpResponse<String> r = site.client.send(
                    HttpRequest.newBuilder(site.uri("/Upload.ashx"))
                            .expectContinue(true) // so the client waits for the verdict before sending the body
                            .header("Content-Type", "multipart/form-data; boundary=xyz")
                            .POST(BodyPublishers.fromPublisher(
                                    BodyPublishers.ofInputStream(() -> new PatternStream(length)), length))
                            .build(),
                    BodyHandlers.ofString());

            assertThat(r.statusCode()).isEqualTo(413);
            assertThat(r.body()).contains("Maximum request length exceeded.");
        }
    }

    /**
     * The machine's PostgreSQL, in a schema of its own that is dropped afterwards. Skipped with a message when the
     * server is unreachable, unless CI=true: there it must run.
     */
    @Nested
    class OnPostgreSql extends OnEachDatabase {
        private final String schema = "download_it_" + Long.toHexString(System.nanoTime());
        private boolean schemaCreated;

        @Override
        SiteCopy start() throws Exception {
            try (Connection c = DriverManager.getConnection(POSTGRES + "&connectTimeout=3");
                    Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA " + schema);
                schemaCreated = true;
            } catch (SQLException e) {
                String message = "PostgreSQL at " + POSTGRES + " is unreachable (" + e.getMessage() + ")";
                if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                    throw new AssertionError(message + "; under CI=true this test must run", e);
                }
                System.err.println("SKIPPED DownloadIT.OnPostgreSql: " + message);
                Assumptions.abort(message + ": skipped (set CI=true to make this a failure)");
            }
            return SiteCopy.start(POSTGRES + "&currentSchema=" + schema);
        }

        @Override
        long streamingSize() {
            return 128 * MIB;
        }

        @Override
        @AfterAll
        void stopSite() throws Exception {
            super.stopSite();
            if (!schemaCreated) {
                return;
            }
            try (Connection c = DriverManager.getConnection(POSTGRES);
                    Statement s = c.createStatement()) {
                // Dropping the table leaves its large objects behind: unlink them first.
                s.execute("SELECT lo_unlink(content) FROM " + schema + ".attachments");
                s.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }

        @Test
        void theBytesLiveInLargeObjectsNotInTheRow() throws Exception {
            long id = SiteCopy.idOf(site.upload(new Part("file", "lo.bin", null, new byte[100_000]), null));
            try (Connection c = site.connect();
                    var ps = c.prepareStatement(
                            "SELECT pg_typeof(content)::text, (SELECT count(*) FROM pg_largeobject_metadata m"
                                    + " WHERE m.oid = a.content) FROM attachments a WHERE id = ?")) {
                ps.setLong(1, id);
                try (var rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("oid");
                    assertThat(rs.getLong(2)).isEqualTo(1);
                }
            }
        }
    }

    /** A connection string pointing at a port nothing listens on. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class WhenTheDatabaseIsDown {
        SiteCopy site;

        @BeforeAll
        void startSite() throws IOException {
            int closedPort;
            try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                closedPort = s.getLocalPort();
            }
            site = SiteCopy.start("jdbc:postgresql://127.0.0.1:" + closedPort + "/test?user=postgres&connectTimeout=1");
        }

        @AfterAll
        void stopSite() throws Exception {
            site.close();
        }

        @Test
        void downloadsAndUploadsAnswer503WithAPageThatSaysSo() throws Exception {
            HttpResponse<byte[]> download = site.download("id=1");
            HttpResponse<String> upload = site.upload(new Part("file", "a.txt", "text/plain", new byte[] {1}), null);

            for (HttpResponse<?> r : java.util.List.of(download, upload)) {
                assertThat(r.statusCode()).isEqualTo(503);
                assertThat(r.headers().firstValue("Retry-After")).hasValue("30");
                assertThat(r.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
            }
            assertThat(new String(download.body(), UTF_8))
                    .contains("<h1>The database is not available</h1>")
                    .contains("please try again in a minute")
                    .contains("href=\"/css/site.css\"")
                    .doesNotContain("Exception");
            assertThat(upload.body()).contains("<h1>The database is not available</h1>");
        }
    }

    /** One part of a multipart body; {@code headerFileName} is written into the part header as is (UTF-8). */
    record Part(String field, @Nullable String headerFileName, @Nullable String contentType, byte[] content) {}

    /** A {@link DemoSiteCopy} served on 127.0.0.1 port 0, with what these tests send it. */
    static final class SiteCopy implements AutoCloseable {
        final DemoSiteCopy copy;
        final ConduitServer server;
        final HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();

        private SiteCopy(DemoSiteCopy copy, ConduitServer server) {
            this.copy = copy;
            this.server = server;
        }

        /** Copies the site; {@code connectionString} replaces the demo's own, or {@code null} keeps it. */
        static SiteCopy start(@Nullable String connectionString) throws IOException {
            DemoSiteCopy copy = DemoSiteCopy.create(connectionString);
            ConduitServer server = ConduitServer.startLocal(copy.root());
            return new SiteCopy(copy, server);
        }

        URI uri(String path) {
            return URI.create("http://127.0.0.1:" + server.port() + path);
        }

        /** A direct connection to the site's database, for preparing data the way Upload.ashx stores it. */
        Connection connect() throws SQLException {
            return copy.connect();
        }

        /** The root web.config's {@code <httpRuntime maxRequestLength>} (KB; System.Web's default 4096). */
        long maxRequestLengthKb() throws Exception {
            var factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            var doc = factory.newDocumentBuilder()
                    .parse(copy.root().resolve("web.config").toFile());
            for (var n = doc.getDocumentElement().getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element web && web.getTagName().equals("system.web")) {
                    var runtime = web.getElementsByTagName("httpRuntime");
                    if (runtime.getLength() > 0) {
                        String value = ((Element) runtime.item(0)).getAttribute("maxRequestLength");
                        return value.isEmpty() ? 4096 : Long.parseLong(value);
                    }
                }
            }
            return 4096;
        }

        HttpResponse<byte[]> download(String query) throws Exception {
            return send(HttpRequest.newBuilder(uri("/Download.ashx" + (query.isEmpty() ? "" : "?" + query))));
        }

        HttpResponse<byte[]> send(HttpRequest.Builder request) throws Exception {
            return client.send(request.build(), BodyHandlers.ofByteArray());
        }

        /** Posts a form as a browser does: the file part (when given) and the optional {@code name} field. */
        HttpResponse<String> upload(@Nullable Part file, @Nullable String saveAs) throws Exception {
            String boundary = "----conduit" + Long.toHexString(System.nanoTime());
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            if (saveAs != null) {
                body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\n" + saveAs
                                + "\r\n")
                        .getBytes(UTF_8));
            }
            if (file != null) {
                StringBuilder head = new StringBuilder("--")
                        .append(boundary)
                        .append("\r\nContent-Disposition: form-data; name=\"")
                        .append(file.field())
                        .append('"');
                if (file.headerFileName() != null) {
                    head.append("; filename=\"").append(file.headerFileName()).append('"');
                }
                head.append("\r\n");
                if (file.contentType() != null) {
                    head.append("Content-Type: ").append(file.contentType()).append("\r\n");
                }
                body.writeBytes(head.append("\r\n").toString().getBytes(UTF_8));
                body.writeBytes(file.content());
                body.writeBytes("\r\n".getBytes(UTF_8));
            }
            body.writeBytes(("--" + boundary + "--\r\n").getBytes(UTF_8));
            return client.send(
                    HttpRequest.newBuilder(uri("/Upload.ashx"))
                            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                            .POST(BodyPublishers.ofByteArray(body.toByteArray()))
                            .build(),
                    BodyHandlers.ofString());
        }

        /** The attachment id named by a 201 answer's Location header. */
        static long idOf(HttpResponse<String> stored) {
            assertThat(stored.statusCode()).as(stored.body()).isEqualTo(201);
            String location = stored.headers().firstValue("Location").orElseThrow();
            assertThat(location).startsWith("Download.ashx?id=");
            return Long.parseLong(location.substring("Download.ashx?id=".length()));
        }

        @Override
        public void close() throws Exception {
            try {
                server.stop();
            } finally {
                copy.close();
            }
        }
    }

    /** {@code length} reproducible pseudo-random bytes, generated as read (nothing is held). */
    static final class PatternStream extends InputStream {
        private final long length;
        private long position;
        private long state = 0x9E3779B97F4A7C15L;

        PatternStream(long length) {
            this.length = length;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (position >= length) {
                return -1;
            }
            int n = (int) Math.min(len, length - position);
            for (int i = 0; i < n; i++) {
                if ((position + i & 7) == 0) {
                    state ^= state << 13; // xorshift64
                    state ^= state >>> 7;
                    state ^= state << 17;
                }
                b[off + i] = (byte) (state >>> ((position + i & 7) * 8));
            }
            position += n;
            return n;
        }
    }

    /**
     * Measures the live heap: the heap used right after a full collection, so garbage in flight does not count.
     * Taken before the transfer, every 100 ms during it on a thread of its own (so memory the server holds only
     * briefly, say a whole attachment read before it is written, is seen too), at the client's checkpoints, and
     * after. The raw used heap (garbage included) is sampled every 10 ms for context only.
     */
    static final class HeapProbe {
        record Result(long before, long maxDuring, long after, int checkpoints, int samples, long rawPeak) {
            long growth() {
                return Math.max(maxDuring, after) - before;
            }
        }

        private final long before;
        private final AtomicLong maxDuring = new AtomicLong();
        private final AtomicLong rawPeak = new AtomicLong();
        private final AtomicInteger samples = new AtomicInteger();
        private final ScheduledExecutorService sampler = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "heap-sampler");
            t.setDaemon(true);
            return t;
        });
        private int checkpoints;

        private HeapProbe(long before) {
            this.before = before;
        }

        static HeapProbe start() {
            liveHeap();
            HeapProbe probe = new HeapProbe(liveHeap());
            probe.sampler.scheduleAtFixedRate(
                    () -> probe.rawPeak.accumulateAndGet(used(), Math::max), 0, 10, TimeUnit.MILLISECONDS);
            probe.sampler.scheduleWithFixedDelay(
                    () -> {
                        probe.maxDuring.accumulateAndGet(liveHeap(), Math::max);
                        probe.samples.incrementAndGet();
                    },
                    100,
                    100,
                    TimeUnit.MILLISECONDS);
            return probe;
        }

        /** Measures now, from the thread reading the download. */
        void checkpoint() {
            maxDuring.accumulateAndGet(liveHeap(), Math::max);
            checkpoints++;
        }

        Result stop() throws InterruptedException {
            sampler.shutdownNow();
            assertThat(sampler.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
            return new Result(before, maxDuring.get(), liveHeap(), checkpoints, samples.get(), rawPeak.get());
        }

        private static long liveHeap() {
            System.gc();
            return used();
        }

        private static long used() {
            return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        }
    }
}
