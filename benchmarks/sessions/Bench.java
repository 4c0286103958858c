import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The session benchmark's client, run as a single-file program.
 *
 * <pre>
 *   java Bench.java throughput URL SESSIONS SECONDS   -> "rps p50_ms p99_ms errors"
 *   java Bench.java handoff URL_A URL_B ROUNDS        -> "median_ms p90_ms"
 * </pre>
 *
 * throughput: SESSIONS users, each with its own session and connection, request counter.ashx back to back for SECONDS.
 * handoff: one session; a request on one instance holds its lock 30 ms (stamp.ashx), a request for the same session
 * on the other instance waits for it; the hand-off is the second one's entry minus the first one's exit (wall clock,
 * one machine), the instances swapping roles each round.
 */
public final class Bench {
    public static void main(String[] args) throws Exception {
        if (args[0].equals("throughput")) {
            throughput(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]));
        } else {
            handoff(args[1], args[2], Integer.parseInt(args[3]));
        }
    }

    private static void throughput(String base, int sessions, int seconds) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        AtomicLong errors = new AtomicLong();
        List<long[]> all = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int s = 0; s < sessions; s++) {
            long[] lat = new long[2_000_000];
            int[] n = {0};
            all.add(lat);
            threads.add(Thread.ofPlatform().start(() -> {
                HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
                HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/counter.ashx")).build();
                while (System.nanoTime() < deadline) {
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() != 200) {
                            errors.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                    if (n[0] < lat.length) {
                        lat[n[0]++] = System.nanoTime() - t0;
                    }
                }
                lat[lat.length - 1] = n[0]; // the count, in the last slot
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        int total = 0;
        for (long[] l : all) {
            total += (int) l[l.length - 1];
        }
        long[] merged = new long[total];
        int i = 0;
        for (long[] l : all) {
            int c = (int) l[l.length - 1];
            System.arraycopy(l, 0, merged, i, c);
            i += c;
        }
        Arrays.sort(merged);
        double p50 = merged[merged.length / 2] / 1e6;
        double p99 = merged[(int) (merged.length * 0.99)] / 1e6;
        System.out.printf("%.0f %.3f %.3f %d%n", total / (double) seconds, p50, p99, errors.get());
    }

    private static long[] stamp(HttpClient http, String url) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + r.statusCode() + ": " + r.body());
        }
        String[] p = r.body().strip().split(" ");
        return new long[] {Long.parseLong(p[0]), Long.parseLong(p[1])};
    }

    private static void handoff(String a, String b, int rounds) throws Exception {
        CookieManager cookies = new CookieManager();
        HttpClient first = HttpClient.newBuilder().cookieHandler(cookies).build();
        first.send(HttpRequest.newBuilder(URI.create(a + "/counter.ashx")).build(), HttpResponse.BodyHandlers.ofString());
        // Both instances share the cookie jar (the same session), as a browser behind a balancer would.
        HttpClient second = HttpClient.newBuilder().cookieHandler(cookies).build();
        long[] micros = new long[rounds];
        for (int r = 0; r < rounds + 5; r++) {
            String holder = (r % 2 == 0 ? a : b) + "/stamp.ashx?hold=30";
            String waiter = (r % 2 == 0 ? b : a) + "/stamp.ashx?hold=0";
            CompletableFuture<long[]> held = CompletableFuture.supplyAsync(() -> {
                try {
                    return stamp(first, holder);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(10);
            long[] w = stamp(second, waiter);
            long[] h = held.join();
            if (r >= 5) { // the first rounds warm both instances up
                micros[r - 5] = w[0] - h[1];
            }
        }
        Arrays.sort(micros);
        System.out.printf("%.2f %.2f%n", micros[rounds / 2] / 1000.0, micros[(int) (rounds * 0.9)] / 1000.0);
    }
}
