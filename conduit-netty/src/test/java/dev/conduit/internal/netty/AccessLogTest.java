package dev.conduit.internal.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The access log: W3C extended format as IIS writes it, daily files, bounded queue, dropped lines counted. */
class AccessLogTest {
    @TempDir
    Path dir;

    private static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.2", 50123);
    private static final InetSocketAddress SERVER = new InetSocketAddress("127.0.0.1", 8080);

    private static AccessLog.Entry entry(String at, String target, String agent) {
        return new AccessLog.Entry(
                Instant.parse(at).toEpochMilli(),
                "GET",
                target,
                "HTTP/1.1",
                CLIENT,
                SERVER,
                agent,
                null,
                "example.org",
                200,
                13,
                2_500_000);
    }

    /** A log with the server's chunk size and limit, drained by the test. */
    private static AccessLog unstarted(List<String> fields, @Nullable Path folder, @Nullable OutputStream out) {
        return AccessLog.unstarted(fields, folder, out, AccessLog.CHUNK_BYTES, AccessLog.MAX_WAITING);
    }

    @Test
    void writesTheDirectivesThenOneLinePerRequestInIisDefaultFields() {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        AccessLog log = unstarted(AccessLog.DEFAULT_FIELDS, null, out);
        log.add(entry("2026-12-04T10:15:30.250Z", "/feed.rss?page=2&x=a%20b", "Mozilla/5.0 (X11; Linux)"));
        log.add(entry("2026-12-04T10:15:31Z", "/", null));
        log.drain();

        assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo(
                        """
                #Software: Conduit
                #Version: 1.0
                #Date: 2026-12-04 10:15:30
                #Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port c-ip cs(User-Agent) cs(Referer) \
                sc-status sc-substatus sc-win32-status time-taken
                2026-12-04 10:15:30 127.0.0.1 GET /feed.rss page=2&x=a%20b 8080 127.0.0.2 \
                Mozilla/5.0+(X11;+Linux) - 200 0 0 2
                2026-12-04 10:15:31 127.0.0.1 GET / - 8080 127.0.0.2 - - 200 0 0 2
                """);
    }

