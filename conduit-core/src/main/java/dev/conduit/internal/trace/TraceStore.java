package dev.conduit.internal.trace;

import dev.conduit.HttpContext;
import dev.conduit.NameValueCollection;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The traced requests of an application, as System.Web keeps them (spec §7.1): at most {@code requestLimit}; with
 * {@code mostRecent="false"} collection stops once the limit is reached, until trace.axd's clear turns it back on;
 * with {@code mostRecent="true"} the oldest is dropped for each new one. Thread-safe.
 */
public final class TraceStore {
    private final TraceSettings settings;
    private final List<TraceRecord> records = new ArrayList<>();
    /** Written under the lock; read without it by {@link #collecting}, once per request. */
    private volatile boolean stopped;

    public TraceStore(TraceSettings settings) {
        this.settings = settings;
    }

    public TraceSettings settings() {
        return settings;
    }

    /** Tells whether a new request should be traced (asked for every request: no lock, no fence when tracing is off). */
    public boolean collecting() {
        return settings.enabled() && !stopped;
    }

    /**
     * Finishes a traced request: keeps its record for trace.axd and, with {@code pageOutput} (to local requests only
     * when {@code localOnly}), appends the trace to its page when that page is HTML still in the buffer.
     *
     * @param form the request's form if the handler read it, else {@code null}: tracing never consumes a body
     * @param htmlPageBuffered whether the response is a buffered {@code text/html} page (not HEAD) that may still grow
     */
    public void finish(
            RequestTrace trace, HttpContext context, @Nullable NameValueCollection form, boolean htmlPageBuffered) {
        TraceRecord record = trace.toRecord(context, form);
        if (settings.pageOutput()
                && htmlPageBuffered
                && (!settings.localOnly() || context.request().isLocal())) {
            context.response().write(TracePages.inline(record, settings.sortByCategory()));
        }
        add(record);
    }

    /** Keeps a finished request. */
    public synchronized void add(TraceRecord record) {
        if (!settings.enabled() || stopped || settings.requestLimit() == 0) {
            return;
        }
        if (records.size() >= settings.requestLimit()) {
            if (!settings.mostRecent()) {
                stopped = true;
                return;
            }
            records.remove(0);
        }
        records.add(record);
        if (!settings.mostRecent() && records.size() >= settings.requestLimit()) {
            stopped = true;
        }
    }

    /** The kept requests, oldest first. */
    public synchronized List<TraceRecord> records() {
        return List.copyOf(records);
    }

    /** How many more requests will be kept before collection stops ({@code mostRecent="false"}). */
    public synchronized int remaining() {
        return Math.max(0, settings.requestLimit() - records.size());
    }

    /** Forgets every request and turns collection back on. */
    public synchronized void clear() {
        records.clear();
        stopped = false;
    }
}
