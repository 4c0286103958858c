package dev.conduit.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A load client run in its own JVM (a process has too few file descriptors for 10,000 connections on both ends):
 * opens {@code connections} connections to 127.0.0.1:{@code port}, and once every one is open sends each one request
 * for {@code target} with {@code Connection: close}, then reads every response to its end, on one thread with one
 * selector. Prints one line, {@code ok=N statuses={...} connectMillis=N requestMillis=N}, and exits 0; exits 2 when
 * {@code seconds} pass first.
 *
 * <p>Usage: {@code LoadClient PORT CONNECTIONS TARGET SECONDS}
 */
public final class LoadClient {
    private static final int MAX_CONNECTING = 512;

    private LoadClient() {}

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        int total = Integer.parseInt(args[1]);
        byte[] request = ("GET " + args[2] + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        long deadline = System.nanoTime() + Long.parseLong(args[3]) * 1_000_000_000L;
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
        Map<String, Integer> statuses = new TreeMap<>();
        long start = System.nanoTime();
        try (Selector selector = Selector.open()) {
            List<SocketChannel> open = connectAll(selector, address, total, deadline);
            long connected = System.nanoTime();
            for (SocketChannel ch : open) {
                ByteBuffer out = ByteBuffer.wrap(request);
                while (out.hasRemaining()) {
                    ch.write(out);
                }
                ch.register(selector, SelectionKey.OP_READ, new StringBuilder());
            }
            int pending = open.size();
            ByteBuffer in = ByteBuffer.allocate(16 * 1024);
            while (pending > 0 && System.nanoTime() < deadline) {
                selector.select(100);
                for (Iterator<SelectionKey> it = selector.selectedKeys().iterator(); it.hasNext(); ) {
                    SelectionKey key = it.next();
                    it.remove();
                    SocketChannel ch = (SocketChannel) key.channel();
                    StringBuilder head = (StringBuilder) key.attachment();
                    in.clear();
                    int n;
                    try {
                        n = ch.read(in);
                    } catch (IOException e) {
                        n = -1;
                        head.setLength(0);
                        head.append("reset");
                    }
                    if (n > 0 && head.length() < 12) {
                        head.append(new String(in.array(), 0, Math.min(n, 12), StandardCharsets.US_ASCII));
                    }
                    if (n < 0) {
                        String status = head.length() >= 12 ? head.substring(9, 12) : "none(" + head + ")";
                        statuses.merge(status, 1, Integer::sum);
                        key.cancel();
                        ch.close();
                        pending--;
                    }
                }
            }
            long done = System.nanoTime();
            if (pending > 0) {
                statuses.merge("unanswered", pending, Integer::sum);
            }
            System.out.printf(
                    "ok=%d statuses=%s connectMillis=%d requestMillis=%d%n",
                    statuses.getOrDefault("200", 0),
                    statuses,
                    (connected - start) / 1_000_000,
                    (done - connected) / 1_000_000);
            System.exit(pending > 0 ? 2 : 0);
        }
    }

    /** Opens {@code total} connections, at most {@link #MAX_CONNECTING} handshakes at a time. */
    private static List<SocketChannel> connectAll(
            Selector selector, InetSocketAddress address, int total, long deadline) throws IOException {
        List<SocketChannel> open = new ArrayList<>(total);
        int started = 0;
        int connecting = 0;
        while (open.size() < total && System.nanoTime() < deadline) {
            while (started < total && connecting < MAX_CONNECTING) {
                SocketChannel ch = SocketChannel.open();
                ch.configureBlocking(false);
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                if (ch.connect(address)) {
                    open.add(ch);
                } else {
                    ch.register(selector, SelectionKey.OP_CONNECT);
                    connecting++;
                }
                started++;
            }
            selector.select(100);
            for (Iterator<SelectionKey> it = selector.selectedKeys().iterator(); it.hasNext(); ) {
                SelectionKey key = it.next();
                it.remove();
                SocketChannel ch = (SocketChannel) key.channel();
                ch.finishConnect();
                key.interestOps(0);
                connecting--;
                open.add(ch);
            }
        }
        selector.selectNow(); // flush the cancelled interest sets
        for (SelectionKey key : selector.keys()) {
            key.cancel();
        }
        selector.selectNow();
        return open;
    }
}