    @Test
    void aRefusedHeadWithoutARequestIsLoggedWithDashes() {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        AccessLog log = unstarted(List.of("cs-method", "cs-uri-stem", "sc-status", "sc-bytes"), null, out);
        log.add(new AccessLog.Entry(0, null, null, null, CLIENT, SERVER, null, null, null, 431, 42, 0));
        log.drain();

        assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8)).endsWith("\n- - 431 42\n");
    }

    @Test
    void controlCharactersAndSpacesNeverSplitAField() {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        AccessLog log = unstarted(List.of("cs(User-Agent)", "cs-host"), null, out);
        log.add(entry("2026-12-04T10:15:30Z", "/", "evil\tagent \u00e9\r\n2026-01-01 forged"));
        log.drain();

        assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8))
                .endsWith("\nevil?agent+???2026-01-01+forged example.org\n");
    }

    @Test
    void writesOneFilePerUtcDayNamedAsIisNamesThem() throws Exception {
        AccessLog log = unstarted(List.of("date", "time", "cs-uri-stem"), dir, null);
        log.add(entry("2026-12-04T23:59:59Z", "/a", null));
        log.add(entry("2026-12-05T00:00:01Z", "/b", null));
        log.drain();
        log.finish();

        assertThat(Files.readString(dir.resolve("u_ex261204.log"))).endsWith("\n2026-12-04 23:59:59 /a\n");
        assertThat(Files.readString(dir.resolve("u_ex261205.log")))
                .startsWith("#Software: Conduit\n")
                .contains("#Fields: date time cs-uri-stem\n")
                .endsWith("\n2026-12-05 00:00:01 /b\n");
    }

    @Test
    void anExistingDayFileIsAppendedToWithItsOwnDirectives() throws Exception {
        for (String path : List.of("/first", "/second")) {
            AccessLog log = unstarted(List.of("cs-uri-stem"), dir, null);
            log.add(entry("2026-12-04T08:00:00Z", path, null));
            log.drain();
            log.finish();
        }
        String text = Files.readString(dir.resolve("u_ex261204.log"));
        assertThat(text).containsSubsequence("#Fields: cs-uri-stem\n/first\n", "#Fields: cs-uri-stem\n/second\n");
    }

    @Test
    void whenTheWriterFallsBehindLinesAreDroppedCountedAndReportedNeverWaitedFor() {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        // A chunk per line, four chunks may wait: the fifth line on is dropped.
        AccessLog log = AccessLog.unstarted(List.of("cs-uri-stem"), null, out, 1, 4);
        for (int i = 0; i < 10; i++) {
            log.add(entry("2026-12-04T08:00:00Z", "/" + i, null)); // returns at once, queue full or not
        }
        assertThat(log.dropped()).isEqualTo(6);
        log.drain();

        assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8))
                .endsWith("#Remark: 6 lines dropped: the log could not keep up\n/0\n/1\n/2\n/3\n");
        log.add(entry("2026-12-04T08:00:00Z", "/next", null));
        log.drain();
        assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8)).endsWith("/3\n/next\n"); // reported once
    }

    @Test
    void whenTheDestinationFailsOnlyTheLinesNotWrittenAreCountedAsDropped() {
        // A chunk per line; the destination fails on the third line's write.
        OutputStream failing = new OutputStream() {
            @Override
            public void write(int b) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void write(byte[] b, int off, int len) throws java.io.IOException {
                if (new String(b, off, len, java.nio.charset.StandardCharsets.US_ASCII).contains("/2")) {
                    throw new java.io.IOException("disk full");
                }
            }
        };
        AccessLog log = AccessLog.unstarted(List.of("cs-uri-stem"), null, failing, 1, 10);
        for (int i = 0; i < 4; i++) {
            log.add(entry("2026-12-04T08:00:00Z", "/" + i, null));
        }
        log.drain();
        assertThat(log.dropped()).as("/2 and /3: /0 and /1 were written").isEqualTo(2);
    }

    @Test
    void aNetworkThreadsBufferReusesTheChunksTheWriterHasWritten() throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        AccessLog log = AccessLog.unstarted(List.of("cs-uri-stem"), null, out, AccessLog.CHUNK_BYTES, 10);
        // One network thread (its own buffer) logs a line before each pass of the writer.
        java.util.concurrent.ExecutorService loop = java.util.concurrent.Executors.newSingleThreadExecutor(
                new io.netty.util.concurrent.DefaultThreadFactory("access-log-test"));
        try {
            for (int pass = 0; pass < 5; pass++) {
                String target = "/" + pass;
                loop.submit(() -> log.add(entry("2026-12-04T08:00:00Z", target, null)))
                        .get();
                log.drain();
            }
        } finally {
            loop.shutdown();
        }
        assertThat(out.toString(java.nio.charset.StandardCharsets.US_ASCII)
                        .lines()
                        .filter(l -> !l.startsWith("#")))
                .containsExactly("/0", "/1", "/2", "/3", "/4");
        // The shared buffer's first chunk, the thread's first, and the one it got when the writer first took its
        // lines; from then on the chunk written on one pass is the one filled for the next (a new one per pass
        // before: 7).
        assertThat(log.chunksMade()).isEqualTo(3);
    }

    @Test
    void addressesAreWrittenLowerCase_andKeptByValueAcrossConnections() throws Exception {
        AccessLogBuffer log = new AccessLogBuffer(AccessLog.OFF, AccessLog.CHUNK_BYTES, AccessLog.MAX_WAITING, false);
        java.net.InetAddress first = java.net.InetAddress.getByAddress(new byte[] {10, 0, 0, 1});
        java.net.InetAddress same = java.net.InetAddress.getByAddress(new byte[] {10, 0, 0, 1}); // another connection
        java.net.InetAddress other = java.net.InetAddress.getByName("FE80::A");
        byte[] text = log.text(first);
        assertThat(log.text(same)).as("kept, though another object").isSameAs(text);
        assertThat(new String(log.text(other), java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo("fe80:0:0:0:0:0:0:a");
        assertThat(new String(log.text(same), java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo("10.0.0.1");
    }

    @Test
    void eachNetworkThreadFormatsIntoItsOwnBuffer_andEveryThreadsLinesAreWrittenInTheirOrder() throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        // Small chunks: each thread hands several over, and the writer takes them with the thread's partial one.
        AccessLog log = AccessLog.unstarted(List.of("cs-uri-stem"), null, out, 64, 1_000);
        int perThread = 500;
        List<Thread> threads = new java.util.ArrayList<>();
        for (int t = 0; t < 4; t++) {
            String name = "t" + t;
            Runnable lines = () -> {
                for (int i = 0; i < perThread; i++) {
                    log.add(entry("2026-12-04T08:00:00Z", "/" + name + "/" + i, null));
                }
            };
            // Two network threads (a buffer each) and two others (sharing one).
            threads.add(t < 2 ? new io.netty.util.concurrent.FastThreadLocalThread(lines) : new Thread(lines));
        }
        threads.forEach(Thread::start);
        for (int i = 0; i < 20; i++) {
            log.drain(); // while the threads add
        }
        for (Thread t : threads) {
            t.join();
        }
        log.drain();

        List<String> written = out.toString(java.nio.charset.StandardCharsets.US_ASCII)
                .lines()
                .filter(l -> !l.startsWith("#"))
                .toList();
        assertThat(written).hasSize(4 * perThread);
        for (int t = 0; t < 4; t++) {
            String prefix = "/t" + t + "/";
            assertThat(written.stream().filter(l -> l.startsWith(prefix)).toList())
                    .as("thread %d's lines, in order", t)
                    .isEqualTo(java.util.stream.IntStream.range(0, perThread)
                            .mapToObj(i -> prefix + i)
                            .toList());
        }
        assertThat(log.dropped()).isZero();
    }

    @Test
    void numbersAreWrittenInDecimal() {
        AccessLog.Line line = new AccessLog.Line();
        for (long n : new long[] {0, 7, 10, 99, 100, 65_535, 1_234_567_890_123L, Long.MAX_VALUE, -1}) {
            line.add(n);
            line.add((byte) ' ');
        }
        assertThat(line.toString()).isEqualTo("0 7 10 99 100 65535 1234567890123 9223372036854775807 -1 ");
    }

    @Test
    void anUnknownFieldIsRefusedNamingTheKnownOnes() {
        assertThatThrownBy(() -> AccessLog.checkFields(List.of("date", "cs-username")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown access log field 'cs-username'; the fields are date, time, s-ip,");
        assertThatThrownBy(() -> AccessLog.checkFields(List.of()))
                .hasMessage("accessLogFields must name at least one field");
    }

    @Test
    void aStartedLogWritesItsQueueWhenClosed() throws Exception {
        AccessLog log = AccessLog.start(List.of("cs-uri-stem", "sc-status"), dir);
        log.add(entry(Instant.now().toString(), "/closing", null));
        log.close();

        try (var files = Files.list(dir)) {
            Path file = files.findFirst().orElseThrow();
            assertThat(Files.readString(file)).endsWith("\n/closing 200\n");
        }
    }
}
