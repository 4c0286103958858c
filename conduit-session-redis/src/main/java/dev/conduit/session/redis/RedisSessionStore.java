package dev.conduit.session.redis;

import dev.conduit.HttpException;
import dev.conduit.spi.ReleaseWaiters;
import dev.conduit.spi.SessionData;
import dev.conduit.spi.SessionLookup;
import dev.conduit.spi.SessionStore;
import dev.conduit.spi.SessionStoreContext;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Session state in Redis with ASP.NET's exclusive locking, for several Conduit instances that share sessions. A site
 * names it in {@code <sessionState mode="Custom" customProvider="redis">} with {@code <providers><add name="redis"
 * type="dev.conduit.session.redis.RedisSessionStore" host="…"/>} (or type {@code
 * Microsoft.Web.Redis.RedisSessionStateProvider}, an alias: an ASP.NET site's entry works unchanged; see {@link
 * RedisSettings} for the attributes).
 *
 * <p><b>Locking.</b> Each operation is one Lua script ({@link Scripts}): acquire-and-read, lock ages from the Redis
 * clock, lock ids that fence (a save, release or removal with a lock id that is no longer the session's changes
 * nothing and answers {@link Result#LOCK_LOST}). A release publishes the session id on the application's channel in
 * the same step; every instance listens on one pub/sub connection and wakes its waiting requests at once. Pub/sub
 * loses messages (a reconnect; a lock that expires publishes nothing), so a waiter also asks again after at most
 * {@link #REPOLL}: a lost message costs latency, never correctness.
 *
 * <p><b>Failures.</b> Commands have a bounded timeout ({@code operationTimeoutInMilliseconds}) and a bounded queue,
 * and are refused at once while the connection is down (Lettuce reconnects in the background; pub/sub subscriptions
 * come back with it). A request whose store call fails gets 503 "session state is unavailable", quickly; nothing
 * blocks a thread. Data that no longer reads (a site class changed, or bytes the filter of {@link
 * SessionData#fromBytes} refuses) is dropped as an expired session would be, logged once.
 */
public final class RedisSessionStore implements SessionStore {
    private static final System.Logger LOG = System.getLogger("dev.conduit.session.redis");
    private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

    /** The longest a waiter waits for a release message before it asks Redis again. */
    static final Duration REPOLL = Duration.ofMillis(250);

    private final ReleaseWaiters waiters = new ReleaseWaiters(REPOLL);
    private final AtomicBoolean failing = new AtomicBoolean();
    private final AtomicBoolean unreadableLogged = new AtomicBoolean();
    private final AtomicLong unreadable = new AtomicLong();

    private @Nullable RedisClient client;
    private @Nullable ClientResources resources;
    private @Nullable RedisURI uri;
    private @Nullable RedisSettings settings;
    private ClassLoader loader = RedisSessionStore.class.getClassLoader();
    private String app = "/";
    private byte[] channel = new byte[0];
    private volatile @Nullable CompletableFuture<StatefulRedisConnection<String, byte[]>> connection;
    private volatile @Nullable CompletableFuture<StatefulRedisPubSubConnection<String, byte[]>> subscription;
    private volatile boolean closed;

    /** Creates the store; {@link #initialize} configures it. */
    public RedisSessionStore() {}

    @Override
    public void initialize(SessionStoreContext context) {
        RedisSettings s = RedisSettings.of(context.attributes());
        for (String w : s.warnings()) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    context.where() + ": warning: <providers><add name=\"" + context.name() + "\"> " + w);
        }
        settings = s;
        loader = context.classLoader();
        app = s.applicationName();
        channel = ("cs:" + s.applicationName() + ":released").getBytes(StandardCharsets.UTF_8);
        RedisURI.Builder b = RedisURI.builder()
                .withHost(s.host())
                .withPort(s.port())
                .withSsl(s.ssl())
                .withDatabase(s.database())
                .withTimeout(s.operationTimeout());
        if (s.password() != null) {
            b.withPassword(s.password().toCharArray());
        }
        uri = b.build();
        // Reconnect soon after an outage (Lettuce's default backs off to 30 s): 50 ms doubling up to 1 s.
        resources = DefaultClientResources.builder()
                .reconnectDelay(
                        Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS))
                .build();
        RedisClient c = RedisClient.create(resources);
        c.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .requestQueueSize(10_000)
                .timeoutOptions(TimeoutOptions.enabled(s.operationTimeout()))
                .socketOptions(SocketOptions.builder()
                        .connectTimeout(s.connectTimeout())
                        .build())
                .build());
        client = c;
    }

    /** The session hash's key: one hash tag per session, so a session's keys share a cluster slot. */
    private String dataKey(String id) {
        return "cs:{" + app + ":" + id + "}";
    }

    private String[] keys(String id) {
        String data = dataKey(id);
        return new String[] {data, data + ":lock"};
    }

    private static String text(Object redisValue) {
        return redisValue instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(redisValue);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public CompletionStage<SessionLookup> getItem(String id) {
        return lookup(id, false);
    }

    @Override
    public CompletionStage<SessionLookup> getItemExclusive(String id) {
        return lookup(id, true);
    }

    private CompletionStage<SessionLookup> lookup(String id, boolean exclusive) {
        return this.<List<Object>>run(Scripts.GET, ScriptOutputType.MULTI, keys(id), bytes(exclusive ? "1" : "0"))
                .thenCompose(r -> {
                    long kind = (Long) r.get(0);
                    if (kind == 0) {
                        return CompletableFuture.completedFuture(SessionLookup.MISSING);
                    }
                    long lockId = Long.parseLong(text(r.get(1)));
                    if (kind == 2) {
                        Duration age = Duration.ofNanos(Math.max(0, (Long) r.get(2)) * 1000);
                        return CompletableFuture.completedFuture(new SessionLookup.Locked(age, lockId));
                    }
                    byte[] data = (byte[]) r.get(2);
                    boolean init =
                            r.size() > 3 && r.get(3) != null && text(r.get(3)).equals("1");
                    if (data == null) {
                        return CompletableFuture.completedFuture(
                                new SessionLookup.Found(new SessionData(Duration.ofMinutes(20)), lockId, true));
                    }
                    try {
                        return CompletableFuture.completedFuture(
                                new SessionLookup.Found(SessionData.fromBytes(data, loader), lockId, init));
                    } catch (UncheckedIOException e) {
                        return dropUnreadable(id, lockId, e);
                    }
                });
    }

    /** Data that no longer reads: removed, and the request sees no session, as if it had expired. */
    private CompletionStage<SessionLookup> dropUnreadable(String id, long lockId, UncheckedIOException e) {
        unreadable.incrementAndGet();
        if (unreadableLogged.compareAndSet(false, true)) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "session data in Redis no longer reads (" + e.getMessage() + "); such sessions are dropped as"
                            + " expired ones are (logged once)");
        }
        return removeItem(id, lockId).handle((r, ex) -> SessionLookup.MISSING);
    }

    /** How many sessions were dropped because their data no longer read (for tests and diagnostics). */
    public long unreadableSessions() {
        return unreadable.get();
    }

    @Override
    public CompletionStage<Result> setAndReleaseItemExclusive(
            String id, SessionData data, long lockId, boolean newItem) {
        byte[] bytes = data.toBytes();
        return this.<Long>run(
                        Scripts.SET_AND_RELEASE,
                        ScriptOutputType.INTEGER,
                        keys(id),
                        channel,
                        bytes(id),
                        bytes(Long.toString(lockId)),
                        bytes,
                        bytes(Long.toString(data.timeout().toMillis())),
                        bytes(newItem ? "1" : "0"))
                .thenApply(n -> released(id, n));
    }

    @Override
    public CompletionStage<Result> releaseItemExclusive(String id, long lockId) {
        return this.<Long>run(
                        Scripts.RELEASE,
                        ScriptOutputType.INTEGER,
                        keys(id),
                        channel,
                        bytes(id),
                        bytes(Long.toString(lockId)))
                .thenApply(n -> released(id, n));
    }

    @Override
    public CompletionStage<Result> removeItem(String id, long lockId) {
        return this.<Long>run(
                        Scripts.REMOVE,
                        ScriptOutputType.INTEGER,
                        keys(id),
                        channel,
                        bytes(id),
                        bytes(Long.toString(lockId)))
                .thenApply(n -> released(id, n));
    }

    /** A script's 1 or 0 as a result; this instance's waiters are woken at once (the message reaches the others). */
    private Result released(String id, long n) {
        if (n == 1) {
            wake(id);
            return Result.DONE;
        }
        return Result.LOCK_LOST;
    }

    @Override
    public CompletionStage<Void> resetItemTimeout(String id) {
        return this.<Long>run(Scripts.RESET_TIMEOUT, ScriptOutputType.INTEGER, keys(id))
                .thenApply(n -> null);
    }

    @Override
    public CompletionStage<Void> createUninitializedItem(String id, Duration timeout) {
        return this.<Long>run(
                        Scripts.CREATE_UNINITIALIZED,
                        ScriptOutputType.INTEGER,
                        keys(id),
                        bytes(Long.toString(timeout.toMillis())))
                .thenApply(n -> null);
    }

    /**
     * Completes when a release of {@code id} is announced (by this instance or over pub/sub), when the lock is found
     * free, or after {@link #REPOLL} (or {@code maxWait}, if shorter): the caller then asks again.
     */
    @Override
    public CompletionStage<Void> awaitRelease(String id, Duration maxWait) {
        CompletableFuture<Void> waiter = waiters.await(id, maxWait);
        subscribed(); // the first waiter starts listening
        // Registered first, then checked: a release between the caller's lookup and now is not missed.
        connected().thenCompose(c -> c.async().exists(keys(id)[1])).whenComplete((n, e) -> {
            if (e != null || n == null || n == 0) {
                waiter.complete(null);
            }
        });
        return waiter;
    }

    private void wake(String id) {
        waiters.wake(id);
    }

    /** Runs {@code script} by its SHA-1, loading it when Redis does not know it (after a restart, say). */
    @SuppressWarnings("unchecked")
    private <T> CompletionStage<T> run(Scripts.Script script, ScriptOutputType type, String[] keys, byte[]... args) {
        CompletionStage<T> result = connected().thenCompose(c -> c.async()
                .<T>evalsha(script.sha(), type, keys, args)
                .exceptionallyCompose(e -> unwrap(e) instanceof RedisNoScriptException
                        ? c.async().<T>eval(script.text(), type, keys, args)
                        : CompletableFuture.failedFuture(e)));
        return result.handle((r, e) -> {
            if (e != null) {
                throw unavailable(e);
            }
            if (failing.compareAndSet(true, false)) {
                LOG.log(System.Logger.Level.INFO, "session state in Redis is available again");
            }
            return r;
        });
    }

    private static Throwable unwrap(Throwable e) {
        return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    }

    private CompletionException unavailable(Throwable e) {
        Throwable cause = unwrap(e);
        if (failing.compareAndSet(false, true)) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "session state in Redis is unavailable (" + cause + "); requests that need a session get 503"
                            + " until it is back");
        }
        return new CompletionException(
                new HttpException(503, "Session state is unavailable; try again shortly.", cause));
    }

    /** The command connection, made on first use and again after a failed attempt. */
    private CompletionStage<StatefulRedisConnection<String, byte[]>> connected() {
        CompletableFuture<StatefulRedisConnection<String, byte[]>> c = connection;
        if (c != null && !(c.isCompletedExceptionally())) {
            return c;
        }
        synchronized (this) {
            c = connection;
            if (c == null || c.isCompletedExceptionally()) {
                if (closed) {
                    return CompletableFuture.failedFuture(new IllegalStateException("the session store is closed"));
                }
                c = client().connectAsync(CODEC, uri()).toCompletableFuture();
                connection = c;
            }
            return c;
        }
    }

    /** The pub/sub connection, subscribed to the application's channel, made when the first request waits. */
    private void subscribed() {
        CompletableFuture<StatefulRedisPubSubConnection<String, byte[]>> s = subscription;
        if (s != null && !s.isCompletedExceptionally()) {
            return;
        }
        synchronized (this) {
            s = subscription;
            if ((s == null || s.isCompletedExceptionally()) && !closed) {
                String name = new String(channel, StandardCharsets.UTF_8);
                subscription = client().connectPubSubAsync(CODEC, uri())
                        .toCompletableFuture()
                        .thenCompose(p -> {
                            p.addListener(new RedisPubSubAdapter<>() {
                                @Override
                                public void message(String ch, byte[] message) {
                                    wake(new String(message, StandardCharsets.UTF_8));
                                }
                            });
                            return p.async().subscribe(name).thenApply(v -> p);
                        });
            }
        }
    }

    private RedisClient client() {
        RedisClient c = client;
        if (c == null) {
            throw new IllegalStateException("initialize was not called");
        }
        return c;
    }

    private RedisURI uri() {
        RedisURI u = uri;
        if (u == null) {
            throw new IllegalStateException("initialize was not called");
        }
        return u;
    }

    @Override
    public void close() {
        closed = true;
        for (CompletableFuture<?> f : new CompletableFuture<?>[] {connection, subscription}) {
            if (f != null) {
                f.thenAccept(c -> ((io.lettuce.core.api.StatefulConnection<?, ?>) c).closeAsync());
            }
        }
        RedisClient c = client;
        if (c != null) {
            c.shutdownAsync(0, 2, TimeUnit.SECONDS);
        }
        ClientResources r = resources;
        if (r != null) {
            r.shutdown(0, 2, TimeUnit.SECONDS);
        }
        waiters.wakeAll();
    }

    @Override
    public String toString() {
        RedisSettings s = settings;
        return "RedisSessionStore[" + (s == null ? "not initialized" : s.host() + ":" + s.port() + "/" + s.database())
                + ", application " + app + "]";
    }
}
