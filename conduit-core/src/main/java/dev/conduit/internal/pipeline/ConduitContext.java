package dev.conduit.internal.pipeline;

import dev.conduit.HttpContext;
import dev.conduit.HttpHandler;
import dev.conduit.HttpServerUtility;
import dev.conduit.internal.config.FolderConfig;
import java.security.Principal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The context of one request. Built-in handlers reach the runtime's services through it ({@link #site()}, {@link
 * #config()}); site code sees only {@link HttpContext}.
 */
public final class ConduitContext implements HttpContext {
    private final SiteServices site;
    private final ConduitRequest request;
    private final ConduitResponse response;
    private final ServerUtility server;
    private final Instant timestamp;
    private @Nullable Map<Object, Object> items;
    private @Nullable HttpHandler handler;
    private @Nullable HttpHandler remapped;
    private boolean mapped;
    private @Nullable Principal user;
    private @Nullable List<Throwable> errors;
    private boolean completed;
    private @Nullable FolderConfig config;

    ConduitContext(SiteServices site, ConduitRequest request, ConduitResponse response, Instant timestamp) {
        this.site = site;
        this.request = request;
        this.response = response;
        this.timestamp = timestamp;
        this.server = new ServerUtility(this);
    }

    /** The runtime's services for built-in handlers. */
    public SiteServices site() {
        return site;
    }

    /** The effective configuration of the requested file. */
    public FolderConfig config() {
        FolderConfig c = config;
        if (c == null) {
            c = site.configuration().forPath(request.filePath());
            config = c;
        }
        return c;
    }

    void resetConfig() {
        config = null;
    }

    @Override
    public ConduitRequest request() {
        return request;
    }

    @Override
    public ConduitResponse response() {
        return response;
    }

    @Override
    public HttpServerUtility server() {
        return server;
    }

    @Override
    public Map<Object, Object> items() {
        Map<Object, Object> m = items;
        if (m == null) {
            m = new HashMap<>();
            items = m;
        }
        return m;
    }

    @Override
    public Instant timestamp() {
        return timestamp;
    }

    @Override
    public @Nullable HttpHandler handler() {
        return handler;
    }

    void setHandler(@Nullable HttpHandler h) {
        this.handler = h;
        this.mapped = true;
    }

    @Override
    public @Nullable HttpHandler currentHandler() {
        return handler;
    }

    @Override
    public void remapHandler(HttpHandler h) {
        if (mapped) {
            throw new IllegalStateException("remapHandler must be called before the handler is mapped");
        }
        this.remapped = h;
    }

    @Nullable
    HttpHandler remappedHandler() {
        return remapped;
    }

    @Override
    public @Nullable Principal user() {
        return user;
    }

    @Override
    public void setUser(@Nullable Principal newUser) {
        this.user = newUser;
    }

    @Override
    public @Nullable Throwable error() {
        return errors == null || errors.isEmpty() ? null : errors.get(0);
    }

    @Override
    public List<Throwable> allErrors() {
        return errors == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(errors));
    }

    @Override
    public void addError(Throwable error) {
        if (errors == null) {
            errors = new ArrayList<>(1);
        }
        errors.add(error);
    }

    boolean hasError() {
        return errors != null && !errors.isEmpty();
    }

    @Override
    public void clearError() {
        errors = null;
    }

    @Override
    public void completeRequest() {
        completed = true;
    }

    @Override
    public boolean isRequestCompleted() {
        return completed;
    }
}
