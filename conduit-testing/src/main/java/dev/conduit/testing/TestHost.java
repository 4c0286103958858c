package dev.conduit.testing;

import dev.conduit.NameValueCollection;
import dev.conduit.runtime.HttpRuntime;
import dev.conduit.runtime.RuntimeOptions;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The real runtime over a site folder, in memory: every module, mapping rule and handler runs exactly as under the
 * embedded server, but requests and responses never touch a socket.
 *
 * <pre>{@code
 * try (TestHost host = TestHost.start(Path.of("samples/demo"))) {
 *     TestResponse r = host.get("/hello.ashx?name=Ada").send();
 *     assertThat(r.status()).isEqualTo(200);
 * }
 * }</pre>
 *
 * <p>Requests come from 127.0.0.1 (a local request) unless {@link Request#from(String)} says otherwise. Targets are
 * passed to the runtime exactly as written, so tests can send encodings a real client would normalize away.
 */
public final class TestHost implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 80);

    private final HttpRuntime runtime;

    private TestHost(HttpRuntime runtime) {
        this.runtime = runtime;
    }

    /**
     * Starts the site at {@code siteRoot}.
     *
     * @throws dev.conduit.ConfigurationException when the site's configuration has errors
     */
    public static TestHost start(Path siteRoot) {
        return new TestHost(HttpRuntime.start(RuntimeOptions.of(siteRoot)));
    }

    /** Starts a site with custom runtime options. */
    public static TestHost start(RuntimeOptions options) {
        return new TestHost(HttpRuntime.start(options));
    }

    /** The runtime under test. */
    public HttpRuntime runtime() {
        return runtime;
    }

    /** A GET request for {@code target}. */
    public Request get(String target) {
        return request("GET", target);
    }

    /** A HEAD request for {@code target}. */
    public Request head(String target) {
        return request("HEAD", target);
    }

    /** A POST request for {@code target}. */
    public Request post(String target) {
        return request("POST", target);
    }

    /** A request with any method. */
    public Request request(String method, String target) {
        return new Request(method, target);
    }

    @Override
    public void close() {
        runtime.close();
    }

    /** A request being built; {@link #send()} runs it. */
    public final class Request {
        private final String method;
        private final String target;
        private final NameValueCollection.Builder headers = NameValueCollection.builder();
        private byte[] body = new byte[0];
        private InetSocketAddress remote = new InetSocketAddress("127.0.0.1", 50000);
        private boolean secure;

        private Request(String method, String target) {
            this.method = method;
            this.target = target;
            headers.add("Host", "localhost");
        }

        /** Adds a request header. */
        public Request header(String name, String value) {
            headers.add(name, value);
            return this;
        }

        /** Sets the body (UTF-8) and its Content-Type. */
        public Request body(String contentType, String text) {
            headers.set("Content-Type", contentType);
            body = text.getBytes(StandardCharsets.UTF_8);
            return this;
        }

        /** Sets the body (UTF-8), keeping the Content-Type set with {@link #header}. */
        public Request body(String text) {
            body = text.getBytes(StandardCharsets.UTF_8);
            return this;
        }

        /** Sets the body bytes. */
        public Request body(byte[] bytes) {
            body = bytes.clone();
            return this;
        }

        /** Makes the request come from {@code ip} (for example a remote client's address). */
        public Request from(String ip) {
            remote = new InetSocketAddress(ip, 50000);
            return this;
        }

        /** Makes the request arrive as if over TLS ({@code isSecureConnection()} is true, the URL is https). */
        public Request secure() {
            secure = true;
            return this;
        }

        /** Runs the request and waits (up to a minute) for its response. */
        public TestResponse send() {
            try {
                return sendAsync().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for " + method + " " + target, e);
            } catch (ExecutionException e) {
                throw new IllegalStateException(method + " " + target + " failed in the runtime", e.getCause());
            } catch (TimeoutException e) {
                throw new IllegalStateException(method + " " + target + " got no response within " + TIMEOUT, e);
            }
        }

        /**
         * Starts the request; the future completes with its response once the request is entirely over: the response
         * sent and the request's handlers released (so a next request sees a pooled handler again).
         */
        public CompletableFuture<TestResponse> sendAsync() {
            InMemoryExchange exchange =
                    new InMemoryExchange(method, target, headers.build(), body, remote, LOCAL, secure);
            return runtime.execute(exchange).thenCompose(ignored -> exchange.result());
        }
    }
}
