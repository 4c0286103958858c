package dev.conduit.bench;

import dev.conduit.server.ConduitServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How many bytes does the server allocate per request? Workload: the bench server ({@link ConduitBenchServer#start}
 * with {@code variant}) started in this JVM, and one keep-alive connection from an allocation-free client (a
 * blocking {@link SocketChannel} writing pre-encoded requests and reading the responses into a reused direct buffer,
 * delimited by their Content-Length). Run it with JMH's gc profiler: {@code gc.alloc.rate.norm} counts every thread's allocation, so it
 * is the server's bytes per request (the client and JMH add a few bytes at most). The per-request time is a
 * round trip on one connection, not a throughput figure: the load harness (benchmarks/run.sh) measures that.
 *
 * <p>Tests: {@code plaintext} (one request per round trip), {@code pipelined} (16 requests written at once, 16
 * responses read; the figure is per request) and {@code static16k} (a 16 KiB file from the site).
 *
 * <p>Run: {@code java -cp "benchmarks/jmh/target/classes:benchmarks/jmh/target/lib/*" org.openjdk.jmh.Main
 * AllocationBenchmark -prof gc}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--add-opens", "java.base/java.lang=ALL-UNNAMED"})
public class AllocationBenchmark {
    static final int DEPTH = 16;

    @Param({"async", "sync"})
    public String variant;

    private ConduitServer server;
    private SocketChannel channel;
    private Exchange plaintext;
    private Exchange pipelined;
    private Exchange static16k;

    @Setup
    public void setUp() throws Exception {
        server = ConduitBenchServer.start(variant, 0);
        channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", server.port()));
        channel.socket().setTcpNoDelay(true);
        String path = variant.equals("ashx") ? "/plaintext.ashx" : "/plaintext";
        plaintext = new Exchange(channel, path, 1);
        pipelined = new Exchange(channel, path, DEPTH);
        static16k = new Exchange(channel, "/static16k.bin", 1);
    }

    @TearDown
    public void tearDown() throws IOException {
        channel.close();
        server.stop();
    }

    @Benchmark
    public int plaintext() throws IOException {
        return plaintext.run();
    }

    @Benchmark
    @OperationsPerInvocation(DEPTH)
    public int pipelined() throws IOException {
        return pipelined.run();
    }

    @Benchmark
    public int static16k() throws IOException {
        return static16k.run();
    }

    /**
     * One round trip: {@code depth} requests written at once, then exactly their responses read, each delimited by
     * its head's Content-Length (parsed in place, allocating nothing). Each response must be a 200.
     */
    static final class Exchange {
        private static final byte[] OK = "HTTP/1.1 200 ".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] CONTENT_LENGTH = "\r\ncontent-length:".getBytes(StandardCharsets.US_ASCII);
        private final SocketChannel channel;
        private final ByteBuffer request;
        private final ByteBuffer in = ByteBuffer.allocateDirect(1 << 20);
        private final int depth;

        Exchange(SocketChannel channel, String path, int depth) {
            this.channel = channel;
            this.depth = depth;
            byte[] one = ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: */*\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            request = ByteBuffer.allocateDirect(one.length * depth);
            for (int i = 0; i < depth; i++) {
                request.put(one);
            }
            request.flip();
        }

        int run() throws IOException {
            request.rewind();
            while (request.hasRemaining()) {
                channel.write(request);
            }
            in.clear();
            int start = 0;
            int total = 0;
            for (int answered = 0; answered < depth; answered++) {
                int end;
                while ((end = responseEnd(start)) < 0) {
                    fill();
                }
                total += end - start;
                start = end;
            }
            if (in.position() != start) {
                throw new IllegalStateException("more bytes than " + depth + " responses");
            }
            return total;
        }

        private void fill() throws IOException {
            if (!in.hasRemaining()) {
                throw new IllegalStateException("responses larger than the buffer");
            }
            if (channel.read(in) < 0) {
                throw new IOException("the server closed the connection");
            }
        }

        /** The end of the response starting at {@code start} if all of it has arrived, else -1. */
        private int responseEnd(int start) {
            int limit = in.position();
            int headEnd = -1;
            for (int i = start; i + 3 < limit; i++) {
                if (in.get(i) == '\r' && in.get(i + 1) == '\n' && in.get(i + 2) == '\r' && in.get(i + 3) == '\n') {
                    headEnd = i;
                    break;
                }
            }
            if (headEnd < 0) {
                return -1;
            }
            for (int i = 0; i < OK.length; i++) {
                if (in.get(start + i) != OK[i]) {
                    throw new IllegalStateException("not a 200 response");
                }
            }
            int length = -1;
            for (int i = start; i < headEnd; i++) {
                if (matchesIgnoringCase(i, CONTENT_LENGTH)) {
                    length = 0;
                    for (int j = i + CONTENT_LENGTH.length; j < headEnd && in.get(j) != '\r'; j++) {
                        byte b = in.get(j);
                        if (b >= '0' && b <= '9') {
                            length = length * 10 + (b - '0');
                        }
                    }
                    break;
                }
            }
            if (length < 0) {
                throw new IllegalStateException("a response without Content-Length");
            }
            int end = headEnd + 4 + length;
            return end <= limit ? end : -1;
        }

        private boolean matchesIgnoringCase(int at, byte[] lowerCase) {
            for (int k = 0; k < lowerCase.length; k++) {
                byte b = in.get(at + k);
                if (b >= 'A' && b <= 'Z') {
                    b += 'a' - 'A';
                }
                if (b != lowerCase[k]) {
                    return false;
                }
            }
            return true;
        }
    }
}
