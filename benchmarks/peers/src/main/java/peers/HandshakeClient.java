package peers;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.OpenSslContextOption;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A TLS handshake load client for benchmarks/h2/run.sh: CONNECTIONS connections at a time to 127.0.0.1:PORT, each a TCP
 * connect, one full TLS 1.3 handshake (X25519) and a close; a new connection replaces each one closed. Never a
 * resumption: the engines are made without a peer host, whose sessions Netty does not cache, and a connection is closed
 * before a TLS 1.3 ticket could be read, so the client offers no session (each handshake's engine is asked
 * isSessionReused as a guard). Counts the handshakes completed in SECONDS after WARMUP seconds. One event loop (epoll),
 * the client's TLS through netty-tcnative's BoringSSL: about 0.35 ms of client CPU per handshake against about 1 ms for
 * openssl s_time -new (Debian's OpenSSL 3.0), so that one client CPU keeps a server on the other busy with room to
 * spare, where eight s_time processes come near the client CPU's limit first.
 *
 * <pre>java -cp peers.jar peers.HandshakeClient PORT CONNECTIONS WARMUP SECONDS [SERVER_PID CLK_TCK CLIENT_CPU SERVER_CPU]</pre>
 *
 * Prints {@code handshakes N seconds S failures F protocol P cipher C resumed R} (R, the handshakes that resumed a
 * session, is 0 unless something is wrong), then, given the server's process id, the ticks per second of /proc and
 * the CPUs the client and the server are pinned to, {@code server_cpu U client_cpu_busy V server_cpu_tasks W}: the
 * server process's CPU time over the measured seconds per second, how busy the client's CPU was (/proc/stat, 1.00 being
 * all of it) and the user and system time of every process on the server's CPU (interrupts and softirqs, where the
 * loopback's packets are handled, not counted: they are not charged to a process).
 */
public final class HandshakeClient {
    public static void main(String[] args) throws Exception {
        if (args.length != 4 && args.length != 8) {
            System.err.println("usage: peers.HandshakeClient PORT CONNECTIONS WARMUP_SECONDS SECONDS [SERVER_PID CLK_TCK CLIENT_CPU SERVER_CPU]");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        int connections = Integer.parseInt(args[1]);
        double warmup = Double.parseDouble(args[2]);
        double seconds = Double.parseDouble(args[3]);
        if (!OpenSsl.isAvailable()) {
            throw new IllegalStateException("netty-tcnative does not load", OpenSsl.unavailabilityCause());
        }
        SslContext tls = SslContextBuilder.forClient()
                .sslProvider(SslProvider.OPENSSL)
                .trustManager(InsecureTrustManagerFactory.INSTANCE) // the harness's self-signed certificate
                .endpointIdentificationAlgorithm(null)
                .protocols("TLSv1.3")
                .option(OpenSslContextOption.GROUPS, new String[] {"X25519"})
                .build();
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong resumed = new AtomicLong();
        java.lang.reflect.Method reused = Class.forName("io.netty.handler.ssl.ReferenceCountedOpenSslEngine")
                .getDeclaredMethod("isSessionReused");
        reused.setAccessible(true);
        AtomicReference<String> negotiated = new AtomicReference<>("none");
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        var running = new java.util.concurrent.atomic.AtomicBoolean(true);
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(EpollSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        SslHandler ssl = tls.newHandler(ch.alloc()); // no peer host: nothing to resume
                        ssl.handshakeFuture().addListener(f -> {
                            if (f.isSuccess()) {
                                done.incrementAndGet();
                                if ((boolean) reused.invoke(ssl.engine())) {
                                    resumed.incrementAndGet();
                                }
                                if (negotiated.get().equals("none")) {
                                    var session = ssl.engine().getSession();
                                    negotiated.set("protocol " + session.getProtocol() + " cipher " + session.getCipherSuite());
                                }
                            } else {
                                failed.incrementAndGet();
                            }
                            ch.close();
                        });
                        ch.pipeline().addLast(ssl);
                    }
                });
        Runnable[] open = new Runnable[1];
        open[0] = () -> {
            if (!running.get()) {
                return;
            }
            ChannelFuture connect = bootstrap.connect("127.0.0.1", port);
            connect.addListener(f -> {
                if (!f.isSuccess()) {
                    failed.incrementAndGet();
                    group.schedule(open[0], 10, java.util.concurrent.TimeUnit.MILLISECONDS);
                } else {
                    connect.channel().closeFuture().addListener(c -> open[0].run());
                }
            });
        };
        for (int i = 0; i < connections; i++) {
            group.execute(open[0]);
        }
        try {
            measure(args, warmup, seconds, done, failed, resumed, negotiated);
        } finally {
            running.set(false);
            group.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).await(5, java.util.concurrent.TimeUnit.SECONDS);
        }
        System.exit(0);
    }

    private static void measure(String[] args, double warmup, double seconds, AtomicLong done, AtomicLong failed,
            AtomicLong resumed, AtomicReference<String> negotiated) throws Exception {
        Thread.sleep((long) (warmup * 1000));
        boolean cpu = args.length == 8;
        long[] s0 = cpu ? cpuTicks(args[4], args[6], args[7]) : null;
        long d0 = done.get(), f0 = failed.get(), t0 = System.nanoTime();
        Thread.sleep((long) (seconds * 1000));
        long d1 = done.get(), f1 = failed.get(), t1 = System.nanoTime();
        long[] s1 = cpu ? cpuTicks(args[4], args[6], args[7]) : null;
        double elapsed = (t1 - t0) / 1e9;
        System.out.printf("handshakes %d seconds %.3f failures %d %s resumed %d%n", d1 - d0, elapsed, f1 - f0,
                negotiated.get(), resumed.get());
        if (cpu) {
            double ticks = Double.parseDouble(args[5]);
            System.out.printf("server_cpu %.2f client_cpu_busy %.2f server_cpu_tasks %.2f%n",
                    (s1[0] - s0[0]) / ticks / elapsed, busy(s0, s1, 1), busy(s0, s1, 3));
        }
    }

    private static double busy(long[] s0, long[] s1, int at) {
        long busy = s1[at] - s0[at], all = busy + s1[at + 1] - s0[at + 1];
        return all > 0 ? (double) busy / all : 0;
    }

    /**
     * {server process's utime + stime, the client CPU's busy and other ticks, the server CPU's user + nice + system and
     * other ticks}.
     */
    private static long[] cpuTicks(String pid, String clientCpu, String serverCpu) throws java.io.IOException {
        String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", pid, "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" "); // fields from the third on
        long[] t = new long[5];
        t[0] = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime (14th) and stime (15th)
        int found = 0;
        for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/stat"))) {
            String[] c = line.split(" +");
            int at = c[0].equals("cpu" + clientCpu) ? 1 : c[0].equals("cpu" + serverCpu) ? 3 : 0;
            if (at > 0) { // user nice system idle iowait irq softirq steal
                long tasks = Long.parseLong(c[1]) + Long.parseLong(c[2]) + Long.parseLong(c[3]);
                long interrupts = Long.parseLong(c[6]) + Long.parseLong(c[7]) + Long.parseLong(c[8]);
                long idle = Long.parseLong(c[4]) + Long.parseLong(c[5]);
                t[at] = at == 1 ? tasks + interrupts : tasks;
                t[at + 1] = at == 1 ? idle : idle + interrupts;
                found++;
            }
        }
        if (found != 2) {
            throw new IllegalStateException("no cpu" + clientCpu + " or cpu" + serverCpu + " in /proc/stat");
        }
        return t;
    }

    private HandshakeClient() {}
}
