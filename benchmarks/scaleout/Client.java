import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The scale-out harness's client (run as a single-file program: java Client.java URL THREADS SECONDS). Each thread is
 * one user with its own session, adding one to its session counter again and again through the balancer and checking
 * that each answer is one more than the last; one more user signs in once and reads a protected page again and again,
 * noting which instances accepted its forms ticket. Prints the totals; exits 1 on any failed request or miscount.
 */
public final class Client {
    public static void main(String[] args) throws Exception {
        String base = args[0];
        int threads = Integer.parseInt(args[1]);
        long deadline = System.nanoTime() + Duration.ofSeconds(Long.parseLong(args[2])).toNanos();
        AtomicLong sent = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong miscounts = new AtomicLong();
        AtomicLong expectedTotal = new AtomicLong();
        AtomicLong foundTotal = new AtomicLong();
        Set<String> counterInstances = ConcurrentHashMap.newKeySet();
        Set<String> formsInstances = ConcurrentHashMap.newKeySet();
        List<String> failures = new ArrayList<>();
        List<Thread> all = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            all.add(Thread.ofPlatform().start(() -> {
                HttpClient http = HttpClient.newBuilder()
                        .cookieHandler(new CookieManager())
                        .connectTimeout(Duration.ofSeconds(5))
                        .build();
                long mine = 0;
                long last = 0;
                while (System.nanoTime() < deadline) {
                    sent.incrementAndGet();
                    try {
                        HttpResponse<String> r = http.send(
                                HttpRequest.newBuilder(URI.create(base + "/counter.ashx"))
                                        .timeout(Duration.ofSeconds(30))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() != 200) {
                            failed.incrementAndGet();
                            record(failures, r.statusCode() + " " + r.body().strip());
                            continue;
                        }
                        String[] parts = r.body().strip().split(" ");
                        long count = Long.parseLong(parts[0]);
                        counterInstances.add(parts[1]);
                        mine++;
                        if (count != last + 1) {
                            miscounts.incrementAndGet();
                            record(failures, "count " + count + " after " + last);
                        }
                        last = count;
                    } catch (Exception e) {
                        failed.incrementAndGet();
                        record(failures, e.toString());
                    }
                }
                expectedTotal.addAndGet(mine);
                foundTotal.addAndGet(last);
            }));
        }
        all.add(Thread.ofPlatform().start(() -> {
            HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
            try {
                sent.incrementAndGet();
                HttpResponse<String> in = http.send(
                        HttpRequest.newBuilder(URI.create(base + "/login.ashx?user=ada")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (in.statusCode() != 200) {
                    failed.incrementAndGet();
                    record(failures, "sign-in " + in.statusCode());
                    return;
                }
                while (System.nanoTime() < deadline) {
                    sent.incrementAndGet();
                    HttpResponse<String> r = http.send(
                            HttpRequest.newBuilder(URI.create(base + "/private/whoami.ashx")).build(),
                            HttpResponse.BodyHandlers.ofString());
                    String[] parts = r.body().strip().split(" ");
                    if (r.statusCode() == 200 && parts[0].equals("ada")) {
                        formsInstances.add(parts[1]);
                    } else {
                        failed.incrementAndGet();
                        record(failures, "whoami " + r.statusCode() + " " + r.body().strip());
                    }
                    Thread.sleep(20);
                }
            } catch (Exception e) {
                failed.incrementAndGet();
                record(failures, e.toString());
            }
        }));
        for (Thread t : all) {
            t.join();
        }
        System.out.println("requests sent: " + sent.get());
        System.out.println("failed (non-2xx or no response): " + failed.get());
        System.out.println("session counter: expected " + expectedTotal.get() + ", found " + foundTotal.get()
                + " over " + threads + " sessions; out-of-order counts: " + miscounts.get());
        System.out.println("counter served by instances (pid): " + new TreeSet<>(counterInstances));
        System.out.println("forms sign-in valid on instances (pid): " + new TreeSet<>(formsInstances));
        synchronized (failures) {
            failures.stream().limit(10).forEach(f -> System.out.println("  failure: " + f));
        }
        boolean ok = failed.get() == 0 && miscounts.get() == 0 && expectedTotal.get() == foundTotal.get();
        System.out.println(ok ? "RESULT: OK" : "RESULT: FAILED");
        System.exit(ok ? 0 : 1);
    }

    private static void record(List<String> failures, String what) {
        synchronized (failures) {
            failures.add(what);
        }
    }
}
