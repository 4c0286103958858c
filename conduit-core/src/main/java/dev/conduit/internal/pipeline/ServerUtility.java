package dev.conduit.internal.pipeline;

import dev.conduit.HttpServerUtility;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/** {@code context.server()}: path mapping and error access for one request (it fails once the request ended). */
final class ServerUtility implements HttpServerUtility {
    private static final String MACHINE_NAME = machine();

    private final ContextHandle context;

    ServerUtility(ContextHandle context) {
        this.context = context;
    }

    @Override
    public String mapPath(String virtualPath) {
        String v = virtualPath.replace('\\', '/');
        String absolute;
        if (v.startsWith("~/") || v.equals("~")) {
            absolute = v.substring(1);
        } else if (v.startsWith("/")) {
            absolute = v;
        } else {
            String file = context.live().request().filePath();
            absolute = file.substring(0, file.lastIndexOf('/') + 1) + v;
        }
        if (absolute.isEmpty()) {
            absolute = "/";
        }
        // The same strict rules as request paths: no '..' above the root, no encoded tricks.
        String normalized = RequestTarget.parse(dev.conduit.HttpUtility.urlPathEncode(absolute))
                .path();
        Path root = context.live().site().siteRoot();
        return (normalized.length() <= 1 ? root : root.resolve(normalized.substring(1))).toString();
    }

    @Override
    public @Nullable Throwable getLastError() {
        return context.error();
    }

    @Override
    public void clearError() {
        context.clearError();
    }

    @Override
    public String machineName() {
        return MACHINE_NAME;
    }

    private static String machine() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
