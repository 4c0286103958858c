package dev.conduit.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens many keep-alive connections to a server, makes one request on each (so that every connection has served a
 * request and is now idle, as a browser's would be), and holds them open until its input closes: {@code java -cp ...
 * dev.conduit.bench.IdleConnections PORT COUNT PATH}. Prints {@code ready N} once all are open and answered; the
 * harness then measures the server's heap after a full GC (see {@code benchmarks/run.sh}).
 */
public final class IdleConnections {
    private IdleConnections() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: IdleConnections PORT COUNT PATH");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        int count = Integer.parseInt(args[1]);
        byte[] request =
                ("GET " + args[2] + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        List<SocketChannel> open = new ArrayList<>(count);
        ByteBuffer in = ByteBuffer.allocate(4096);
        int answered = 0;
        for (int i = 0; i < count; i++) {
            SocketChannel ch = SocketChannel.open();
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            ch.connect(new InetSocketAddress("127.0.0.1", port));
            ch.write(ByteBuffer.wrap(request));
            in.clear();
            if (readHead(ch, in)) {
                answered++;
            }
            open.add(ch);
        }
        System.out.println("ready " + open.size() + " answered " + answered);
        System.out.flush();
        // Hold until the harness closes our input (or kills us).
        while (System.in.read() >= 0) {
            // nothing
        }
        for (SocketChannel ch : open) {
            ch.close();
        }
    }

    /** Reads until the end of a response with a short body (the head and a few bytes); true on a 200. */
    private static boolean readHead(SocketChannel ch, ByteBuffer in) throws IOException {
        while (true) {
            if (ch.read(in) < 0) {
                return false;
            }
            String text = new String(in.array(), 0, in.position(), StandardCharsets.US_ASCII);
            int end = text.indexOf("\r\n\r\n");
            if (end >= 0) {
                int cl = text.toLowerCase(java.util.Locale.ROOT).indexOf("content-length:");
                int length = cl < 0
                        ? 0
                        : Integer.parseInt(text.substring(cl + 15, text.indexOf("\r\n", cl))
                                .trim());
                if (in.position() >= end + 4 + length) {
                    return text.startsWith("HTTP/1.1 200");
                }
            }
        }
    }
}
